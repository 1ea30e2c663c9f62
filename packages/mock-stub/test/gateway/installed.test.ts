import { expect } from 'chai';
import { createMockFabric, NoEndorsersError, type MockChannel, type MockIdentity } from '../../src';
import { ScriptChaincode, kvFunctions } from '../fixtures/script-chaincode';

/** Org1MSP, Org2MSP and Org3MSP on one channel, a client in each. */
function threeOrgs(): { channel: MockChannel; user1: MockIdentity; user2: MockIdentity } {
  const fabric = createMockFabric({ determinismCheck: false });
  const client = (msp: string): MockIdentity => fabric.addOrganization(msp).createIdentity({ name: `user-${msp}` });
  const [user1, user2] = [client('Org1MSP'), client('Org2MSP'), client('Org3MSP')];
  if (user1 === undefined || user2 === undefined) throw new Error('no clients');
  return { channel: fabric.createChannel('mychannel'), user1, user2 };
}

const functions = {
  ...kvFunctions,
  /** Writes and returns the endorsing peer's MSP ID. */
  peerOrg: async (stub: Parameters<(typeof kvFunctions)['put']>[0]) => {
    await stub.putState('org', Buffer.from(stub.getMspID()));
    return Buffer.from(stub.getMspID());
  },
};

function deploy(channel: MockChannel, endorsementPolicy: string, installedOn: readonly string[]): void {
  channel.deploy({ name: 'cc', chaincode: new ScriptChaincode(functions), endorsementPolicy, installedOn });
}

describe('G-08 organizations whose peers have no chaincode installed (internal/pkg/gateway/registry.go, endorse.go, evaluate.go)', () => {
  it('G-08 naming such an organization fails with UNAVAILABLE "failed to find any endorsing peers for org(s)", before any peer runs', async () => {
    const { channel, user1 } = threeOrgs();
    deploy(channel, "OR('Org1MSP.peer','Org2MSP.peer')", ['Org1MSP']);
    const endorsement = await channel.endorse({
      chaincode: 'cc',
      fcn: 'peerOrg',
      identity: user1,
      endorsingOrganizations: ['Org1MSP', 'Org2MSP', 'Org3MSP'],
    });
    expect(endorsement.refusal).to.deep.equal({
      code: 'UNAVAILABLE',
      message: 'failed to find any endorsing peers for org(s): Org2MSP, Org3MSP',
      details: [],
    });
    expect(endorsement.readWriteSet.namespaces).to.deep.equal([]);
  });

  it('G-08 without the chaincode in the client organization, the first endorser comes from discovery, and the plan avoids organizations without it', async () => {
    const { channel, user1 } = threeOrgs();
    deploy(channel, "OutOf(2,'Org1MSP.peer','Org2MSP.peer','Org3MSP.peer')", ['Org2MSP', 'Org3MSP']);
    const tx = await channel.submit({ chaincode: 'cc', fcn: 'put', args: ['k', 'v'], identity: user1 });
    expect(tx.validationCode).to.equal('VALID');
    expect(tx.endorsement.endorsingOrganizations).to.deep.equal(['Org2MSP', 'Org3MSP']);
  });

  it('G-08 a policy only organizations without the chaincode could satisfy has no layout (FAILED_PRECONDITION)', async () => {
    const { channel, user2 } = threeOrgs();
    deploy(channel, "AND('Org1MSP.peer','Org2MSP.peer')", ['Org2MSP']);
    const endorsement = await channel.endorse({ chaincode: 'cc', fcn: 'put', args: ['k', 'v'], identity: user2 });
    expect(endorsement.refusal?.code).to.equal('FAILED_PRECONDITION');
    expect(endorsement.refusal?.message).to.match(
      /^no combination of peers can be derived which satisfy the endorsement policy/,
    );
  });

  it('G-08 with transient data and no chaincode in the client organization, the gateway refuses rather than send it elsewhere', async () => {
    const { channel, user1 } = threeOrgs();
    deploy(channel, "OR('Org1MSP.peer','Org2MSP.peer')", ['Org2MSP']);
    const endorsement = await channel.endorse({
      chaincode: 'cc',
      fcn: 'put',
      args: ['k', 'v'],
      identity: user1,
      transient: { secret: 'x' },
    });
    expect(endorsement.refusal).to.deep.equal({
      code: 'FAILED_PRECONDITION',
      message:
        "no endorsers found in the gateway's organization; retry specifying endorsing organization(s) to protect transient data",
      details: [],
    });
  });

  it('G-08 evaluate runs on the client organization when it has the chaincode, else on another, else fails with UNAVAILABLE', async () => {
    const { channel, user1, user2 } = threeOrgs();
    deploy(channel, "OR('Org1MSP.peer','Org2MSP.peer')", ['Org2MSP', 'Org3MSP']);
    const on = async (identity: MockIdentity, targets?: string[]): Promise<string> =>
      (
        await channel.evaluate({
          chaincode: 'cc',
          fcn: 'peerOrg',
          identity,
          ...(targets === undefined ? {} : { endorsingOrganizations: targets }),
        })
      ).payload.toString();
    expect(await on(user2)).to.equal('Org2MSP');
    expect(await on(user1)).to.equal('Org2MSP');
    expect(await on(user1, ['Org1MSP', 'Org3MSP'])).to.equal('Org3MSP');
    const none = await channel
      .evaluate({ chaincode: 'cc', fcn: 'peerOrg', identity: user1, endorsingOrganizations: ['Org1MSP'] })
      .then(
        () => undefined,
        (error: unknown) => error,
      );
    expect(none).to.be.instanceOf(NoEndorsersError);
    expect(none).to.have.property('message', 'no peers available to evaluate chaincode cc in channel mychannel');
  });

  it('bad input: installedOn naming an organization that is not on the channel is refused by name', () => {
    const { channel } = threeOrgs();
    expect(() => deploy(channel, "OR('Org1MSP.peer')", ['Org1MSP', 'Org9MSP'])).to.throw(
      "chaincode 'cc': installedOn names Org9MSP, not organizations of the channel (Org1MSP, Org2MSP, Org3MSP)",
    );
  });
});
