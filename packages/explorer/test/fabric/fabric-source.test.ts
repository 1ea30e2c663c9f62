import { expect } from 'chai';
import { applicationPolicy, collectionConfigPackage } from '@fabric-testkit/fabric-core';
import { createMockFabric } from '@fabric-testkit/mock-stub';
import { common, peer } from '@hyperledger/fabric-protos';
import {
  decodeBlock,
  fabricLedgerSource,
  LedgerExplorer,
  UnknownChannelError,
  type LedgerContract,
  type LedgerGateway,
} from '../../src';
import { fabricBlock, sha256, type EnvelopeSpec } from '../fixtures/fabric-block';

const MVCC_READ_CONFLICT = 11;
const fabric = createMockFabric({ determinismCheck: false });
const alice = fabric.addOrganization('Org1MSP').createIdentity({ name: 'alice', attributes: { role: 'auditor' } });

function update(txId: string): EnvelopeSpec {
  return {
    txId,
    type: 'ENDORSER_TRANSACTION',
    creatorMsp: 'Org1MSP',
    creatorPem: alice.certificatePem,
    args: ['update', 'k', 'x'],
    endorsers: ['Org2MSP', 'Org1MSP'],
  };
}

const config: EnvelopeSpec = { txId: '', type: 'CONFIG', creatorMsp: 'OrdererMSP', creatorPem: 'not a certificate' };
const blocks = [fabricBlock(0, [config], [0]), fabricBlock(1, [update('t0'), update('t1')], [0, MVCC_READ_CONFLICT])];

function definitions(): Uint8Array {
  const definition = new peer.lifecycle.QueryChaincodeDefinitionsResult.ChaincodeDefinition();
  definition.setName('kv');
  definition.setVersion('1.0');
  definition.setSequence(2);
  definition.setValidationParameter(
    applicationPolicy("AND('Org1MSP.peer','Org2MSP.peer')", undefined, 'kv').serializeBinary(),
  );
  const collections = collectionConfigPackage([{ name: 'org1only', policy: "OR('Org1MSP.member')", blockToLive: 3 }]);
  if (collections === undefined) throw new Error('collectionConfigPackage gave no package for one collection');
  definition.setCollections(peer.CollectionConfigPackage.deserializeBinary(collections.serializeBinary()));
  const result = new peer.lifecycle.QueryChaincodeDefinitionsResult();
  result.setChaincodeDefinitionsList([definition]);
  return result.serializeBinary();
}

/** qscc and `_lifecycle` as a peer answers them, over the blocks above. */
const contract: LedgerContract = {
  evaluateTransaction(name, ...args) {
    if (name === 'GetChainInfo') {
      const info = new common.BlockchainInfo();
      info.setHeight(blocks.length);
      return Promise.resolve(info.serializeBinary());
    }
    const block = blocks[Number(args[1])];
    if (name === 'GetBlockByNumber' && block !== undefined) return Promise.resolve(block);
    return Promise.reject(new Error(`unexpected qscc call ${name}(${args.join(', ')})`));
  },
  evaluate(name) {
    if (name === 'QueryChaincodeDefinitions') return Promise.resolve(definitions());
    return Promise.reject(new Error(`unexpected _lifecycle call ${name}`));
  },
};
const gateway: LedgerGateway = { getNetwork: () => ({ getContract: () => contract }) };

describe('decodeBlock (a peer-stored common.Block)', () => {
  it('reads the invocation, creator, endorsers, read/write sets with versions, hashed private data and the event', () => {
    const block = decodeBlock('mychannel', blocks[1] ?? new Uint8Array());
    expect(block).to.include({ channel: 'mychannel', number: 1 });
    const [tx0, tx1] = block.transactions;
    expect(tx0).to.deep.include({
      txId: 't0',
      txNumber: 0,
      validationCode: 'VALID',
      type: 'ENDORSER_TRANSACTION',
      chaincode: 'kv',
      function: 'update',
      args: ['k', 'x'],
      endorsingOrganizations: ['Org1MSP', 'Org2MSP'],
      timestamp: '2026-01-02T03:04:05.000Z',
      event: { name: 'Updated', payload: 'k' },
    });
    expect(tx0?.creator.mspId).to.equal('Org1MSP');
    expect(tx0?.creator.attributes).to.include({ role: 'auditor' });
    expect(tx0?.creator.subject).to.contain('CN=alice');
    expect(tx1?.validationCode).to.equal('MVCC_READ_CONFLICT');
    const [kv] = tx0?.namespaces ?? [];
    expect(kv?.reads).to.deep.equal([
      { key: 'k', version: { blockNumber: 1, txNumber: 0 } },
      { key: 'missing', version: null },
    ]);
    expect(kv?.rangeQueries).to.deep.equal([
      {
        startKey: 'a',
        endKey: 'b',
        itrExhausted: true,
        reads: [{ key: 'a1', version: { blockNumber: 0, txNumber: 0 } }],
      },
    ]);
    expect(kv?.writes).to.deep.equal([
      { key: 'k', isDelete: false, value: 'new value' },
      { key: 'gone', isDelete: true, value: '' },
    ]);
    const hex = (text: string): string => Buffer.from(sha256(text)).toString('hex');
    expect(kv?.collections).to.deep.equal([
      {
        collection: 'org1only',
        reads: [{ keyHash: hex('secret'), version: { blockNumber: 1, txNumber: 1 } }],
        writes: [{ keyHash: hex('secret'), isDelete: false, valueHash: hex('42') }],
      },
    ]);
  });

  it('reads a configuration transaction by its header, with no chaincode', () => {
    const [tx] = decodeBlock('mychannel', blocks[0] ?? new Uint8Array()).transactions;
    expect(tx).to.deep.include({ type: 'CONFIG', validationCode: 'VALID', chaincode: '', namespaces: [] });
    expect(tx?.creator).to.deep.equal({ mspId: 'OrdererMSP', subject: '', attributes: {} });
  });
});

describe('fabricLedgerSource (qscc and _lifecycle through a gateway)', () => {
  const source = fabricLedgerSource({
    name: 'network t',
    organizations: ['Org1MSP'],
    channels: ['mychannel'],
    gateway,
  });

  it('gives the explorer heights, blocks and definitions, so the MVCC conflict is explained', async () => {
    const explorer = new LedgerExplorer(source);
    await explorer.refresh();
    const overview = explorer.overview();
    expect(overview.channels.map((c) => [c.name, c.height])).to.deep.equal([['mychannel', 2]]);
    expect(overview.channels[0]?.chaincodeDefinitions).to.deep.equal([
      {
        name: 'kv',
        version: '1.0',
        sequence: 2,
        endorsementPolicy: "AND('Org1MSP.peer', 'Org2MSP.peer')",
        initRequired: false,
        collections: [
          {
            name: 'org1only',
            policy: "OR('Org1MSP.member')",
            memberOrganizations: ['Org1MSP'],
            requiredPeerCount: 0,
            maxPeerCount: 1,
            blockToLive: 3,
            memberOnlyRead: false,
            memberOnlyWrite: false,
          },
        ],
      },
    ]);
    const conflict = explorer.blocks('mychannel', { from: 1 })[0]?.transactions[1]?.explanation?.conflicts?.[0];
    expect(conflict).to.deep.equal({
      namespace: 'kv',
      key: 'k',
      versionRead: { blockNumber: 1, txNumber: 0 },
      changedBy: { txId: 't0', blockNumber: 1, txNumber: 0, isDelete: false },
    });
  });

  it('refuses a channel it was not given', async () => {
    const failure = await source.height('other').then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(failure).to.be.instanceOf(UnknownChannelError);
  });
});
