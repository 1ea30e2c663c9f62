// The commands on a running network, on the in-memory target (no Docker): what they print and record, and how they
// refuse bad input. Each run* call opens the network afresh, as a separate CLI process would, so these also show
// that the journal replay carries the ledger from one command to the next.
import { expect } from 'chai';
import { readdirSync, readFileSync } from 'node:fs';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { runInvoke, runQuery, TransactionInvalidError } from '../../src/commands/chaincode-call';
import { runDeploy } from '../../src/commands/chaincode-deploy';
import { runEvents } from '../../src/commands/chaincode-events';
import { runIdentityRegister } from '../../src/commands/identity-register';
import { runNodeLogs } from '../../src/commands/node-logs';
import {
  ChaincodeAlreadyDeployedError,
  FabricRefusedError,
  InvalidFlagError,
  NetworkCommandError,
  NetworkNotRunningError,
  NoNetworkError,
  SeveralNetworksError,
  UnknownChaincodeError,
  UnknownIdentityError,
  UnknownNetworkError,
  UnknownOrganizationError,
} from '../../src/commands/network-errors';
import { NetworkStateStore, type MockNetworkDescription } from '../../src/commands/network-state';
import type { TargetCommandDeps } from '../../src/commands/target-session';
import { main } from '../../src/main';
import { labelledContainer, listedNetworks, type DockerContents } from '../support/docker-listing';

const REPO = path.resolve(__dirname, '..', '..', '..', '..', '..');
const BASIC = path.join(REPO, 'contracts', 'asset-transfer-basic');
const UPGRADE_V2 = path.join(REPO, 'contracts', 'asset-transfer-upgrade-v2');
const GO_SAMPLE = path.join(REPO, 'contracts', 'asset-transfer-go');

/** Processes started with `CHAINCODE_ID=<id>` in their environment (a chaincode server). */
function chaincodeServersOf(id: string): string[] {
  return readdirSync('/proc').filter((pid) => {
    if (!/^\d+$/.test(pid)) return false;
    try {
      return readFileSync(`/proc/${pid}/environ`, 'utf8').split('\0').includes(`CHAINCODE_ID=${id}`);
    } catch {
      return false;
    }
  });
}

function mockNetwork(id: string): MockNetworkDescription {
  return {
    id,
    target: 'mock',
    createdAt: '2026-01-01T00:00:00.000Z',
    channel: 'mychannel',
    organizations: [
      { name: 'org1', mspId: 'Org1MSP' },
      { name: 'org2', mspId: 'Org2MSP' },
    ],
    journal: [],
  };
}

async function rejection(promise: Promise<unknown>): Promise<Error> {
  const outcome: unknown = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  if (!(outcome instanceof Error)) throw new Error('expected a rejection');
  return outcome;
}

