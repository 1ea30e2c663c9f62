import type { ChaincodeEvent } from '@hyperledger/fabric-gateway';
import { expect } from 'chai';
import { listNetworkResources } from '../../src/containers/cleanup';
import { FabricNetwork } from '../../src/network/fabric-network';
import { queryCommitted } from '../../src/lifecycle/lifecycle-gateway';
import { isConsensusLeader, waitUntil } from '../../src/network/wait';
import { waitForBlock } from '../../src/network/block-wait';
import { peer, type common } from '@hyperledger/fabric-protos';
import { containerRuntime, skipWithoutImages } from '../support/container-runtime';

const KV = { modulePath: require.resolve('../fixtures/kv-chaincode'), exportName: 'KvChaincode' };

describe('FabricNetwork in containers', function () {
  this.timeout(300_000);

  before(async function () {
    await skipWithoutImages(this);
  });

  it('starts one org: submit, evaluate, chaincode event, CA-issued user with attributes; stop removes everything', async () => {
    const runtime = containerRuntime();
    const network = await new FabricNetwork({ runtime })
      .withOrganization({ name: 'org1' })
      .withChannel({ name: 'mychannel' })
      .withChaincode({ name: 'kv', channel: 'mychannel', chaincode: KV })
      .start();
    try {
      console.log(`      ${network.timings.map((t) => `${t.step} ${t.ms} ms`).join(', ')}`);
      const org1 = network.organization('org1');
      const auditor = await org1.registerUser({ name: 'auditor1', attributes: [{ name: 'role', value: 'auditor' }] });
      await using connection = network.connectGateway('org1', auditor);
      const channel = connection.gateway.getNetwork('mychannel');
      const contract = channel.getContract('kv');
      const events = await channel.getChaincodeEvents('kv');
      try {
        expect(Buffer.from(await contract.submitTransaction('put', 'k1', 'v1')).toString()).to.equal('v1');
        expect(Buffer.from(await contract.evaluateTransaction('get', 'k1')).toString()).to.equal('v1');
        expect(Buffer.from(await contract.evaluateTransaction('whoami')).toString()).to.equal('Org1MSP:auditor');
        const next: IteratorResult<ChaincodeEvent> = await events[Symbol.asyncIterator]().next();
        expect(next.done).to.equal(false);
        if (!next.done) {
          expect(next.value.eventName).to.equal('Put');
        }
      } finally {
        events.close();
      }
      const peerMetrics = await org1.peers[0]?.metrics();
      expect(peerMetrics).to.include('ledger_blockchain_height');
    } finally {
      await network.stop();
    }
    const left = await listNetworkResources(runtime.id);
    expect(left).to.deep.equal({ containers: [], networks: [] });
  });

  it('starts two orgs with CA-issued identities, an AND endorsement policy and a chaincode server per org; endorsed by both commits, by one is invalid', async () => {
    const runtime = containerRuntime();
    const network = await new FabricNetwork({ runtime })
      .withOrganization({ name: 'org1' })
      .withOrganization({ name: 'org2' })
      .withChannel({ name: 'shared' })
      .withChaincode({
        name: 'kv',
        channel: 'shared',
        chaincode: KV,
        signaturePolicy: "AND('Org1MSP.peer','Org2MSP.peer')",
      })
      .start();
    try {
      console.log(`      ${network.timings.map((t) => `${t.step} ${t.ms} ms`).join(', ')}`);
      const user2 = await network.organization('org2').registerUser({ name: 'user2' });
      await using org2 = network.connectGateway('org2', user2);
      await using org1 = network.connectGateway('org1');
      const put = await org2.gateway
        .getNetwork('shared')
        .getContract('kv')
        .submitAsync('put', { arguments: ['shared-key', 'from-org2'] });
      expect(Buffer.from(put.getResult()).toString()).to.equal('from-org2');
      // The commit status is org2's peer's; org1's may commit the block a moment later.
      await waitForBlock(org1.gateway.getNetwork('shared'), (await put.getStatus()).blockNumber);
      const read = await org1.gateway.getNetwork('shared').getContract('kv').evaluateTransaction('get', 'shared-key');
      expect(Buffer.from(read).toString()).to.equal('from-org2');
      expect(
        Buffer.from(await org2.gateway.getNetwork('shared').getContract('kv').evaluateTransaction('whoami')).toString(),
      ).to.equal('Org2MSP:');
      // Each organization runs its own chaincode server, which knows its organization as on that org's peer.
      const onOrg2 = await org1.gateway
        .getNetwork('shared')
        .getContract('kv')
        .evaluate('peermsp', { endorsingOrganizations: ['Org2MSP'] });
      expect(Buffer.from(onOrg2).toString()).to.equal('Org2MSP');
      const onOrg1 = await org1.gateway.getNetwork('shared').getContract('kv').evaluateTransaction('peermsp');
      expect(Buffer.from(onOrg1).toString()).to.equal('Org1MSP');
      // The definition's AND policy, not the channel's majority: one org's endorsement is not enough.
      const alone = await org1.gateway
        .getNetwork('shared')
        .getContract('kv')
        .submitAsync('put', { arguments: ['alone', 'x'], endorsingOrganizations: ['Org1MSP'] });
      expect((await alone.getStatus()).code).to.equal(peer.TxValidationCode.ENDORSEMENT_POLICY_FAILURE);
    } finally {
      await network.stop();
    }
    expect(await listNetworkResources(runtime.id)).to.deep.equal({ containers: [], networks: [] });
  });

  it('runs 3 Raft orderers: survives one stopped; node handles restart a peer; lifecycle queries and block events', async () => {
    const runtime = containerRuntime();
    await using network = await new FabricNetwork({ runtime, orderers: 3 })
      .withOrganization({ name: 'org1' })
      .withChannel({ name: 'raft' })
      .withChaincode({ name: 'kv', channel: 'raft', chaincode: KV, version: '2.0' })
      .start();
    expect(network.orderers.map((o) => o.name)).to.deep.equal([
      'orderer0.orderer',
      'orderer1.orderer',
      'orderer2.orderer',
    ]);
    const leaders = await Promise.all(network.orderers.map(async (o) => isConsensusLeader(await o.metrics(), 'raft')));
    expect(leaders.filter(Boolean)).to.have.length(1);

    {
      await using connection = network.connectGateway('org1');
      const committed = await queryCommitted(connection.gateway, 'raft', 'kv');
      expect(committed).to.deep.equal({ sequence: 1, version: '2.0', approvals: { Org1MSP: true } });
      const blocks = await connection.gateway.getNetwork('raft').getBlockEvents({ startBlock: 0n });
      try {
        const first: IteratorResult<common.Block> = await blocks[Symbol.asyncIterator]().next();
        expect(first.done).to.equal(false);
        if (!first.done) {
          expect(first.value.getHeader()?.getNumber()).to.equal(0);
        }
      } finally {
        blocks.close();
      }
      const follower = network.orderers[leaders.indexOf(false)];
      await follower?.stop();
      const contract = connection.gateway.getNetwork('raft').getContract('kv');
      expect(Buffer.from(await contract.submitTransaction('put', 'a', '1')).toString()).to.equal('1');
      await follower?.start();
    }

    const peer = network.organization('org1').peers[0];
    await peer?.restart();
    await using again = network.connectGateway('org1');
    const contract = again.gateway.getNetwork('raft').getContract('kv');
    expect(Buffer.from(await contract.evaluateTransaction('get', 'a')).toString()).to.equal('1');
    expect(Buffer.from(await contract.submitTransaction('put', 'b', '2')).toString()).to.equal('2');
    expect(await peer?.logs()).to.include('Started peer');

    // After a CA restart the organization's CA client and registerUser follow the CA's current host port.
    const org1 = network.organization('org1');
    const ca = network.cas.find((c) => c.name === 'ca.org1');
    const caPortBefore = ca?.operationsUrl;
    await ca?.restart();
    console.log(`      ca.org1 operations ${caPortBefore ?? '?'} -> ${ca?.operationsUrl ?? '?'}`);
    expect((await org1.ca.getCaInfo()).caName).to.be.a('string');
    const user = await org1.registerUser({ name: 'after-ca-restart' });
    await using asUser = network.connectGateway('org1', user);
    const viaUser = asUser.gateway.getNetwork('raft').getContract('kv');
    expect(Buffer.from(await viaUser.evaluateTransaction('get', 'b')).toString()).to.equal('2');
  });

  it('runs two peers in one organization; pausing one leaves the other serving; a disconnected one catches up when reconnected', async () => {
    await using network = await new FabricNetwork({ runtime: containerRuntime() })
      .withOrganization({ name: 'org1', peers: 2 })
      .withChannel({ name: 'pair' })
      .withChaincode({ name: 'kv', channel: 'pair', chaincode: KV })
      .start();
    const [peer0, peer1] = network.organization('org1').peers;
    expect([peer0?.name, peer1?.name]).to.deep.equal(['peer0.org1', 'peer1.org1']);
    await using viaPeer1 = network.connectGateway('org1', undefined, 1);
    const contract = viaPeer1.gateway.getNetwork('pair').getContract('kv');
    await contract.submitTransaction('put', 'p', 'q');
    await peer0?.pause();
    try {
      expect(Buffer.from(await contract.evaluateTransaction('get', 'p')).toString()).to.equal('q');
    } finally {
      await peer0?.unpause();
    }
    expect(await peer1?.metrics()).to.match(/gossip_membership_total_peers_known\{channel="pair"\} 1/);

    // A partition: peer1 misses a block while disconnected, and gets it once reconnected.
    if (!peer0 || !peer1) throw new Error('two peers expected');
    await peer1.disconnect();
    await using viaPeer0 = network.connectGateway('org1', undefined, 0);
    const submitted = await viaPeer0.gateway
      .getNetwork('pair')
      .getContract('kv')
      .submitAsync('put', { arguments: ['partitioned', 'yes'] });
    const { blockNumber } = await submitted.getStatus();
    // Disconnected, its published ports are gone too: unreachable counts as behind.
    const during = await peer1.metrics().then(heightOf, () => -1);
    expect(during).to.be.at.most(Number(blockNumber));
    await peer1.reconnect();
    await waitUntil('peer1 catches up', 60_000, async () =>
      heightOf(await peer1.metrics()) > Number(blockNumber) ? true : 'behind',
    );
    await using healed = network.connectGateway('org1', undefined, 1);
    const read = await healed.gateway.getNetwork('pair').getContract('kv').evaluateTransaction('get', 'partitioned');
    expect(Buffer.from(read).toString()).to.equal('yes');
  });
});

function heightOf(metrics: string): number {
  const match = /^ledger_blockchain_height\{channel="pair"\} (\d+)$/m.exec(metrics);
  return match?.[1] === undefined ? -1 : Number(match[1]);
}
