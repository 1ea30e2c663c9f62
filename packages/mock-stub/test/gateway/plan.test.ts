import { expect } from 'chai';
import { KeyEndorsementPolicy, Shim } from 'fabric-shim';
import { createMockFabric, type MockChannel, type MockIdentity } from '../../src';
import { ScriptChaincode, kvFunctions, type ScriptFunction } from '../fixtures/script-chaincode';

/** Three organizations on one channel, a client in each: user1 of Org1MSP, user2 of Org2MSP, user3 of Org3MSP. */
function threeOrgs(): { channel: MockChannel; user1: MockIdentity; user2: MockIdentity; user3: MockIdentity } {
  const fabric = createMockFabric({ determinismCheck: false });
  const client = (msp: string): MockIdentity => fabric.addOrganization(msp).createIdentity({ name: `user-${msp}` });
  const [user1, user2, user3] = [client('Org1MSP'), client('Org2MSP'), client('Org3MSP')];
  return { channel: fabric.createChannel('mychannel'), user1, user2, user3 };
}

const functions: Record<string, ScriptFunction> = {
  ...kvFunctions,
  /** Writes the endorsing peer's MSP ID: different on every organization's peer. */
  peerOrg: async (stub) => {
    await stub.putState('org', Buffer.from(stub.getMspID()));
  },
  /** Writes the peer's MSP ID to the peer organization's implicit collection. */
  implicit: async (stub) => {
    await stub.putPrivateData(`_implicit_org_${stub.getMspID()}`, 'k', Buffer.from('v'));
  },
  failOnOrg2: async (stub) => {
    await stub.putState('k', Buffer.from('v'));
    return stub.getMspID() === 'Org2MSP' ? Shim.error('org2 refuses') : undefined;
  },
  lock: async (stub, [key = '', org = '']) => {
    const policy = new KeyEndorsementPolicy();
    policy.addOrgs('PEER', org);
    await stub.setStateValidationParameter(key, policy.getPolicy());
  },
  putPrivate: async (stub, [collection = '', key = '']) => {
    await stub.putPrivateData(collection, key, Buffer.from('v'));
  },
  readPrivate: async (stub, [collection = '', key = '']) => {
    await stub.getPrivateData(collection, key);
    await stub.putState('read', Buffer.from('yes'));
  },
};

function deploy(channel: MockChannel, endorsementPolicy?: string, collections = true): void {
  channel.deploy({
    name: 'cc',
    chaincode: new ScriptChaincode(functions),
    ...(endorsementPolicy === undefined ? {} : { endorsementPolicy }),
    ...(collections
      ? {
          collections: [
            { name: 'org1only', policy: "OR('Org1MSP.member')", requiredPeerCount: 0, maxPeerCount: 1, blockToLive: 0 },
          ],
        }
      : {}),
  });
}

describe('G-01 default endorsement: the client organization first, then the fewest organizations the policy needs (internal/pkg/gateway/endorse.go planFromFirstEndorser)', () => {
  it('OR: only the client organization endorses, so chaincode that depends on the peer organization commits', async () => {
    const { channel, user2 } = threeOrgs();
    deploy(channel, "OR('Org1MSP.peer','Org2MSP.peer')");
    const endorsement = await channel.endorse({ chaincode: 'cc', fcn: 'peerOrg', identity: user2 });
    expect(endorsement.endorsingOrganizations).to.deep.equal(['Org2MSP']);
    expect(endorsement.refusal).to.equal(undefined);
    expect((await channel.commit([endorsement])).transactions[0]?.validationCode).to.equal('VALID');
    expect(channel.getState('cc', 'org')?.toString()).to.equal('Org2MSP');
  });

  it('tries the next layout when an endorser disagrees, and refuses once none is left (MAJORITY of three, peer-dependent writes)', async () => {
    const { channel, user1 } = threeOrgs();
    deploy(channel);
    // MAJORITY of three needs two organizations; the implicit collections differ by peer, so the payloads differ.
    const endorsement = await channel.endorse({ chaincode: 'cc', fcn: 'implicit', identity: user1 });
    // Layouts {1,2}, {1,3}, {2,3}: Org2 disagrees with Org1, then Org3 does; {2,3} has a failed organization.
    expect(endorsement.endorsingOrganizations).to.deep.equal(['Org1MSP', 'Org2MSP', 'Org3MSP']);
    expect(endorsement.refusal?.details.map((d) => `${d.mspId}: ${d.message}`)).to.deep.equal([
      'Org2MSP: ProposalResponsePayloads do not match',
      'Org3MSP: ProposalResponsePayloads do not match',
    ]);
    expect(endorsement.mismatch).to.include('_implicit_org_');
  });

  it('AND and MAJORITY: the client organization and the fewest others', async () => {
    const { channel, user2 } = threeOrgs();
    deploy(channel, "AND('Org1MSP.peer','Org3MSP.peer')");
    const endorsement = await channel.endorse({ chaincode: 'cc', fcn: 'put', args: ['k', 'v'], identity: user2 });
    // Org2 endorsed first but no layout has it: its endorsement is not used.
    expect(endorsement.endorsingOrganizations).to.deep.equal(['Org1MSP', 'Org3MSP']);
    expect((await channel.commit([endorsement])).transactions[0]?.validationCode).to.equal('VALID');
  });

  it('explicit endorsing organizations are used as given (planForOrgs)', async () => {
    const { channel, user1 } = threeOrgs();
    deploy(channel, "OR('Org1MSP.peer','Org2MSP.peer')");
    const endorsement = await channel.endorse({
      chaincode: 'cc',
      fcn: 'put',
      args: ['k', 'v'],
      identity: user1,
      endorsingOrganizations: ['Org2MSP', 'Org3MSP'],
    });
    expect(endorsement.endorsingOrganizations).to.deep.equal(['Org2MSP', 'Org3MSP']);
  });
});