describe('deploy, invoke, query, events, identity register on an in-memory network', function () {
  this.timeout(60_000);
  let home: string;
  let store: NetworkStateStore;
  let lines: string[];
  let docker: DockerContents;
  let deps: TargetCommandDeps;

  beforeEach(async () => {
    home = await mkdtemp(path.join(tmpdir(), 'ftk-cc-'));
    store = new NetworkStateStore(home);
    lines = [];
    docker = { containers: [], networks: [] };
    deps = {
      write: (line) => lines.push(line),
      progress: () => undefined,
      store,
      listNetworks: (id) => Promise.resolve(listedNetworks(docker, id)),
    };
  });
  afterEach(async () => {
    await rm(home, { recursive: true, force: true });
  });

  describe('--network: which network a command works on', () => {
    it('says to start one when none is up', async () => {
      const error = await rejection(runQuery('basic', 'ReadAsset', ['a1'], {}, deps));
      expect(error).to.be.instanceOf(NoNetworkError);
      expect(error.message).to.equal(
        'no network is up; start one with "fabric-testkit up" (or "fabric-testkit up --mock" without Docker)',
      );
    });

    it('refuses an unknown --network, listing the networks there are', async () => {
      await store.write(mockNetwork('ftkm1'));
      const error = await rejection(runQuery('basic', 'ReadAsset', ['a1'], { network: 'ftkzz' }, deps));
      expect(error).to.be.instanceOf(UnknownNetworkError);
      expect(error.message).to.equal('no network ftkzz: the networks are ftkm1; pass one of them with --network');
    });

    it('with several up and no --network, lists them; --network or --mock picks one', async () => {
      await store.write(mockNetwork('ftkm1'));
      await store.write({ id: 'ftkr1', createdAt: '', channel: 'c', organizations: [], orderers: [], cas: [] });
      docker = { containers: [labelledContainer('ftkr1', 'peer0.org1', 'running')], networks: [] };
      const error = await rejection(runQuery('basic', 'ReadAsset', ['a1'], {}, deps));
      expect(error).to.be.instanceOf(SeveralNetworksError);
      expect(error.message).to.equal(
        '2 networks are up (ftkm1: in-memory, ftkr1: containers); say which with --network ID',
      );
      for (const flags of [{ network: 'ftkm1' }, { mock: true }]) {
        const chosen = await rejection(runQuery('basic', 'ReadAsset', ['a1'], flags, deps));
        expect(chosen, JSON.stringify(flags)).to.be.instanceOf(UnknownChaincodeError);
        expect(chosen.message).to.include('not deployed on network ftkm1');
      }
    });

    it('does not count a real network whose containers stopped, and refuses it by name', async () => {
      await store.write(mockNetwork('ftkm1'));
      await store.write({ id: 'ftkr1', createdAt: '', channel: 'c', organizations: [], orderers: [], cas: [] });
      docker = { containers: [labelledContainer('ftkr1', 'peer0.org1', 'exited')], networks: [] };
      expect(await rejection(runQuery('basic', 'X', [], {}, deps))).to.be.instanceOf(UnknownChaincodeError);
      const error = await rejection(runQuery('basic', 'X', [], { network: 'ftkr1' }, deps));
      expect(error).to.be.instanceOf(NetworkNotRunningError);
      expect(error.message).to.include('"fabric-testkit down ftkr1" removes it');
    });
  });

  describe('with a network up', () => {
    beforeEach(async () => {
      await store.write(mockNetwork('ftkm1'));
    });

    async function deployBasic(): Promise<void> {
      await runDeploy(BASIC, { name: 'basic' }, false, deps);
      lines.length = 0;
    }

    it('deploy commits the definition and records it; invoke and query see the same ledger in later commands', async () => {
      const record = await runDeploy(BASIC, { name: 'basic' }, false, deps);
      expect(record).to.deep.include({ name: 'basic', version: '0.1.0', sequence: 1, directory: BASIC });
      expect(lines).to.deep.equal([
        'chaincode basic version 0.1.0 sequence 1 is committed on channel mychannel of network ftkm1',
      ]);
      const [outcome] = await runInvoke('basic', 'CreateAsset', ['a1', 'blue', '5', '300'], {}, deps);
      expect(outcome).to.deep.include({ validationCode: 'VALID', blockNumber: 0 });
      expect(JSON.parse(await runQuery('basic', 'ReadAsset', ['a1'], {}, deps))).to.deep.include({
        ID: 'a1',
        Color: 'blue',
      });
      const stored = await store.read('ftkm1');
      expect(stored.chaincodes?.map((c) => c.name)).to.deep.equal(['basic']);
      expect(stored.target === 'mock' ? stored.journal.map((e) => e.kind) : []).to.deep.equal(['deploy', 'invoke']);
    });

    it('deploys a Go chaincode (go.mod): served per organization for each command, stopped when it ends', async function () {
      this.timeout(300_000);
      const record = await runDeploy(GO_SAMPLE, {}, false, deps);
      expect(record).to.deep.include({ name: 'asset-transfer-go', version: '1.0', sequence: 1, language: 'go' });
      const [outcome] = await runInvoke('asset-transfer-go', 'CreateAsset', ['g1', 'green', '3', '70'], {}, deps);
      expect(outcome).to.deep.include({ validationCode: 'VALID' });
      // A later command replays the journal with its own Go servers: the asset is there, owned by Org1's admin.
      const asset = JSON.parse(await runQuery('asset-transfer-go', 'ReadAsset', ['g1'], {}, deps)) as {
        Owner: { MSPID: string };
      };
      expect(asset).to.deep.include({ ID: 'g1', Color: 'green', Size: 3, AppraisedValue: 70 });
      expect(asset.Owner.MSPID).to.equal('Org1MSP');
      // --org org2: Org2's admin calls, through Org2's peer, which dials Org2's own Go server.
      const who = JSON.parse(await runQuery('asset-transfer-go', 'WhoAmI', [], { org: 'org2' }, deps)) as {
        MSPID: string;
      };
      expect(who.MSPID).to.equal('Org2MSP');
      expect(chaincodeServersOf('asset-transfer-go_1.0:ftkm1')).to.deep.equal([]);
    });

    it('invoke --concurrent 2 endorses both copies first: one VALID, one MVCC_READ_CONFLICT, and it fails', async () => {
      await deployBasic();
      await runInvoke('basic', 'CreateAsset', ['a1', 'blue', '5', '300'], {}, deps);
      lines.length = 0;
      const error = await rejection(
        runInvoke('basic', 'UpdateAsset', ['a1', 'red', '6', '400'], { concurrent: '2', json: true }, deps),
      );
      expect(error).to.be.instanceOf(TransactionInvalidError);
      expect(error.message).to.match(
        /^1 of 2 transaction\(s\) committed as invalid: \w+ MVCC_READ_CONFLICT in block 1/,
      );
      const printed = JSON.parse(lines.join('\n')) as { validationCode: string; blockNumber: number }[];
      expect(printed.map((o) => [o.validationCode, o.blockNumber])).to.deep.equal([
        ['VALID', 1],
        ['MVCC_READ_CONFLICT', 1],
      ]);
      expect(JSON.parse(await runQuery('basic', 'ReadAsset', ['a1'], {}, deps))).to.deep.include({ Color: 'red' });
    });

    it("passes the chaincode's refusal through in Fabric's words, with a non-zero exit from the CLI", async () => {
      await deployBasic();
      const error = await rejection(runQuery('basic', 'Nope', [], {}, deps));
      expect(error).to.be.instanceOf(FabricRefusedError);
      expect(error.message).to.include(
        "querying basic Nope failed: 2 UNKNOWN: evaluate call to endorser returned error: chaincode response 500, You've asked to invoke a function that does not exist: Nope",
      );
      const invoke = await rejection(runInvoke('basic', 'ReadAsset', ['a9'], {}, deps));
      expect(invoke.message).to.include('invoking basic ReadAsset failed: 10 ABORTED');
      expect(invoke.message).to.include('The asset a9 does not exist');
    });

    it('identity register issues an identity that --as signs with', async () => {
      await deployBasic();
      const record = await runIdentityRegister('Org2MSP', 'bob', { attr: ['role=auditor'] }, deps);
      expect(record).to.deep.equal({
        name: 'bob',
        organization: 'org2',
        mspId: 'Org2MSP',
        attributes: { role: 'auditor' },
      });
      expect(lines).to.deep.equal(['registered bob of Org2MSP with role=auditor; call as it with --as bob']);
      const me = JSON.parse(await runQuery('basic', 'WhoAmI', [], { as: 'bob' }, deps)) as {
        MSPID: string;
        ID: string;
      };
      expect(me.MSPID).to.equal('Org2MSP');
      expect(me.ID).to.include('CN=bob');
      const twice = await rejection(runIdentityRegister('org1', 'bob', {}, deps));
      expect(twice.message).to.equal(
        'identity bob is already registered (Org2MSP); use it with --as bob, or pick another name',
      );
    });

    it('events prints the events of valid transactions from --from, and --count it cannot reach fails', async () => {
      await deployBasic();
      await runInvoke('basic', 'CreateAsset', ['a1', 'blue', '5', '300'], {}, deps);
      await runInvoke('basic', 'DeleteAsset', ['a1'], {}, deps);
      lines.length = 0;
      const events = await runEvents('basic', { from: '0' }, deps);
      expect(events.map((e) => [e.blockNumber, e.eventName])).to.deep.equal([
        [0, 'AssetCreated'],
        [1, 'AssetDeleted'],
      ]);
      expect(lines[0]).to.match(/^block 0 transaction \w+ event AssetCreated: \{"AppraisedValue":300/);
      expect(await runEvents('basic', { from: '1', count: '1' }, deps)).to.have.length(1);
      const error = await rejection(runEvents('basic', { from: '0', count: '3' }, deps));
      expect(error.message).to.include('chaincode basic has 2 event(s) from block 0, not 3');
    });

    it('upgrade commits the next sequence with the new package; deploy of a deployed name refuses', async () => {
      await runDeploy(BASIC, { name: 'assets' }, false, deps);
      const again = await rejection(runDeploy(BASIC, { name: 'assets' }, false, deps));
      expect(again).to.be.instanceOf(ChaincodeAlreadyDeployedError);
      expect(again.message).to.equal(
        'chaincode assets is already deployed (version 0.1.0, sequence 1); change it with "fabric-testkit upgrade DIR --name assets"',
      );
      const record = await runDeploy(UPGRADE_V2, { name: 'assets' }, true, deps);
      expect(record).to.deep.include({ version: '2.0.0', sequence: 2 });
      expect(await runQuery('assets', 'Version', [], {}, deps)).to.equal('v2');
    });

    describe('bad input: a clear error, nothing recorded', () => {
      async function refuses(
        command: () => Promise<unknown>,
        type: new (...a: never[]) => Error,
        message: string,
      ): Promise<void> {
        const before = await store.read('ftkm1');
        const error = await rejection(command());
        expect(error).to.be.instanceOf(type);
        expect(error.message).to.equal(message);
        expect(await store.read('ftkm1')).to.deep.equal(before);
      }

      it('an unknown chaincode, organization, identity or network', async () => {
        await deployBasic();
        await refuses(
          () => runInvoke('nope', 'X', [], {}, deps),
          UnknownChaincodeError,
          'chaincode nope is not deployed on network ftkm1; deployed: basic (or deploy it with "fabric-testkit deploy DIR --name nope")',
        );
        await refuses(
          () => runInvoke('basic', 'X', [], { org: 'org9' }, deps),
          UnknownOrganizationError,
          'no organization org9 in the network; its organizations are org1 (Org1MSP), org2 (Org2MSP)',
        );
        await refuses(
          () => runQuery('basic', 'X', [], { as: 'zed' }, deps),
          UnknownIdentityError,
          'no identity zed: register one with "fabric-testkit identity register ORG NAME"',
        );
        await refuses(
          () => runEvents('nope', { from: '0' }, deps),
          UnknownChaincodeError,
          'chaincode nope is not deployed on network ftkm1; deployed: basic (or deploy it with "fabric-testkit deploy DIR --name nope")',
        );
        await refuses(
          () => runNodeLogs('peer0.org1', {}, { ...deps, containerLog: () => Promise.resolve('') }),
          NetworkCommandError,
          'network ftkm1 is in-memory: its peer runs inside each command, with no log to show',
        );
        await refuses(
          () => runIdentityRegister('org7', 'carol', {}, deps),
          UnknownOrganizationError,
          'no organization org7 in the network; its organizations are org1 (Org1MSP), org2 (Org2MSP)',
        );
        await refuses(
          () => runInvoke('basic', 'X', [], { endorsingOrgs: 'org1,org5' }, deps),
          UnknownOrganizationError,
          'no organization org5 in the network; its organizations are org1 (Org1MSP), org2 (Org2MSP)',
        );
      });

      it('malformed --transient, --attr, --concurrent, --from, --count', async () => {
        await deployBasic();
        await refuses(
          () => runInvoke('basic', 'X', [], { transient: ['novalue'] }, deps),
          InvalidFlagError,
          '--transient must be KEY=VALUE with a non-empty key (for example role=auditor), not "novalue"',
        );
        await refuses(
          () => runInvoke('basic', 'X', [], { transient: ['=v'] }, deps),
          InvalidFlagError,
          '--transient must be KEY=VALUE with a non-empty key (for example role=auditor), not "=v"',
        );
        await refuses(
          () => runIdentityRegister('org1', 'carol', { attr: ['role=a', 'role=b'] }, deps),
          InvalidFlagError,
          '--attr must be given once per key (role is given twice), not "role=b"',
        );
        await refuses(
          () => runIdentityRegister('org1', 'carol', { attr: ['role'] }, deps),
          InvalidFlagError,
          '--attr must be KEY=VALUE with a non-empty key (for example role=auditor), not "role"',
        );
        await refuses(
          () => runInvoke('basic', 'X', [], { concurrent: '0' }, deps),
          InvalidFlagError,
          '--concurrent must be a whole number from 1 to 10, not "0"',
        );
        await refuses(
          () => runEvents('basic', { from: '-1' }, deps),
          InvalidFlagError,
          '--from must be a whole number, not "-1"',
        );
        await refuses(
          () => runEvents('basic', { timeout: '5' }, deps),
          InvalidFlagError,
          '--timeout must be given with --count (without it, events follows until Ctrl-C), not "5"',
        );
      });

      it('a directory that is no contract package, or not built; a bad name, policy or collections file', async () => {
        const dir = path.join(home, 'pkg');
        await mkdir(dir);
        await refuses(
          () => runDeploy(dir, {}, false, deps),
          NetworkCommandError,
          `${dir} is not a chaincode: it has neither a package.json nor a go.mod (give the directory of a fabric-contract-api package, whose package.json "main" exports "contracts", or of a Go chaincode's main package, which serves with shim.ChaincodeServer)`,
        );
        await writeFile(path.join(dir, 'package.json'), JSON.stringify({ name: '@x/y', main: 'dist/index.js' }));
        await refuses(
          () => runDeploy(dir, {}, false, deps),
          NetworkCommandError,
          `${dir} is not built: its package.json "main" (dist/index.js) does not exist; build it first (for example "npm run build")`,
        );
        await refuses(
          () => runDeploy(BASIC, { name: 'bad name' }, false, deps),
          InvalidFlagError,
          '--name must be a chaincode name: letters and digits, words joined by single "-" or "_" (for example "basic"), not "bad name"',
        );
        await refuses(
          () => runDeploy(BASIC, { policy: "OR('Org9MSP.peer')" }, false, deps),
          InvalidFlagError,
          `--policy must be about the network's MSP IDs (Org1MSP, Org2MSP), not Org9MSP, not "OR('Org9MSP.peer')"`,
        );
        const policy = await rejection(runDeploy(BASIC, { policy: 'OR(' }, false, deps));
        expect(policy.message).to.match(/^--policy must be a policy in Fabric's language/);
        const collections = path.join(home, 'collections.json');
        await writeFile(collections, '[{"name": "c1"}]');
        const invalid = await rejection(runDeploy(BASIC, { collections }, false, deps));
        expect(invalid).to.be.instanceOf(InvalidFlagError);
        expect(invalid.message).to.match(/^--collections must be valid collections: .*c1/);
        await writeFile(collections, 'not json');
        const unreadable = await rejection(runDeploy(BASIC, { collections }, false, deps));
        expect(unreadable.message).to.match(/^--collections must be a readable collections JSON file/);
        await refuses(
          () => runDeploy(BASIC, { name: 'never' }, true, deps),
          UnknownChaincodeError,
          'chaincode never is not deployed on network ftkm1; deploy it with "fabric-testkit deploy DIR --name NAME"',
        );
      });
    });
  });

  describe('the command line', () => {
    let stderr: string[];
    let previousHome: string | undefined;
    let originalWrite: typeof process.stderr.write;
    beforeEach(() => {
      stderr = [];
      previousHome = process.env['FABRIC_TESTKIT_HOME'];
      process.env['FABRIC_TESTKIT_HOME'] = home;
      originalWrite = process.stderr.write.bind(process.stderr);
      process.stderr.write = (chunk: string | Uint8Array) => {
        stderr.push(String(chunk));
        return true;
      };
    });
    afterEach(() => {
      process.stderr.write = originalWrite;
      if (previousHome === undefined) delete process.env['FABRIC_TESTKIT_HOME'];
      else process.env['FABRIC_TESTKIT_HOME'] = previousHome;
    });

    it('exits 1 with the message on bad input', async () => {
      await store.write(mockNetwork('ftkm1'));
      expect(await main(['node', 'fabric-testkit', 'invoke', 'nope', 'X'])).to.equal(1);
      expect(await main(['node', 'fabric-testkit', 'query', 'x', 'Y', '--transient', 'bad'])).to.equal(1);
      expect(await main(['node', 'fabric-testkit', 'identity', 'register', 'org1', 'a', '--attr', 'k'])).to.equal(1);
      expect(await main(['node', 'fabric-testkit', 'deploy', BASIC, '--name', 'b', '--version', '3.0'])).to.equal(0);
      expect((await store.read('ftkm1')).chaincodes?.map((c) => [c.name, c.version])).to.deep.equal([['b', '3.0']]);
      expect(stderr.filter((line) => !line.startsWith('[deploy]'))).to.deep.equal([
        'fabric-testkit: chaincode nope is not deployed on network ftkm1; deploy it with "fabric-testkit deploy DIR --name NAME"\n',
        'fabric-testkit: --transient must be KEY=VALUE with a non-empty key (for example role=auditor), not "bad"\n',
        'fabric-testkit: --attr must be KEY=VALUE with a non-empty key (for example role=auditor), not "k"\n',
      ]);
    });
  });
});
