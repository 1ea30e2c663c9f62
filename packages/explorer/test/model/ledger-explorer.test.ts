import { createHash } from 'node:crypto';
import { expect } from 'chai';
import {
  LedgerExplorer,
  mockLedgerSource,
  UnknownChannelError,
  UnknownOrganizationError,
  type TransactionView,
} from '../../src';
import { testLedger } from '../fixtures/ledger';

function sha256(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}

async function explore(ledger: ReturnType<typeof testLedger>): Promise<LedgerExplorer> {
  const explorer = new LedgerExplorer(mockLedgerSource(ledger.fabric));
  await explorer.refresh();
  return explorer;
}

function allTransactions(explorer: LedgerExplorer, viewer?: string): TransactionView[] {
  const query = viewer === undefined ? {} : { viewer };
  return explorer.blocks('mychannel', query).flatMap((block) => block.transactions);
}

describe('LedgerExplorer on the in-memory peer', () => {
  it('shows a transaction: function, arguments, creator with attributes, endorsers, read/write sets, event', async () => {
    const ledger = testLedger();
    await ledger.submit(ledger.alice, 'put', 'k1', 'one');
    const [tx] = allTransactions(await explore(ledger));
    expect(tx).to.include({ validationCode: 'VALID', chaincode: 'kv', function: 'put', blockNumber: 0, txNumber: 0 });
    expect(tx?.args).to.deep.equal(['k1', 'one']);
    expect(tx?.creator.mspId).to.equal('Org1MSP');
    expect(tx?.creator.subject).to.contain('CN=alice');
    expect(tx?.creator.attributes).to.include({ role: 'auditor' });
    expect(tx?.endorsingOrganizations).to.deep.equal(['Org1MSP']);
    const kv = tx?.namespaces.find((ns) => ns.namespace === 'kv');
    expect(kv?.writes).to.deep.equal([{ key: 'k1', isDelete: false, value: 'one' }]);
    expect(tx?.event).to.deep.equal({ name: 'Put', payload: 'k1' });
    expect(tx?.explanation).to.equal(undefined);
  });

  it('explains an MVCC conflict in one block: the key, the version read, and the earlier transaction of the block', async () => {
    const ledger = testLedger();
    await ledger.submit(ledger.alice, 'put', 'asset1', 'v0');
    const endorse = (value: string) =>
      ledger.channel.endorse({ chaincode: 'kv', fcn: 'update', args: ['asset1', value], identity: ledger.bob });
    await ledger.channel.commit([await endorse('a'), await endorse('b')]);
    const [, first, second] = allTransactions(await explore(ledger));
    expect(second?.validationCode).to.equal('MVCC_READ_CONFLICT');
    expect(second?.explanation?.conflicts).to.deep.equal([
      {
        namespace: 'kv',
        key: 'asset1',
        versionRead: { blockNumber: 0, txNumber: 0 },
        changedBy: { txId: first?.txId, blockNumber: 1, txNumber: 0, isDelete: false },
      },
    ]);
    expect(second?.explanation?.summary)
      .to.contain('asset1 was read at version 0:0')
      .and.contain('earlier in the same block');
  });

  it('explains an MVCC conflict across blocks with the transaction of the earlier block that changed the key', async () => {
    const ledger = testLedger();
    await ledger.submit(ledger.alice, 'put', 'k', 'v0');
    const stale = await ledger.channel.endorse({
      chaincode: 'kv',
      fcn: 'update',
      args: ['k', 'x'],
      identity: ledger.bob,
    });
    await ledger.submit(ledger.alice, 'put', 'other', 'y');
    await ledger.submit(ledger.alice, 'update', 'k', 'v2');
    await ledger.channel.commit([stale]);
    const txs = allTransactions(await explore(ledger));
    const writer = txs[2];
    const conflict = txs[3]?.explanation?.conflicts?.[0];
    expect(txs[3]?.validationCode).to.equal('MVCC_READ_CONFLICT');
    expect(conflict).to.deep.include({ key: 'k', versionRead: { blockNumber: 0, txNumber: 0 } });
    expect(conflict?.changedBy).to.deep.equal({ txId: writer?.txId, blockNumber: 2, txNumber: 0, isDelete: false });
    expect(txs[3]?.explanation?.summary).to.contain('in block 2');
  });

  it('explains a phantom read with the transaction that wrote into the range', async () => {
    const ledger = testLedger();
    await ledger.submit(ledger.alice, 'put', 'a1', '1');
    const counting = await ledger.channel.endorse({
      chaincode: 'kv',
      fcn: 'count',
      args: ['a', 'b'],
      identity: ledger.alice,
    });
    await ledger.submit(ledger.alice, 'put', 'a2', '2');
    await ledger.channel.commit([counting]);
    const txs = allTransactions(await explore(ledger));
    expect(txs[2]?.validationCode).to.equal('PHANTOM_READ_CONFLICT');
    expect(txs[2]?.explanation?.phantoms?.[0]).to.deep.equal({
      namespace: 'kv',
      startKey: 'a',
      endKey: 'b',
      changedBy: { txId: txs[1]?.txId, blockNumber: 1, txNumber: 0, key: 'a2' },
    });
  });

  it('explains an endorsement policy failure with the policy and the endorsing organizations', async () => {
    const ledger = testLedger("AND('Org1MSP.peer','Org2MSP.peer')");
    const endorsement = await ledger.channel.endorse({
      chaincode: 'kv',
      fcn: 'put',
      args: ['k', 'v'],
      identity: ledger.alice,
      endorsingOrganizations: ['Org1MSP'],
    });
    await ledger.channel.commit([endorsement]);
    const [tx] = allTransactions(await explore(ledger));
    expect(tx?.validationCode).to.equal('ENDORSEMENT_POLICY_FAILURE');
    expect(tx?.explanation?.endorsementPolicy).to.deep.equal({
      chaincode: 'kv',
      policy: "AND('Org1MSP.peer', 'Org2MSP.peer')",
      endorsedBy: ['Org1MSP'],
    });
    expect(tx?.explanation?.summary)
      .to.contain("AND('Org1MSP.peer', 'Org2MSP.peer')")
      .and.contain('endorsed by Org1MSP');
  });

  it('shows private data as hashes, and keys and values only to a member organization of the collection', async () => {
    const ledger = testLedger();
    const transient = { value: 'the-private-value' };
    await ledger.channel.submit({
      chaincode: 'kv',
      fcn: 'putPrivate',
      args: ['secret'],
      transient,
      identity: ledger.alice,
    });
    const explorer = await explore(ledger);
    const collectionOf = (viewer?: string) =>
      allTransactions(explorer, viewer)[0]?.namespaces.find((ns) => ns.namespace === 'kv')?.collections[0];
    const hashesOnly = { keyHash: sha256('secret'), isDelete: false, valueHash: sha256('the-private-value') };
    expect(collectionOf()?.writes).to.deep.equal([hashesOnly]);
    expect(collectionOf('Org2MSP')?.writes).to.deep.equal([hashesOnly]);
    expect(collectionOf('Org1MSP')?.writes).to.deep.equal([
      { ...hashesOnly, key: 'secret', value: 'the-private-value' },
    ]);
    expect(JSON.stringify(explorer.blocks('mychannel', { viewer: 'Org2MSP' }))).not.to.contain('the-private-value');
  });

  it('hides the key of a private MVCC conflict from a non-member, keeping its hash', async () => {
    const ledger = testLedger();
    await ledger.channel.submit({
      chaincode: 'kv',
      fcn: 'putPrivate',
      args: ['p'],
      transient: { value: '1' },
      identity: ledger.alice,
    });
    const endorse = (value: string) =>
      ledger.channel.endorse({ chaincode: 'kv', fcn: 'updatePrivate', args: ['p', value], identity: ledger.alice });
    await ledger.channel.commit([await endorse('2'), await endorse('3')]);
    const explorer = await explore(ledger);
    const conflictFor = (viewer?: string) => allTransactions(explorer, viewer)[2]?.explanation?.conflicts?.[0];
    expect(conflictFor('Org1MSP')).to.deep.include({ collection: 'org1only', key: 'p', keyHash: sha256('p') });
    expect(conflictFor()).to.not.have.property('key');
    expect(conflictFor()).to.deep.include({ collection: 'org1only', keyHash: sha256('p') });
  });

  it('lists chaincode definitions with sequence, policy and collections', async () => {
    const explorer = await explore(testLedger());
    const [definition] = explorer.overview().channels[0]?.chaincodeDefinitions ?? [];
    expect(definition).to.deep.include({
      name: 'kv',
      version: '1.0',
      sequence: 1,
      endorsementPolicy: "OR('Org1MSP.peer', 'Org2MSP.peer')",
    });
    expect(definition?.collections[0]).to.deep.include({ name: 'org1only', memberOrganizations: ['Org1MSP'] });
  });

  it('reads only the new blocks on a refresh and reports the channels that grew', async () => {
    const ledger = testLedger();
    await ledger.submit(ledger.alice, 'put', 'k', '1');
    const explorer = await explore(ledger);
    expect(await explorer.refresh()).to.deep.equal([]);
    await ledger.submit(ledger.alice, 'put', 'k', '2');
    expect(await explorer.refresh()).to.deep.equal([{ channel: 'mychannel', height: 2 }]);
    expect(explorer.blocks('mychannel', { from: 1 }).map((b) => b.number)).to.deep.equal([1]);
  });

  it('refuses an unknown channel or viewer organization by name', async () => {
    const explorer = await explore(testLedger());
    expect(() => explorer.blocks('nochannel')).to.throw(
      UnknownChannelError,
      'channel "nochannel" is not on this network (channels: mychannel)',
    );
    expect(() => explorer.overview('Org9MSP')).to.throw(UnknownOrganizationError, 'organization "Org9MSP"');
  });
});
