import { expect } from 'chai';
import { orderer } from '@hyperledger/fabric-protos';
import { resolveVersions } from '@fabric-testkit/images';
import { channelCapabilities } from '../../src/config/config-update';
import { createPeerClient } from '../../src/lifecycle/endorser-client';
import { getChannelConfig } from '../../src/lifecycle/peer-admin';
import { FabricNetwork } from '../../src/network/fabric-network';
import type { StartedFabricNetwork } from '../../src/network/started-network';
import { isConsensusLeader } from '../../src/network/wait';
import { containerRuntime, skipWithoutImages } from '../support/container-runtime';

const KV = { modulePath: require.resolve('../fixtures/kv-chaincode'), exportName: 'KvChaincode' };

describe('a BFT network (Fabric 3: four SmartBFT orderers, V3_0 channel)', function () {
  this.timeout(300_000);
  let network: StartedFabricNetwork | undefined;

  before(async function () {
    const { tag } = resolveVersions().fabric;
    if (Number(tag.split('.')[0]) < 3) {
      console.log(`    skipped: BFT needs Fabric 3; this run uses ${tag} (FABRIC_TESTKIT_FABRIC_VERSION=3.1 runs it)`);
      this.skip();
    }
    await skipWithoutImages(this);
    network = await new FabricNetwork({ runtime: containerRuntime(), consensus: 'bft' })
      .withOrganization({ name: 'org1' })
      .withChannel({ name: 'bft' })
      .withChaincode({ name: 'kv', channel: 'bft', chaincode: KV })
      .start();
  });

  after(async () => {
    await network?.stop();
  });

  it('runs four orderers, one of them the BFT leader, on a V3_0 channel whose consensus type is BFT', async () => {
    if (network === undefined) throw new Error('no network');
    expect(network.orderers).to.have.length(4);
    const leaders = await Promise.all(
      network.orderers.map(async (o) => isConsensusLeader(await o.metrics(), 'bft', 'BFT')),
    );
    expect(leaders.filter(Boolean)).to.have.length(1);

    const org = network.organization('org1');
    const peer = org.peers[0];
    if (peer === undefined) throw new Error('org1 has no peer');
    const client = createPeerClient(peer.endpoint);
    const config = await getChannelConfig(client, org.admin, 'bft', peer.name).finally(() => client.close());
    expect(channelCapabilities(config)).to.deep.equal(['V3_0']);
    const consensus = config.getChannelGroup()?.getGroupsMap().get('Orderer')?.getValuesMap().get('ConsensusType');
    expect(orderer.ConsensusType.deserializeBinary(consensus?.getValue_asU8() ?? new Uint8Array()).getType()).to.equal(
      'BFT',
    );
  });

  it('orders a transaction the gateway submits to the BFT orderers (a quorum of them must accept it)', async () => {
    if (network === undefined) throw new Error('no network');
    await using connection = network.connectGateway('org1');
    const contract = connection.gateway.getNetwork('bft').getContract('kv');
    await contract.submitTransaction('put', 'k', 'bft');
    expect(Buffer.from(await contract.evaluateTransaction('get', 'k')).toString()).to.equal('bft');
  });
});
