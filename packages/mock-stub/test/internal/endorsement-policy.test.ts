import { expect } from 'chai';
import { KeyEndorsementPolicy } from 'fabric-shim';
import { twoOrgNetwork } from '../fixtures/network';
import { ScriptChaincode, kvFunctions } from '../fixtures/script-chaincode';
import { chaincodeNamespaces } from '../fixtures/chaincode-namespaces';

const functions = {
  ...kvFunctions,
  lock: async (stub: Parameters<(typeof kvFunctions)['put']>[0], [key = '', ...orgs]: string[]) => {
    const policy = new KeyEndorsementPolicy();
    policy.addOrgs('PEER', ...orgs);
    await stub.setStateValidationParameter(key, policy.getPolicy());
  },
  lockAfterRead: async (stub: Parameters<(typeof kvFunctions)['put']>[0], [key = '', read = '']: string[]) => {
    await stub.getState(read);
    const policy = new KeyEndorsementPolicy();
    policy.addOrgs('PEER', 'Org1MSP');
    await stub.setStateValidationParameter(key, policy.getPolicy());
  },
  orgs: async (stub: Parameters<(typeof kvFunctions)['put']>[0], [key = '']: string[]) => {
    const parameter = await stub.getStateValidationParameter(key);
    return JSON.stringify(parameter ? new KeyEndorsementPolicy(parameter).listOrgs() : null);
  },
};

/** One organization endorses, as a client naming it does: these tests are about the commit-time check. */
const org1Only = { endorsingOrganizations: ['Org1MSP'] };

function setup(endorsementPolicy = "OR('Org1MSP.peer','Org2MSP.peer')") {
  const network = twoOrgNetwork();
  network.channel.deploy({ name: 'cc', chaincode: new ScriptChaincode(functions), endorsementPolicy });
  return network;
}

describe('S-60 key-level endorsement (statebased/validator_keylevel.go, fabric-shim statebased.js)', () => {
  it('stores the validation parameter as metadata and enforces it instead of the chaincode policy', async () => {
    const { channel, user1 } = setup();
    await channel.submit({ chaincode: 'cc', fcn: 'put', args: ['k', 'v'], identity: user1 });
    await channel.submit({ chaincode: 'cc', fcn: 'lock', args: ['k', 'Org2MSP'], identity: user1 });
    const read = await channel.endorse({ chaincode: 'cc', fcn: 'orgs', args: ['k'], identity: user1 });
    expect(JSON.parse(read.response.payload.toString())).to.deep.equal(['Org2MSP']);
    expect(chaincodeNamespaces(read.readWriteSet)[0]?.reads.map((r) => r.key)).to.deep.equal(['k']);

    const byOrg1 = await channel.endorse({
      ...org1Only,
      chaincode: 'cc',
      fcn: 'put',
      args: ['k', 'x'],
      identity: user1,
    });
    const byOrg2 = await channel.endorse({
      chaincode: 'cc',
      fcn: 'put',
      args: ['k', 'y'],
      identity: user1,
      endorsingOrganizations: ['Org2MSP'],
    });
    const block = await channel.commit([byOrg1, byOrg2]);
    expect(block.transactions.map((t) => t.validationCode)).to.deep.equal(['ENDORSEMENT_POLICY_FAILURE', 'VALID']);
    expect(channel.getState('cc', 'k')?.toString()).to.equal('y');
    // The value write kept the parameter (tx_ops.go retains metadata).
    const again = await channel.endorse({
      ...org1Only,
      chaincode: 'cc',
      fcn: 'put',
      args: ['k', 'z'],
      identity: user1,
    });
    expect((await channel.commit([again])).transactions[0]?.validationCode).to.equal('ENDORSEMENT_POLICY_FAILURE');
  });

  it('a parameter changed earlier in the same block invalidates later writes to the key', async () => {
    const { channel, user1 } = setup();
    await channel.submit({ chaincode: 'cc', fcn: 'put', args: ['k', 'v'], identity: user1 });
    const lock = await channel.endorse({ chaincode: 'cc', fcn: 'lock', args: ['k', 'Org1MSP'], identity: user1 });
    const write = await channel.endorse({ chaincode: 'cc', fcn: 'put', args: ['k', 'w'], identity: user1 });
    const block = await channel.commit([lock, write]);
    expect(block.transactions.map((t) => t.validationCode)).to.deep.equal(['VALID', 'ENDORSEMENT_POLICY_FAILURE']);
  });

  it('a metadata write to a missing key is dropped (tx_ops.go)', async () => {
    const { channel, user1 } = setup();
    await channel.submit({ chaincode: 'cc', fcn: 'lock', args: ['ghost', 'Org2MSP'], identity: user1 });
    const read = await channel.evaluate({ chaincode: 'cc', fcn: 'orgs', args: ['ghost'], identity: user1 });
    expect(read.payload.toString()).to.equal('null');
  });
});

