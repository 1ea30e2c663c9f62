import { expect } from 'chai';
import { mkdtemp, mkdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { FabricTestkitError } from '../../src/errors';
import type { CollectionConfig } from '@fabric-testkit/fabric-core';
import { FabricNetwork } from '../../src/network/fabric-network';
import type { ChaincodeOptions } from '../../src/network/options';
import type { NodeRuntime } from '../../src/network/runtime';

/** A runtime that records every call and fails the test's start if the network tries to plan or start anything. */
function untouchable(): { runtime: NodeRuntime; calls: string[] } {
  const calls: string[] = [];
  const refuse = (what: string) => () => {
    calls.push(what);
    return Promise.reject(new Error(`${what} must not be called`));
  };
  const runtime: NodeRuntime = {
    id: 'unused',
    ccaasBuilderPath: '/unused',
    plan: refuse('plan'),
    startNode: refuse('startNode'),
    chaincodeHost: refuse('chaincodeHost'),
    close: () => Promise.resolve(),
  };
  return { runtime, calls };
}

async function startError(network: FabricNetwork): Promise<FabricTestkitError> {
  try {
    await network.start();
  } catch (e) {
    if (e instanceof FabricTestkitError) {
      return e;
    }
    throw e;
  }
  throw new Error('expected start() to fail');
}

const KV = { modulePath: require.resolve('../fixtures/kv-chaincode'), exportName: 'KvChaincode' };
const BASIC = path.resolve(__dirname, '../../../../contracts/asset-transfer-basic');

/** Collections as a user reads them from a collections_config.json file. */
function collectionsJson(text: string): CollectionConfig[] {
  return JSON.parse(text) as CollectionConfig[];
}

describe('network definition checks (before anything starts)', () => {
  let runtime: NodeRuntime;
  let calls: string[];
  let options: { runtime: NodeRuntime; cleanupOnSignal: false };

  beforeEach(() => {
    ({ runtime, calls } = untouchable());
    options = { runtime, cleanupOnSignal: false };
  });
  afterEach(() => {
    expect(calls, 'runtime calls').to.deep.equal([]);
  });

  /** Two organizations on channel c1, and `chaincode` (the kv fixture unless it says otherwise) on it. */
  function networkWith(chaincode: Partial<ChaincodeOptions>): FabricNetwork {
    return new FabricNetwork(options)
      .withOrganization({ name: 'org1' })
      .withOrganization({ name: 'org2' })
      .withChannel({ name: 'c1' })
      .withChaincode({ name: 'kv', channel: 'c1', chaincode: KV, ...chaincode });
  }

  it('needs an organization', async () => {
    expect((await startError(new FabricNetwork(options))).message).to.equal(
      'invalid network definition: a network needs at least one organization (withOrganization)',
    );
  });

  it('bad input: a state database it does not know (network and organization) and query limits that are not positive', async () => {
    const network = new FabricNetwork({
      ...options,
      stateDatabase: 'CouchDB' as 'couchdb',
      queryLimits: { totalQueryLimit: 0, internalQueryLimit: 2.5 },
    }).withOrganization({ name: 'org1', stateDatabase: 'mongo' as 'couchdb' });
    expect((await startError(network)).message).to.equal(
      'invalid network definition: ' +
        `stateDatabase must be 'leveldb' or 'couchdb', not "CouchDB"; ` +
        `organization org1: stateDatabase must be 'leveldb' or 'couchdb', not "mongo"; ` +
        'queryLimits.totalQueryLimit must be a positive integer, not 0; ' +
        'queryLimits.internalQueryLimit must be a positive integer, not 2.5',
    );
  });

  it('bad input 1: a channel member that is not an organization of the network, and a chaincode on an unknown channel', async () => {
    const error = await startError(
      new FabricNetwork(options)
        .withOrganization({ name: 'org1' })
        .withChannel({ name: 'c1', members: ['org9'] })
        .withChaincode({ name: 'kv', channel: 'c2', chaincode: KV }),
    );
    expect(error.message).to.include(
      "channel c1 names member org9, which is not an organization of the network (organizations: org1); add it with withOrganization({ name: 'org9' }) or remove it from members",
    );
    expect(error.message).to.include(
      'chaincode kv names channel c2, which the network does not have (channels: c1); add it with withChannel or deploy the chaincode on one of those',
    );
  });

  it('bad input 2: a channel with no members', async () => {
    const error = await startError(
      new FabricNetwork(options).withOrganization({ name: 'org1' }).withChannel({ name: 'c1', members: [] }),
    );
    expect(error.message).to.equal(
      'invalid network definition: channel c1 has no members; list at least one organization in members, ' +
        'or leave members out for every organization',
    );
  });

  it('bad input 3: duplicate organizations, MSP IDs, channels, channel members and chaincodes on one channel', async () => {
    const error = await startError(
      new FabricNetwork(options)
        .withOrganization({ name: 'org1' })
        .withOrganization({ name: 'org1' })
        .withOrganization({ name: 'org2', mspId: 'Org1MSP' })
        .withChannel({ name: 'c1', members: ['org1', 'org1'] })
        .withChannel({ name: 'c1' })
        .withChannel({ name: 'c2' })
        .withChaincode({ name: 'kv', channel: 'c1', chaincode: KV })
        .withChaincode({ name: 'kv', channel: 'c1', chaincode: KV })
        .withChaincode({ name: 'kv', channel: 'c2', chaincode: KV }),
    );
    expect(error.message).to.include('organization org1 is defined twice; call withOrganization once per organization');
    expect(error.message).to.include(
      'organizations org1 and org2 have the same MSP ID Org1MSP; give one of them another mspId',
    );
    expect(error.message).to.include('channel c1 is defined twice; call withChannel once per channel');
    expect(error.message).to.include('channel c1 lists member org1 twice; list each organization once');
    expect(error.message).to.include(
      'chaincode kv is defined twice on channel c1; give each chaincode on a channel its own name',
    );
    expect(error.message).not.to.include('defined twice on channel c2');
  });

  describe('bad input 4: a chaincode module that does not exist or exports no chaincode', () => {
    let dir: string;

    beforeEach(async () => {
      dir = await mkdtemp(path.join(tmpdir(), 'ftk-validate-'));
    });
    afterEach(async () => {
      await rm(dir, { recursive: true, force: true });
    });

    it('a modulePath that does not exist, or is relative', async () => {
      const missing = path.join(dir, 'nope.js');
      const error = await startError(
        networkWith({ chaincode: { modulePath: missing } }).withChaincode({
          name: 'rel',
          channel: 'c1',
          chaincode: { modulePath: './my-chaincode' },
        }),
      );
      expect(error.message).to.include(
        `chaincode kv: module ${missing} (modulePath) does not exist; give the path of the built chaincode module, ` +
          "e.g. require.resolve('./my-chaincode'), and build it first if it is compiled",
      );
      expect(error.message).to.include(
        `chaincode rel: modulePath "./my-chaincode" must be an absolute path to the chaincode module, e.g. require.resolve('./my-chaincode')`,
      );
    });

    it('a contract package directory that does not exist, has no package.json, or a "main" that was not built', async () => {
      const noPackageJson = path.join(dir, 'empty');
      const unbuilt = path.join(dir, 'unbuilt');
      await mkdir(noPackageJson);
      await mkdir(unbuilt);
      await writeFile(path.join(unbuilt, 'package.json'), JSON.stringify({ name: 'x', main: 'dist/index.js' }));
      const error = await startError(
        networkWith({ chaincode: { contractPackage: path.join(dir, 'gone') } })
          .withChaincode({ name: 'empty', channel: 'c1', chaincode: { contractPackage: noPackageJson } })
          .withChaincode({ name: 'unbuilt', channel: 'c1', chaincode: { contractPackage: unbuilt } }),
      );
      expect(error.message).to.include(
        `chaincode kv: contract package directory ${path.join(dir, 'gone')} (contractPackage) does not exist; ` +
          "give the directory holding the contract's package.json",
      );
      expect(error.message).to.include(
        `chaincode empty: contract package ${noPackageJson} has no package.json; contractPackage must be the directory holding it`,
      );
      expect(error.message).to.include(
        `chaincode unbuilt: "main" of ${path.join(unbuilt, 'package.json')} is "dist/index.js", but ` +
          `${path.join(unbuilt, 'dist', 'index.js')} does not exist; build the package (e.g. npm run build) or fix "main"`,
      );
    });

    it('a module without the named export, or whose export has no Init/Invoke', async () => {
      const helper = path.join(dir, 'helper.js');
      await writeFile(helper, 'exports.Helper = class { run() {} };\n');
      const error = await startError(
        networkWith({ chaincode: { ...KV, exportName: 'KvChaincod' } }).withChaincode({
          name: 'helper',
          channel: 'c1',
          chaincode: { modulePath: helper, exportName: 'Helper' },
        }),
      );
      expect(error.message).to.match(
        new RegExp(
          `chaincode kv: module ${KV.modulePath} has no export "KvChaincod" \\(its exports: [^)]*KvChaincode[^)]*\\); ` +
            'set exportName to the export that is the chaincode class',
        ),
      );
      expect(error.message).to.include(
        `chaincode helper: export "Helper" of ${helper} is not a chaincode; export a class (or an object) with Init and ` +
          'Invoke, or serve a fabric-contract-api package with { contractPackage }',
      );
    });

    it('a module that throws when it is loaded', async () => {
      const broken = path.join(dir, 'broken.js');
      await writeFile(broken, "throw new Error('boom');\n");
      const error = await startError(networkWith({ chaincode: { modulePath: broken } }));
      expect(error.message).to.equal(
        `invalid network definition: chaincode kv: loading ${broken} failed: boom; fix the error it names`,
      );
    });

    it('a contract package whose main exports no contract classes', async () => {
      await writeFile(path.join(dir, 'package.json'), JSON.stringify({ name: 'nothing', main: 'index.js' }));
      await writeFile(path.join(dir, 'index.js'), 'module.exports = { helper: 1 };\n');
      const error = await startError(networkWith({ chaincode: { contractPackage: dir } }));
      expect(error.message).to.equal(
        `invalid network definition: chaincode kv: contract package ${dir} exports no contract classes; its "main" ` +
          'module must export contracts: [MyContract] (classes extending Contract from fabric-contract-api)',
      );
    });

    it('but lets a valid class module and a valid contract package through to the runtime', async () => {
      const error: unknown = await networkWith({})
        .withChaincode({ name: 'basic', channel: 'c1', chaincode: { contractPackage: BASIC } })
        .start()
        .catch((e: unknown) => e);
      expect(error).to.have.property('message', 'plan must not be called');
      calls.length = 0;
    });
  });

  it('bad input 5: policies that name an MSP ID no member of the channel has', async () => {
    const error = await startError(
      networkWith({
        signaturePolicy: "OR('Org3MSP.peer')",
        collections: [
          {
            name: 'pdc',
            policy: "OR('Org1MSP.member', 'Org9MSP.member')",
            endorsementPolicy: { signaturePolicy: "AND('Org2MSP.peer', 'OrdererMSP.member')" },
          },
        ],
      }),
    );
    expect(error.message).to.include(
      `chaincode kv: signaturePolicy "OR('Org3MSP.peer')" names MSP ID Org3MSP, which no member organization of ` +
        'channel c1 has (their MSP IDs: Org1MSP, Org2MSP); use one of those, or add the organization ' +
        '(withOrganization, and to the channel members)',
    );
    expect(error.message).to.include(
      `chaincode kv: collection pdc policy "OR('Org1MSP.member', 'Org9MSP.member')" names MSP ID Org9MSP,`,
    );
    expect(error.message).to.include(
      `chaincode kv: collection pdc endorsementPolicy.signaturePolicy "AND('Org2MSP.peer', 'OrdererMSP.member')" names MSP ID OrdererMSP,`,
    );
    expect(error.message).not.to.include('names MSP ID Org1MSP');
    expect(error.message).not.to.include('names MSP ID Org2MSP');
  });

  it('bad input 5: an organization of the network that is not a member of the chaincode channel', async () => {
    const error = await startError(
      new FabricNetwork(options)
        .withOrganization({ name: 'org1' })
        .withOrganization({ name: 'org2' })
        .withChannel({ name: 'c1', members: ['org1'] })
        .withChaincode({
          name: 'kv',
          channel: 'c1',
          chaincode: KV,
          signaturePolicy: "AND('Org1MSP.peer','Org2MSP.peer')",
        }),
    );
    expect(error.message).to.include(
      'names MSP ID Org2MSP, which no member organization of channel c1 has (their MSP IDs: Org1MSP)',
    );
  });

  it('parses chaincode and collection policies before anything starts', async () => {
    const error = await startError(
      networkWith({
        signaturePolicy: "AND('Org1MSP.peer'",
        collections: [
          { name: 'pdc', policy: "OR('Org1MSP.member')" },
          { name: 'bad', policy: 'Org1MSP' },
        ],
      }),
    );
    expect(error.message).to.include(`chaincode kv: signaturePolicy "AND('Org1MSP.peer'":`);
    expect(error.message).to.include('chaincode kv: collection bad policy "Org1MSP":');
    expect(error.message).not.to.include('collection pdc');
  });

  describe('bad input 6: collections JSON with a wrong field', () => {
    async function collectionError(json: string): Promise<string> {
      return (await startError(networkWith({ collections: collectionsJson(json) }))).message;
    }

    it('a field of the wrong type names the collection, the field and the expected type', async () => {
      const message = await collectionError(
        '[{"name":"pdc","policy":"OR(\'Org1MSP.member\')","requiredPeerCount":"1","memberOnlyRead":"true","blockToLive":-1}]',
      );
      expect(message).to.include(
        'chaincode kv: collection pdc: requiredPeerCount must be a whole number, 0 or more, not string "1"',
      );
      expect(message).to.include(
        'chaincode kv: collection pdc: memberOnlyRead must be true or false, not string "true"',
      );
      expect(message).to.include(
        'chaincode kv: collection pdc: blockToLive must be a whole number, 0 or more, not number -1',
      );
    });

    it('an unknown field is refused, listing the known ones (Fabric would ignore it silently)', async () => {
      const message = await collectionError(
        '[{"name":"pdc","policy":"OR(\'Org1MSP.member\')","memberOrgPolicy":"OR(\'Org2MSP.member\')"}]',
      );
      expect(message).to.equal(
        'invalid network definition: chaincode kv: collection pdc: unknown field memberOrgPolicy (known: name, ' +
          'policy, requiredPeerCount, maxPeerCount, blockToLive, memberOnlyRead, memberOnlyWrite, endorsementPolicy); ' +
          "refused deliberately, as Fabric's peer CLI would ignore it silently",
      );
    });

    it('a missing name or policy', async () => {
      const message = await collectionError('[{"policy":"OR(\'Org1MSP.member\')"},{"name":"pdc"}]');
      expect(message).to.include('chaincode kv: collection #1 has no name: give "name" (letters, digits, "_" and "-")');
      expect(message).to.include(
        `chaincode kv: collection pdc has no policy: give "policy", the member organizations, e.g. "OR('Org1MSP.member')"`,
      );
    });

    it('maxPeerCount below requiredPeerCount (also by default), a bad name, a duplicate, both endorsement policies', async () => {
      const message = await collectionError(
        JSON.stringify([
          { name: 'a', policy: "OR('Org1MSP.member')", requiredPeerCount: 2, maxPeerCount: 1 },
          { name: 'b', policy: "OR('Org1MSP.member')", requiredPeerCount: 2 },
          { name: '_c', policy: "OR('Org1MSP.member')" },
          { name: 'a', policy: "OR('Org1MSP.member')" },
          {
            name: 'e',
            policy: "OR('Org1MSP.member')",
            endorsementPolicy: { signaturePolicy: "OR('Org1MSP.peer')", channelConfigPolicy: 'Endorsement', rule: 'x' },
          },
        ]),
      );
      expect(message).to.include(
        'chaincode kv: collection a: maxPeerCount (1) cannot be less than requiredPeerCount (2) ' +
          '(defaults: requiredPeerCount 0, maxPeerCount 1); raise maxPeerCount or lower requiredPeerCount',
      );
      expect(message).to.include(
        'chaincode kv: collection b: maxPeerCount (1) cannot be less than requiredPeerCount (2)',
      );
      expect(message).to.include(
        "chaincode kv: collection _c: name must match ^[A-Za-z0-9-]+([A-Za-z0-9_-]+)*$ (Fabric's rule for collection names)",
      );
      expect(message).to.include('chaincode kv: collection a is defined twice; give each collection its own name');
      expect(message).to.include(
        'chaincode kv: collection e endorsementPolicy: give signaturePolicy or channelConfigPolicy, not both',
      );
      expect(message).to.include(
        'chaincode kv: collection e endorsementPolicy: unknown field rule (known: signaturePolicy, channelConfigPolicy)',
      );
    });

    it('collections that are not a list of objects', async () => {
      expect(await collectionError('{"name":"pdc"}')).to.include(
        `chaincode kv: collections must be an array (Fabric's collections JSON is a list), not object {"name":"pdc"}`,
      );
      expect(await collectionError('["pdc"]')).to.include(
        `chaincode kv: collection #1 must be an object in Fabric's collections JSON shape, not string "pdc"`,
      );
    });
  });

  it('accepts 1 or 3 orderers only, and valid names', async () => {
    const error = await startError(
      new FabricNetwork({ ...options, orderers: 2 as 1 })
        .withOrganization({ name: 'Org_1', peers: 0 })
        .withChannel({ name: 'My Channel' }),
    );
    expect(error.message).to.include("orderers must be 1 or 3 with Raft, not 2 (4 is for consensus: 'bft')");
    expect(error.message).to.include('organization name "Org_1" must match');
    expect(error.message).to.include('organization Org_1: peers must be a positive integer');
    expect(error.message).to.include('channel name "My Channel" must match');
  });

  it('bad input 9: refuses Fabric 3 options on Fabric 2.5 (BFT, V3_0) and BFT with other than 4 orderers', async () => {
    const on25 = await startError(
      new FabricNetwork({ ...options, fabricVersion: '2.5', consensus: 'bft' })
        .withOrganization({ name: 'org1' })
        .withChannel({ name: 'mychannel', channelCapability: 'V3_0' }),
    );
    const fix =
      "needs Fabric 3 and this network runs Fabric 2: give fabricVersion: '3.1' (or set FABRIC_TESTKIT_FABRIC_VERSION=3.1), or leave the option out";
    expect(on25.message).to.include(`consensus 'bft' ${fix}`);
    expect(on25.message).to.include(`channel mychannel: channelCapability V3_0 ${fix}`);

    const three = await startError(
      new FabricNetwork({ ...options, fabricVersion: '3.1', consensus: 'bft', orderers: 3 })
        .withOrganization({ name: 'org1' })
        .withChannel({ name: 'mychannel' }),
    );
    expect(three.message).to.include("consensus 'bft' runs 4 orderers (3f + 1 with f = 1), not 3");
    expect(three.message).not.to.include('needs Fabric 3');
  });
});
