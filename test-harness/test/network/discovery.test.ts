import { expect } from 'chai';
import { DiscoveryClient } from '../../src/network/discovery';
import { missingFrom } from '../../src/network/discovery-wait';
import { FabricNetwork } from '../../src/network/fabric-network';
import { FabricRequestError } from '../../src/errors';
import { containerRuntime, skipWithoutImages } from '../support/container-runtime';

const KV = { modulePath: require.resolve('../fixtures/kv-chaincode'), exportName: 'KvChaincode' };

describe('discovery readiness', () => {
  const peer = (mspId: string, chaincodes: string[] = []): Parameters<typeof missingFrom>[0][number] => ({
    mspId,
    endpoint: `peer0.${mspId}:7051`,
    ledgerHeight: 2,
    chaincodes,
  });

  it('names each organization with fewer peers than expected, and how many it has', () => {
    const expectation = { channelId: 'c', peersByOrganization: { Org1MSP: 1, Org2MSP: 2 } };
    expect(missingFrom([peer('Org1MSP'), peer('Org2MSP')], expectation)).to.equal('seen: Org2MSP 1 of 2');
    expect(missingFrom([peer('Org1MSP'), peer('Org2MSP'), peer('Org2MSP')], expectation)).to.equal(undefined);
  });

  it('counts only peers that report the chaincode, when one is named', () => {
    const expectation = { channelId: 'c', peersByOrganization: { Org1MSP: 1, Org2MSP: 1 }, chaincode: 'kv' };
    expect(missingFrom([peer('Org1MSP', ['kv']), peer('Org2MSP', ['other'])], expectation)).to.equal(
      'seen: Org2MSP 0 of 1',
    );
    expect(missingFrom([peer('Org1MSP', ['kv']), peer('Org2MSP', ['kv'])], expectation)).to.equal(undefined);
  });
});

describe('discovery on a real two-org network', function () {
  this.timeout(300_000);

  before(async function () {
    await skipWithoutImages(this);
  });

  it('start() returns once every peer sees the chaincode on every member; a first submit planned by the gateway (no endorsing orgs) commits', async () => {
    const network = await new FabricNetwork({ runtime: containerRuntime() })
      .withOrganization({ name: 'org1' })
      .withOrganization({ name: 'org2' })
      .withChannel({ name: 'mychannel' })
      .withChaincode({
        name: 'kv',
        channel: 'mychannel',
        chaincode: KV,
        signaturePolicy: "AND('Org1MSP.peer','Org2MSP.peer')",
      })
      .start();
    try {
      for (const org of network.organizations) {
        const endpoint = org.peers[0]?.endpoint;
        if (!endpoint) throw new Error(`${org.name} has no peer`);
        const discovery = await DiscoveryClient.connect(endpoint, org.admin);
        try {
          const peers = await discovery.channelPeers('mychannel');
          expect(peers.map((p) => [p.mspId, p.chaincodes.includes('kv')]).sort()).to.deep.equal([
            ['Org1MSP', true],
            ['Org2MSP', true],
          ]);
          const layouts = await discovery.endorsementLayouts('mychannel', 'kv');
          expect(layouts).to.deep.equal({ layouts: [{ Org1MSP: 1, Org2MSP: 1 }] });
          const unknown = await discovery.endorsementLayouts('mychannel', 'nosuchcc');
          expect(unknown)
            .to.have.property('error')
            .that.matches(/nosuchcc/);
          const error = await discovery.channelPeers('nosuchchannel').catch((e: unknown) => e);
          expect(error)
            .to.be.instanceOf(FabricRequestError)
            .with.property('message')
            .that.matches(/discovery/);
        } finally {
          discovery.close();
        }
      }
      // The gateway plans AND(Org1, Org2) from discovery: this is the step that raced before the wait existed.
      await using org2 = network.connectGateway('org2');
      const result = await org2.gateway.getNetwork('mychannel').getContract('kv').submitTransaction('put', 'k', 'v');
      expect(Buffer.from(result).toString()).to.equal('v');
    } finally {
      await network.stop();
    }
  });
});
