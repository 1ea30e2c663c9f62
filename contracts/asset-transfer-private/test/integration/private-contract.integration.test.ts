// The sample on a real Fabric 2.5 network in containers (fabric-testkit's harness), deployed the way the README
// says: with collections_config.json and a chaincode endorsement policy. The harness deploys it as an operator
// would, through the lifecycle: each organization runs its own chaincode server (with its CORE_PEER_LOCALMSPID,
// which getMspID() reads), installs its own package, approves; then the definition is committed. Org1 and Org2 are
// the collection's members; Org3 is on the channel but not a member.
import { resolve } from 'node:path';
import {
  FabricNetwork,
  queryCommitted,
  skipWithoutFabricImages,
  type GatewayConnection,
  type StartedFabricNetwork,
  waitForBlock,
} from '@fabric-testkit/test-harness';
import { GatewayError, type Contract, type Network, type Status } from '@hyperledger/fabric-gateway';
import { peer } from '@hyperledger/fabric-protos';
import { expect } from 'chai';
import type { Asset, AssetPrice } from '../../src';
import { readCollectionsConfig } from './collections-config';

/** The package directory: this file runs from dist/test/integration. */
const PACKAGE_DIR = resolve(__dirname, '..', '..', '..');
const CHANNEL = 'private';
const CHAINCODE = 'private';
const ORGS = ['org1', 'org2', 'org3'] as const;

type Org = (typeof ORGS)[number];

