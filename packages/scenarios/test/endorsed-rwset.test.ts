import { expect } from 'chai';
import { ledger } from '@hyperledger/fabric-protos';
import { MERKLE_SUMMARY, privateHash, summarizeReadWriteSet } from '../src/endorsed-rwset';

const { kvrwset } = ledger.rwset;

function version(blockNum: number, txNum: number): ledger.rwset.kvrwset.Version {
  const v = new kvrwset.Version();
  v.setBlockNum(blockNum);
  v.setTxNum(txNum);
  return v;
}

function read(key: string, at?: ledger.rwset.kvrwset.Version): ledger.rwset.kvrwset.KVRead {
  const r = new kvrwset.KVRead();
  r.setKey(key);
  if (at !== undefined) r.setVersion(at);
  return r;
}

/** The public part: a read, a range with raw reads, one with a Merkle summary, writes, a delete, metadata. */
function publicSet(): ledger.rwset.kvrwset.KVRWSet {
  const set = new kvrwset.KVRWSet();
  set.setReadsList([read('a', version(3, 1)), read('absent')]);
  const raw = new kvrwset.RangeQueryInfo();
  raw.setStartKey('a');
  raw.setEndKey('b');
  raw.setItrExhausted(true);
  const reads = new kvrwset.QueryReads();
  reads.setKvReadsList([read('a1', version(1, 0)), read('a2', version(2, 0))]);
  raw.setRawReads(reads);
  const merkle = new kvrwset.RangeQueryInfo();
  merkle.setStartKey('p');
  merkle.setEndKey('q');
  merkle.setReadsMerkleHashes(new kvrwset.QueryReadsMerkleSummary());
  set.setRangeQueriesInfoList([raw, merkle]);
  const put = new kvrwset.KVWrite();
  put.setKey('k');
  put.setValue(Buffer.from('{"n":1}'));
  const del = new kvrwset.KVWrite();
  del.setKey('gone');
  del.setIsDelete(true);
  set.setWritesList([put, del]);
  const metadata = new kvrwset.KVMetadataWrite();
  metadata.setKey('k');
  set.setMetadataWritesList([metadata]);
  return set;
}

function hashedSet(): ledger.rwset.kvrwset.HashedRWSet {
  const set = new kvrwset.HashedRWSet();
  const hashedRead = new kvrwset.KVReadHash();
  hashedRead.setKeyHash(Buffer.from(privateHash('secret'), 'hex'));
  hashedRead.setVersion(version(4, 0));
  set.setHashedReadsList([hashedRead]);
  const write = new kvrwset.KVWriteHash();
  write.setKeyHash(Buffer.from(privateHash('price'), 'hex'));
  write.setValueHash(Buffer.from(privateHash('100'), 'hex'));
  const purge = new kvrwset.KVWriteHash();
  purge.setKeyHash(Buffer.from(privateHash('old'), 'hex'));
  purge.setIsDelete(true);
  purge.setIsPurge(true);
  set.setHashedWritesList([write, purge]);
  return set;
}

function txReadWriteSet(): Uint8Array {
  const namespace = new ledger.rwset.NsReadWriteSet();
  namespace.setNamespace('probe');
  namespace.setRwset(publicSet().serializeBinary());
  const collection = new ledger.rwset.CollectionHashedReadWriteSet();
  collection.setCollectionName('shared');
  collection.setHashedRwset(hashedSet().serializeBinary());
  namespace.setCollectionHashedRwsetList([collection]);
  const lifecycle = new ledger.rwset.NsReadWriteSet();
  lifecycle.setNamespace('_lifecycle');
  const lifecycleReads = new kvrwset.KVRWSet();
  lifecycleReads.setReadsList([read('namespaces/fields/probe/Sequence', version(2, 0))]);
  lifecycle.setRwset(lifecycleReads.serializeBinary());
  const set = new ledger.rwset.TxReadWriteSet();
  set.setNsRwsetList([lifecycle, namespace]);
  return set.serializeBinary();
}

describe('summarizeReadWriteSet (the read/write set a real peer endorsed)', () => {
  it('summarises each namespace: reads with versions, ranges, writes, deletes and metadata writes', () => {
    const summary = summarizeReadWriteSet(txReadWriteSet());
    expect(Object.keys(summary)).to.deep.equal(['_lifecycle', 'probe']);
    expect(summary['_lifecycle']?.reads).to.deep.equal({ 'namespaces/fields/probe/Sequence': '2:0' });
    const probe = summary['probe'];
    expect(probe?.reads).to.deep.equal({ a: '3:1', absent: 'none' });
    expect(probe?.ranges).to.deep.equal([
      { startKey: 'a', endKey: 'b', itrExhausted: true, keys: ['a1', 'a2'] },
      { startKey: 'p', endKey: 'q', itrExhausted: false, keys: [MERKLE_SUMMARY] },
    ]);
    expect(probe?.writes).to.deep.equal({ k: { n: 1 }, gone: { delete: true } });
    expect(probe?.metadataWrites).to.deep.equal(['k']);
  });

  it('keeps private data as the transaction carries it: key and value hashes; a purge is a delete and a purge', () => {
    const shared = summarizeReadWriteSet(txReadWriteSet())['probe']?.collections['shared'];
    expect(shared).to.deep.equal({
      hashed: true,
      reads: { [privateHash('secret')]: '4:0' },
      writes: {
        [privateHash('price')]: { valueHash: privateHash('100') },
        [privateHash('old')]: { delete: true },
      },
      purges: [privateHash('old')],
    });
  });

  it('gives nothing for an empty results field', () => {
    expect(summarizeReadWriteSet(new Uint8Array())).to.deep.equal({});
  });
});
