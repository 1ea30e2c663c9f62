import { expect } from 'chai';
import { DeterminismError, createMockFabric, isMockFabricError } from '../../src';
import { deployAnyOrg, twoOrgNetwork } from '../fixtures/network';
import { ScriptChaincode } from '../fixtures/script-chaincode';

describe('determinism check: two endorsers must agree', () => {
  let calls = 0;
  const flaky = new ScriptChaincode({
    stable: async (stub) => {
      await stub.putState('k', Buffer.from('same'));
      return 'ok';
    },
    random: async (stub) => {
      calls++;
      await stub.putState('k', Buffer.from(`value-${calls}`));
      await stub.putState('fixed', Buffer.from('x'));
      if (calls % 2 === 0) await stub.putState(`only-${calls}`, Buffer.from('y'));
      stub.setEvent('e', Buffer.from('x'));
      return `payload-${calls}`;
    },
  });

  it('fails with a diff naming the keys that differ', async () => {
    const { channel, user1 } = twoOrgNetwork({ determinismCheck: true });
    deployAnyOrg(channel, 'cc', flaky);
    calls = 0;
    // One organization: the check simulates twice on its peer, which no gateway does, so it throws.
    const err: unknown = await channel
      .endorse({ chaincode: 'cc', fcn: 'random', identity: user1 })
      .catch((e: unknown) => e);
    expect(err).to.be.instanceOf(DeterminismError);
    expect(isMockFabricError(err)).to.equal(true);
    const error = err as DeterminismError;
    expect(error.keys).to.deep.equal(['cc/k', 'cc/only-2']);
    expect(error.message).to.include('transaction ').and.include('is not deterministic');
    expect(error.message).to.include('write cc/k: "value-1" != "value-2"');
    expect(error.message).to.include('write cc/only-2: <absent> != "y"');
    expect(error.message).to.include('response: 200 "payload-1"');
    expect(error.transactionId).to.match(/^[0-9a-f]{64}$/);
  });

  it('passes deterministic chaincode and is off when disabled', async () => {
    const { channel, user1 } = twoOrgNetwork({ determinismCheck: true });
    deployAnyOrg(channel, 'cc', flaky);
    expect((await channel.submit({ chaincode: 'cc', fcn: 'stable', identity: user1 })).validationCode).to.equal(
      'VALID',
    );
    const off = twoOrgNetwork({ determinismCheck: false });
    deployAnyOrg(off.channel, 'cc', flaky);
    expect(
      (await off.channel.endorse({ chaincode: 'cc', fcn: 'random', identity: off.user1 })).response.status,
    ).to.equal(200);
  });

  it('defaults to on when process.env.CI is set', async () => {
    const saved = process.env.CI;
    process.env.CI = 'true';
    try {
      const fabric = createMockFabric();
      const org = fabric.addOrganization('Org1MSP');
      const channel = fabric.createChannel('ch');
      deployAnyOrg(channel, 'cc', flaky);
      const err: unknown = await channel
        .endorse({ chaincode: 'cc', fcn: 'random', identity: org.createIdentity({ name: 'u' }) })
        .catch((e: unknown) => e);
      expect(err).to.be.instanceOf(DeterminismError);
    } finally {
      if (saved === undefined) delete process.env.CI;
      else process.env.CI = saved;
    }
  });
});

describe('endorsements by several organizations are compared, as a gateway does (gateway/endorsement.go)', () => {
  it('refuses endorsers that answer differently with "ProposalResponsePayloads do not match", naming what differed', async () => {
    const { channel, user1 } = twoOrgNetwork({ determinismCheck: false });
    deployAnyOrg(channel, 'cc', new ScriptChaincode({ whoami: (stub) => stub.getMspID() }));
    const endorsement = await channel.endorse({
      chaincode: 'cc',
      fcn: 'whoami',
      identity: user1,
      endorsingOrganizations: ['Org1MSP', 'Org2MSP'],
    });
    expect(endorsement.response).to.include({ status: 500, message: 'ProposalResponsePayloads do not match' });
    expect(endorsement.mismatch).to.include('response: 200 "Org1MSP" "" != 200 "Org2MSP" ""');
    const err: unknown = await channel.commit([endorsement]).catch((e: unknown) => e);
    expect(err).to.have.property('name', 'EndorseError');
  });

  it("G-04 reports the non-member's error, not a payload mismatch, when a non-member cannot read a collection's private data", async () => {
    const { channel, user1 } = twoOrgNetwork({ determinismCheck: false });
    channel.deploy({
      name: 'cc',
      endorsementPolicy: "OR('Org1MSP.peer')",
      collections: [
        { name: 'c', policy: "OR('Org1MSP.member')", requiredPeerCount: 0, maxPeerCount: 0, blockToLive: 0 },
      ],
      chaincode: new ScriptChaincode({
        put: async (stub) => {
          await stub.putPrivateData('c', 'k', Buffer.from('v'));
        },
        peek: async (stub) => Buffer.from(await stub.getPrivateData('c', 'k')),
      }),
    });
    await channel.submit({ chaincode: 'cc', fcn: 'put', identity: user1 });
    const refused = await channel.endorse({
      chaincode: 'cc',
      fcn: 'peek',
      identity: user1,
      endorsingOrganizations: ['Org1MSP', 'Org2MSP'],
    });
    expect(refused.response.message).to.match(
      /^GET_STATE failed: transaction ID: [0-9a-f]{64}: private data matching public hash version is not available/,
    );
    expect(refused.refusal).to.deep.equal({
      code: 'ABORTED',
      message: 'failed to collect enough transaction endorsements, see attached details for more info',
      details: [
        {
          address: 'peer0.org2msp:7051',
          mspId: 'Org2MSP',
          message: `chaincode response 500, ${refused.response.message}`,
        },
      ],
    });
    expect(refused.mismatch).to.equal(undefined);
  });
});