describe('asset-transfer-private on a Fabric network with its collections config', function () {
  this.timeout(240_000);

  let network: StartedFabricNetwork | undefined;
  const connections: GatewayConnection[] = [];
  const channels = {} as Record<Org, Network>;
  const users = {} as Record<Org, Contract>; // alice (Org1MSP), bob (Org2MSP), carol (Org3MSP)

  before(async function () {
    await skipWithoutFabricImages(this);
    let builder = new FabricNetwork();
    for (const name of ORGS) builder = builder.withOrganization({ name });
    network = await builder
      .withChannel({ name: CHANNEL })
      .withChaincode({
        name: CHAINCODE,
        channel: CHANNEL,
        // Served as `fabric-chaincode-node server --module-path <package dir>` serves it.
        chaincode: { contractPackage: PACKAGE_DIR },
        signaturePolicy: "OR('Org1MSP.peer','Org2MSP.peer')",
        collections: readCollectionsConfig(resolve(PACKAGE_DIR, 'collections_config.json')),
      })
      .start();

    for (const [name, user] of [
      ['org1', 'alice'],
      ['org2', 'bob'],
      ['org3', 'carol'],
    ] as const) {
      const identity = await network.organization(name).registerUser({ name: user });
      const connection = network.connectGateway(name, identity);
      connections.push(connection);
      channels[name] = connection.gateway.getNetwork(CHANNEL);
      users[name] = channels[name].getContract(CHAINCODE);
    }
  });

  after(async function () {
    for (const connection of connections) connection.close();
    await network?.stop();
  });

  async function allPeersHave(blockNumber: bigint): Promise<void> {
    await Promise.all(ORGS.map((name) => waitForBlock(channels[name], blockNumber)));
  }

  /** Submits with transient data on the given orgs' peers; returns the commit status once every peer has the block. */
  async function submit(
    org: Org,
    name: string,
    transient: Record<string, unknown>,
    endorsingOrganizations: string[],
  ): Promise<Status> {
    const transientData = Object.fromEntries(
      Object.entries(transient).map(([k, v]) => [k, Buffer.from(JSON.stringify(v))]),
    );
    const submitted = await users[org].submitAsync(name, { transientData, endorsingOrganizations });
    const status = await submitted.getStatus();
    await allPeersHave(status.blockNumber);
    return status;
  }

  async function submitValid(...args: Parameters<typeof submit>): Promise<void> {
    const status = await submit(...args);
    expect(status.code, `${args[1]} committed as VALID`).to.equal(peer.TxValidationCode.VALID);
  }

  async function refusal(promise: Promise<unknown>): Promise<string[]> {
    const error = await promise.then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(error, 'the peers refused').to.be.instanceOf(GatewayError);
    return error instanceof GatewayError ? error.details.map((d) => d.message) : [];
  }

  const readAsset = async (org: Org, id: string): Promise<Asset> =>
    json<Asset>(await users[org].evaluateTransaction('ReadAsset', id));

  it('commits the definition with the collections and the endorsement policy', async () => {
    const committed = await queryCommitted(connections[0]!.gateway, CHANNEL, CHAINCODE);
    expect(committed).to.deep.include({ sequence: 1, version: '1.0' });
    expect(committed.approvals).to.deep.equal({ Org1MSP: true, Org2MSP: true, Org3MSP: true });
  });

  it('creates an asset from transient data that member orgs read and a non-member org is refused', async () => {
    await submitValid(
      'org1',
      'CreateAsset',
      { asset_properties: { assetID: 'a1', color: 'blue', size: 5, appraisedValue: 300 } },
      ['Org1MSP'],
    );
    const alice = text(await users.org1.evaluateTransaction('WhoAmI'));
    const expected = { ID: 'a1', Color: 'blue', Size: 5, Owner: alice, OwnerOrg: 'Org1MSP' };
    expect(await readAsset('org1', 'a1')).to.deep.equal(expected);
    expect(await readAsset('org2', 'a1')).to.deep.equal(expected);
    expect(json<AssetPrice>(await users.org1.evaluateTransaction('ReadMyPrice', 'a1'))).to.deep.equal({
      ID: 'a1',
      AppraisedValue: 300,
    });

    const messages = await refusal(users.org3.evaluate('ReadAsset', { arguments: ['a1'] }));
    expect(messages.join('\n')).to.include(
      'tx creator does not have read access permission on privatedata in chaincodeName:private collectionName: assetCollection',
    );
  });

  it('refuses a write to the collection by a non-member org (memberOnlyWrite)', async () => {
    const transientData = {
      asset_properties: Buffer.from(JSON.stringify({ assetID: 'c1', color: 'red', size: 1, appraisedValue: 1 })),
    };
    const messages = await refusal(
      users.org3.submitAsync('CreateAsset', { transientData, endorsingOrganizations: ['Org3MSP'] }),
    );
    expect(messages.join('\n')).to.include('tx creator does not have write access permission on privatedata');
  });

  it('refuses a transfer when the buyer agreed another price (the price hashes differ)', async () => {
    await submitValid(
      'org1',
      'CreateAsset',
      { asset_properties: { assetID: 'a2', color: 'green', size: 2, appraisedValue: 300 } },
      ['Org1MSP'],
    );
    await submitValid('org2', 'AgreeToTransfer', { asset_value: { assetID: 'a2', appraisedValue: 250 } }, ['Org2MSP']);
    const messages = await refusal(
      users.org1.submitAsync('TransferAsset', {
        transientData: { asset_owner: Buffer.from(JSON.stringify({ assetID: 'a2', buyerMSP: 'Org2MSP' })) },
        endorsingOrganizations: ['Org1MSP', 'Org2MSP'],
      }),
    );
    expect(messages.join('\n')).to.include('The prices of Org1MSP and Org2MSP for asset a2 differ: no transfer');
    expect((await readAsset('org2', 'a2')).OwnerOrg).to.equal('Org1MSP');
  });

  it('a transfer at the agreed price is ENDORSEMENT_POLICY_FAILURE with one org and commits with both', async () => {
    const bob = text(await users.org2.evaluateTransaction('WhoAmI'));
    await submitValid('org2', 'AgreeToTransfer', { asset_value: { assetID: 'a1', appraisedValue: 300 } }, ['Org2MSP']);
    expect(json<AssetPrice>(await users.org2.evaluateTransaction('ReadMyPrice', 'a1'))).to.deep.equal({
      ID: 'a1',
      AppraisedValue: 300,
    });
    const transfer = { asset_owner: { assetID: 'a1', buyerMSP: 'Org2MSP' } };

    const onlyOrg1 = await submit('org1', 'TransferAsset', transfer, ['Org1MSP']);
    expect(onlyOrg1.code).to.equal(peer.TxValidationCode.ENDORSEMENT_POLICY_FAILURE);
    expect((await readAsset('org1', 'a1')).OwnerOrg).to.equal('Org1MSP');

    await submitValid('org1', 'TransferAsset', transfer, ['Org1MSP', 'Org2MSP']);
    const sold = { ID: 'a1', Color: 'blue', Size: 5, Owner: bob, OwnerOrg: 'Org2MSP' };
    expect(await readAsset('org1', 'a1')).to.deep.equal(sold);
    expect(await readAsset('org2', 'a1')).to.deep.equal(sold);
    const org1Price = await refusal(users.org1.evaluate('ReadMyPrice', { arguments: ['a1'] }));
    expect(org1Price.join('\n')).to.include('Org1MSP holds no price for asset a1');
  });
});

function text(bytes: Uint8Array): string {
  return Buffer.from(bytes).toString('utf8');
}

function json<T>(bytes: Uint8Array): T {
  return JSON.parse(text(bytes)) as T;
}