describe('G-02 the plan follows what the first endorsement wrote and read (core/endorser/endorser.go buildChaincodeInterest)', () => {
  it('a key-level policy replaces the chaincode policy for a key that has one', async () => {
    const { channel, user1 } = threeOrgs();
    deploy(channel, "OR('Org1MSP.peer','Org2MSP.peer','Org3MSP.peer')");
    await channel.submit({ chaincode: 'cc', fcn: 'put', args: ['k', 'v'], identity: user1 });
    await channel.submit({ chaincode: 'cc', fcn: 'lock', args: ['k', 'Org3MSP'], identity: user1 });
    const endorsement = await channel.endorse({ chaincode: 'cc', fcn: 'put', args: ['k', 'w'], identity: user1 });
    expect(endorsement.endorsingOrganizations).to.deep.equal(['Org3MSP']);
    expect((await channel.commit([endorsement])).transactions[0]?.validationCode).to.equal('VALID');
  });

  it('a private read admits only the collection members (G-03), and a layout needing others is refused', async () => {
    const { channel, user1 } = threeOrgs();
    deploy(channel, "AND('Org1MSP.peer','Org2MSP.peer')");
    const endorsement = await channel.endorse({
      chaincode: 'cc',
      fcn: 'readPrivate',
      args: ['org1only', 'k'],
      identity: user1,
    });
    expect(endorsement.refusal).to.deep.equal({
      code: 'FAILED_PRECONDITION',
      message:
        'no combination of peers can be derived which satisfy the endorsement policy: no peer combination can satisfy the endorsement policy',
      details: [],
    });
  });
});

describe('G-04 refusals are aggregated as the gateway does (endorse.go, endorsement.go, apiutils.go responseStatus)', () => {
  it("one endorser's chaincode error is that peer's detail, not a payload mismatch", async () => {
    const { channel, user1 } = threeOrgs();
    deploy(channel, "AND('Org1MSP.peer','Org2MSP.peer')");
    const endorsement = await channel.endorse({ chaincode: 'cc', fcn: 'failOnOrg2', identity: user1 });
    expect(endorsement.refusal).to.deep.equal({
      code: 'ABORTED',
      message: 'failed to collect enough transaction endorsements, see attached details for more info',
      details: [{ address: 'peer0.org2msp:7051', mspId: 'Org2MSP', message: 'chaincode response 500, org2 refuses' }],
    });
    expect(endorsement.response).to.include({ status: 500, message: 'org2 refuses' });
    expect(endorsement.mismatch).to.equal(undefined);
  });

  it("the client organization's own error fails at once: 'failed to endorse transaction'", async () => {
    const { channel, user2 } = threeOrgs();
    deploy(channel, "OR('Org1MSP.peer','Org2MSP.peer')");
    const endorsement = await channel.endorse({ chaincode: 'cc', fcn: 'failOnOrg2', identity: user2 });
    expect(endorsement.refusal).to.deep.equal({
      code: 'ABORTED',
      message: 'failed to endorse transaction, see attached details for more info',
      details: [{ address: 'peer0.org2msp:7051', mspId: 'Org2MSP', message: 'chaincode response 500, org2 refuses' }],
    });
    expect(endorsement.endorsingOrganizations).to.deep.equal(['Org2MSP']);
  });

  it('a peer error keeps its own text, without the chaincode-response prefix', async () => {
    const { channel, user1 } = threeOrgs();
    const endorsement = await channel.endorse({ chaincode: 'nosuchcc', fcn: 'f', identity: user1 });
    expect(endorsement.refusal?.details).to.deep.equal([
      {
        address: 'peer0.org1msp:7051',
        mspId: 'Org1MSP',
        message:
          'make sure the chaincode nosuchcc has been successfully defined on channel mychannel and try again: chaincode nosuchcc not found',
      },
    ]);
  });
});

describe('G-05 transient data is not sent to organizations outside the collection (endorse.go, Fabric PR 3445)', () => {
  it('refuses before ordering when the policy needs an organization that is not a member of the written collection', async () => {
    const { channel, user1 } = threeOrgs();
    deploy(channel, "AND('Org1MSP.peer','Org2MSP.peer')");
    const withTransient = await channel.endorse({
      chaincode: 'cc',
      fcn: 'putPrivate',
      args: ['org1only', 'k'],
      identity: user1,
      transient: { secret: 'x' },
    });
    expect(withTransient.refusal).to.deep.equal({
      code: 'FAILED_PRECONDITION',
      message:
        'requires endorsement from organisation(s) that are not in the distribution policy of the private data collection(s): [org1only]; retry specifying trusted endorsing organizations to protect transient data',
      details: [],
    });
    // Without transient data the same write is endorsed by both organizations.
    const without = await channel.endorse({
      chaincode: 'cc',
      fcn: 'putPrivate',
      args: ['org1only', 'k'],
      identity: user1,
    });
    expect(without.endorsingOrganizations).to.deep.equal(['Org1MSP', 'Org2MSP']);
  });
});
