import { expect } from 'chai';
import { deployAnyOrg, twoOrgNetwork } from '../fixtures/network';
import type { Endorsement } from '../../src';
import { ScriptChaincode, kvFunctions, type ScriptFunction } from '../fixtures/script-chaincode';

const privateFunctions: Record<string, ScriptFunction> = {
  ...kvFunctions,
  putPrivate: async (stub, [key = '']) => {
    await stub.putPrivateData('shared', key, Buffer.from('v'));
  },
  hash: async (stub, [key = '']) => Buffer.from(await stub.getPrivateDataHash('shared', key)),
};
const SHARED = {
  name: 'shared',
  policy: "OR('Org1MSP.member','Org2MSP.member')",
  requiredPeerCount: 0,
  maxPeerCount: 1,
  blockToLive: 0,
};
const DEFINITION_KEYS = [
  'namespaces/fields/cc/Collections',
  'namespaces/fields/cc/EndorsementInfo',
  'namespaces/fields/cc/Sequence',
  'namespaces/fields/cc/ValidationInfo',
  'namespaces/metadata/cc',
];

function lifecycleReads(endorsement: Endorsement): string[] {
  const lifecycle = endorsement.readWriteSet.namespaces.find((namespace) => namespace.namespace === '_lifecycle');
  return (lifecycle?.reads ?? []).map((read) => read.key).sort();
}

describe('_lifecycle reads (lifecycle/endorsement_info.go, deployedcc_infoprovider.go CollectionInfo)', () => {
  it('every invocation reads its definition sequence, so the read/write set names `_lifecycle` first', async () => {
    const { channel, user1 } = twoOrgNetwork();
    deployAnyOrg(channel, 'cc', new ScriptChaincode(kvFunctions));
    const endorsement = await channel.endorse({ chaincode: 'cc', fcn: 'get', args: ['k'], identity: user1 });
    expect(endorsement.readWriteSet.namespaces.map((namespace) => namespace.namespace)).to.deep.equal([
      '_lifecycle',
      'cc',
    ]);
    expect(lifecycleReads(endorsement)).to.deep.equal(['namespaces/fields/cc/Sequence']);
    expect(channel.getState('_lifecycle', 'namespaces/fields/cc/Sequence')?.toString()).to.equal('1');
  });

  it('every private data operation reads the whole definition, a hash read too (txmgr/collection_val.go)', async () => {
    const { channel, user1 } = twoOrgNetwork();
    channel.deploy({
      name: 'cc',
      chaincode: new ScriptChaincode(privateFunctions),
      endorsementPolicy: "OR('Org1MSP.peer','Org2MSP.peer')",
      collections: [SHARED],
    });
    const write = await channel.endorse({ chaincode: 'cc', fcn: 'putPrivate', args: ['k'], identity: user1 });
    expect(lifecycleReads(write)).to.deep.equal(DEFINITION_KEYS);
    const hash = await channel.endorse({ chaincode: 'cc', fcn: 'hash', args: ['k'], identity: user1 });
    expect(lifecycleReads(hash)).to.deep.equal(DEFINITION_KEYS);
  });

  it('S-04 a transaction endorsed before a new definition commits after it as MVCC_READ_CONFLICT', async () => {
    const { channel, user1 } = twoOrgNetwork();
    const chaincode = new ScriptChaincode(kvFunctions);
    deployAnyOrg(channel, 'cc', chaincode);
    const before = await channel.endorse({ chaincode: 'cc', fcn: 'put', args: ['k', 'old'], identity: user1 });
    deployAnyOrg(channel, 'cc', chaincode); // sequence 2
    expect(channel.getState('_lifecycle', 'namespaces/fields/cc/Sequence')?.toString()).to.equal('2');
    const after = await channel.endorse({ chaincode: 'cc', fcn: 'put', args: ['k', 'new'], identity: user1 });
    const block = await channel.commit([before, after]);
    expect(block.transactions.map((tx) => tx.validationCode)).to.deep.equal(['MVCC_READ_CONFLICT', 'VALID']);
    expect(channel.getState('cc', 'k')?.toString()).to.equal('new');
  });
});

describe('MockChannel.chaincodeDefinitions and Endorsement.args (read back for the explorer)', () => {
  it('lists each committed definition with its sequence, policy text and collections; an upgrade raises the sequence', () => {
    const { channel } = twoOrgNetwork();
    const definition = {
      name: 'cc',
      chaincode: new ScriptChaincode(privateFunctions),
      endorsementPolicy: "OR('Org1MSP.peer','Org2MSP.peer')",
      collections: [SHARED],
    };
    channel.deploy(definition);
    expect(channel.chaincodeDefinitions).to.deep.equal([
      {
        name: 'cc',
        version: '1.0',
        sequence: 1,
        endorsementPolicy: "OR('Org1MSP.peer', 'Org2MSP.peer')",
        collections: [SHARED],
        initRequired: false,
      },
    ]);
    channel.deploy({ ...definition, version: '2.0', endorsementPolicy: "AND('Org1MSP.peer','Org2MSP.peer')" });
    expect(channel.chaincodeDefinitions.map((d) => [d.version, d.sequence, d.endorsementPolicy])).to.deep.equal([
      ['2.0', 2, "AND('Org1MSP.peer', 'Org2MSP.peer')"],
    ]);
  });

  it('keeps the arguments after the function name in the endorsement', async () => {
    const { channel, user1 } = twoOrgNetwork();
    deployAnyOrg(channel, 'cc', new ScriptChaincode(kvFunctions));
    const endorsement = await channel.endorse({ chaincode: 'cc', fcn: 'put', args: ['k', 'v'], identity: user1 });
    expect((endorsement.args ?? []).map((arg) => arg.toString())).to.deep.equal(['k', 'v']);
  });
});
