import { expect } from 'chai';
import { FabricNetwork } from '../../src/network/fabric-network';
import type { StartedFabricNetwork } from '../../src/network/started-network';
import { containerRuntime, skipWithoutImages } from '../support/container-runtime';

const KV = { modulePath: require.resolve('../fixtures/kv-chaincode'), exportName: 'KvChaincode' };

/** The started network's middle layer: channels and chaincodes added and changed after `start()`. */
describe('a started FabricNetwork: createChannel, deployChaincode, upgradeChaincode (containers)', function () {
  this.timeout(300_000);
  let network: StartedFabricNetwork | undefined;

  before(async function () {
    await skipWithoutImages(this);
    network = await new FabricNetwork({ runtime: containerRuntime() })
      .withOrganization({ name: 'org1' })
      .withOrganization({ name: 'org2' })
      .withChannel({ name: 'first' })
      .start();
  });

  after(() => network?.stop());

  /** The message a promise rejects with. */
  async function rejection(promise: Promise<unknown>): Promise<string> {
    const outcome = await promise.then(
      () => 'resolved',
      (e: unknown) => (e instanceof Error ? e.message : String(e)),
    );
    return outcome;
  }

  function started(): StartedFabricNetwork {
    if (network === undefined) throw new Error('no network');
    return network;
  }

  async function get(channel: string, key: string): Promise<string> {
    const connection = started().connectGateway('org2');
    try {
      return Buffer.from(
        await connection.gateway.getNetwork(channel).getContract('kv').evaluateTransaction('get', key),
      ).toString();
    } finally {
      connection.close();
    }
  }

  it('deploys on a channel after start, then on a new channel with the same packages and servers', async () => {
    const deployed = await started().deployChaincode({ name: 'kv', channel: 'first', chaincode: KV });
    expect(deployed).to.include({ name: 'kv', channel: 'first', version: '1.0', sequence: 1 });
    expect(started().chaincodeServers).to.have.length(2);
    await using org1 = started().connectGateway('org1');
    await org1.gateway.getNetwork('first').getContract('kv').submitTransaction('put', 'k', 'on first');

    await started().createChannel({ name: 'second', members: ['org1', 'org2'] });
    expect(started().channels.map((c) => c.name)).to.deep.equal(['first', 'second']);
    const again = await started().deployChaincode({ name: 'kv', channel: 'second', chaincode: KV });
    // One installed package per organization serves both channels: no new server.
    expect(started().chaincodeServers).to.have.length(2);
    expect([...again.packageIds]).to.deep.equal([...deployed.packageIds]);
    await org1.gateway.getNetwork('second').getContract('kv').submitTransaction('put', 'k', 'on second');
    expect(await get('first', 'k')).to.equal('on first');
    expect(await get('second', 'k')).to.equal('on second');
  });

  it('upgrades with the next sequence and a new package; refuses a deploy of a committed chaincode', async () => {
    const upgraded = await started().upgradeChaincode({ name: 'kv', channel: 'first', chaincode: KV, version: '2.0' });
    expect(upgraded).to.include({ version: '2.0', sequence: 2 });
    expect(started().chaincodeServers).to.have.length(4);
    expect(await get('first', 'k')).to.equal('on first');
    expect(await rejection(started().deployChaincode({ name: 'kv', channel: 'first', chaincode: KV }))).to.equal(
      'chaincode kv is already committed on channel first (version 2.0, sequence 2); change it with upgradeChaincode',
    );
    const skipping = { name: 'kv', channel: 'first', chaincode: KV, version: '3.0', sequence: 5 };
    expect(await rejection(started().upgradeChaincode(skipping))).to.match(
      /an upgrade of sequence 2 must have sequence 3, not 5/,
    );
    expect(await rejection(started().upgradeChaincode({ name: 'other', channel: 'first', chaincode: KV }))).to.equal(
      'chaincode other is not committed on channel first; deploy it first with deployChaincode',
    );
  });

  it('runs the lifecycle one step at a time: install, approve per organization, readiness, commit', async () => {
    const v3 = { name: 'kv', channel: 'first', chaincode: KV, version: '3.0' };
    const installed = await started().installChaincode(v3);
    expect([...installed.servers.values()].map((s) => s.running)).to.deep.equal([true, true]);
    expect(await started().approveChaincode(v3, { organizations: ['org1'] })).to.equal(3);
    expect(await started().checkCommitReadiness(v3)).to.deep.equal({ Org1MSP: true, Org2MSP: false });
    // Fabric refuses the commit itself, with its peers' messages.
    expect(await rejection(started().commitChaincode(v3))).to.not.equal('resolved');
    expect(await rejection(started().approveChaincode(v3, { organizations: ['org9'] }))).to.equal(
      'organization org9 is not a member of channel first (members: org1, org2)',
    );
    await started().approveChaincode(v3, { organizations: ['org2'] });
    const committed = await started().commitChaincode(v3);
    expect(committed).to.include({ version: '3.0', sequence: 3 });
    expect(committed.transactionId).to.match(/^[0-9a-f]{64}$/);
    expect([...committed.packageIds]).to.deep.equal([...installed.packageIds]);
    expect(await get('first', 'k')).to.equal('on first');
    // Installing again reuses the running servers; a stopped one is replaced by a new package and server.
    expect([...(await started().installChaincode(v3, ['org1'])).packageIds]).to.deep.equal([
      ['Org1MSP', installed.packageIds.get('Org1MSP')],
    ]);
    await installed.servers.get('Org2MSP')?.stop();
    const again = await started().installChaincode(v3, ['org2']);
    expect(again.packageIds.get('Org2MSP')).to.not.equal(installed.packageIds.get('Org2MSP'));
    expect(await rejection(started().approveChaincode({ ...v3, version: '4.0' }))).to.match(
      /chaincode kv version 4\.0 is not installed for Org1MSP; install it with installChaincode first/,
    );
  });

  it('checks a new channel as start() does', async () => {
    expect(await rejection(started().createChannel({ name: 'first' }))).to.equal(
      'invalid network definition: channel first is defined twice; call withChannel once per channel',
    );
    expect(await rejection(started().createChannel({ name: 'third', members: ['org9'] }))).to.match(
      /channel third names member org9, which is not an organization of the network/,
    );
  });
});