describe('S-60 chaincode endorsement policy checked at commit against the endorsing orgs', () => {
  it('AND needs both organizations', async () => {
    const { channel, user1 } = setup("AND('Org1MSP.peer','Org2MSP.peer')");
    const one = await channel.endorse({ ...org1Only, chaincode: 'cc', fcn: 'put', args: ['k', '1'], identity: user1 });
    const both = await channel.endorse({
      chaincode: 'cc',
      fcn: 'put',
      args: ['k', '2'],
      identity: user1,
      endorsingOrganizations: ['Org1MSP', 'Org2MSP'],
    });
    const block = await channel.commit([one, both]);
    expect(block.transactions.map((t) => t.validationCode)).to.deep.equal(['ENDORSEMENT_POLICY_FAILURE', 'VALID']);
  });

  it('defaults to a majority of the channel’s organizations', async () => {
    const network = twoOrgNetwork();
    network.channel.deploy({ name: 'cc', chaincode: new ScriptChaincode(functions) });
    const one = await network.channel.endorse({
      ...org1Only,
      chaincode: 'cc',
      fcn: 'put',
      args: ['k', '1'],
      identity: network.user1,
    });
    expect((await network.channel.commit([one])).transactions[0]?.validationCode).to.equal(
      'ENDORSEMENT_POLICY_FAILURE',
    );
  });

  it('read-only transactions are still checked against the chaincode policy', async () => {
    const { channel, user1 } = setup("OR('Org2MSP.peer')");
    const read = await channel.endorse({ ...org1Only, chaincode: 'cc', fcn: 'get', args: ['k'], identity: user1 });
    expect((await channel.commit([read])).transactions[0]?.validationCode).to.equal('ENDORSEMENT_POLICY_FAILURE');
  });
});

describe('S-60 parameter updates count from the policy check, before MVCC (valinforetriever.go)', () => {
  it('a parameter change that fails MVCC still invalidates later writes to the key in the block', async () => {
    const { channel, user1 } = setup();
    await channel.submit({ chaincode: 'cc', fcn: 'put', args: ['k', 'v'], identity: user1 });
    await channel.submit({ chaincode: 'cc', fcn: 'put', args: ['other', '1'], identity: user1 });
    // Reads `other` and re-locks `k`; `other` changes before it commits, so it fails MVCC.
    const lock = await channel.endorse({
      chaincode: 'cc',
      fcn: 'lockAfterRead',
      args: ['k', 'other'],
      identity: user1,
    });
    const bump = await channel.endorse({ chaincode: 'cc', fcn: 'put', args: ['other', '2'], identity: user1 });
    const write = await channel.endorse({ chaincode: 'cc', fcn: 'put', args: ['k', 'w'], identity: user1 });
    const block = await channel.commit([bump, lock, write]);
    expect(block.transactions.map((t) => t.validationCode)).to.deep.equal([
      'VALID',
      'MVCC_READ_CONFLICT',
      'ENDORSEMENT_POLICY_FAILURE',
    ]);
  });
});

describe('S-60 key-level endorsement on private data (validator_keylevel.go, hashed metadata)', () => {
  it('enforces a validation parameter set on a private key', async () => {
    const network = twoOrgNetwork();
    network.channel.deploy({
      name: 'cc',
      endorsementPolicy: "OR('Org1MSP.peer','Org2MSP.peer')",
      collections: [
        {
          name: 'c',
          policy: "OR('Org1MSP.member','Org2MSP.member')",
          requiredPeerCount: 0,
          maxPeerCount: 1,
          blockToLive: 0,
        },
      ],
      chaincode: new ScriptChaincode({
        put: async (stub, [key = '', value = '']) => {
          await stub.putPrivateData('c', key, Buffer.from(value));
        },
        lock: async (stub, [key = '']) => {
          const policy = new KeyEndorsementPolicy();
          policy.addOrgs('MEMBER', 'Org2MSP');
          await stub.setPrivateDataValidationParameter('c', key, policy.getPolicy());
        },
        orgs: async (stub, [key = '']) => {
          const parameter = await stub.getPrivateDataValidationParameter('c', key);
          return JSON.stringify(new KeyEndorsementPolicy(parameter).listOrgs());
        },
      }),
    });
    const { channel, user1 } = network;
    await channel.submit({ chaincode: 'cc', fcn: 'put', args: ['k', 'v'], identity: user1 });
    await channel.submit({ chaincode: 'cc', fcn: 'lock', args: ['k'], identity: user1 });
    const orgs = await channel.evaluate({ chaincode: 'cc', fcn: 'orgs', args: ['k'], identity: user1 });
    expect(JSON.parse(orgs.payload.toString())).to.deep.equal(['Org2MSP']);
    const byOrg1 = await channel.endorse({
      ...org1Only,
      chaincode: 'cc',
      fcn: 'put',
      args: ['k', 'x'],
      identity: user1,
    });
    const byOrg2 = await channel.endorse({
      chaincode: 'cc',
      fcn: 'put',
      args: ['k', 'y'],
      identity: user1,
      endorsingOrganizations: ['Org2MSP'],
    });
    const block = await channel.commit([byOrg1, byOrg2]);
    expect(block.transactions.map((t) => t.validationCode)).to.deep.equal(['ENDORSEMENT_POLICY_FAILURE', 'VALID']);
    expect(channel.getPrivateData('cc', 'c', 'k')?.toString()).to.equal('y');
  });
});
