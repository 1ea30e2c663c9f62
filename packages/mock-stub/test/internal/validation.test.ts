import { expect } from 'chai';
import { deployAnyOrg, twoOrgNetwork } from '../fixtures/network';
import { ScriptChaincode, kvFunctions, type ScriptFunction } from '../fixtures/script-chaincode';
import { chaincodeNamespaces } from '../fixtures/chaincode-namespaces';

const counterFunctions: Record<string, ScriptFunction> = {
  ...kvFunctions,
  incr: async (stub, [key = 'n']) => {
    const current = Number(Buffer.from(await stub.getState(key)).toString() || '0');
    await stub.putState(key, Buffer.from(String(current + 1)));
  },
  readRange: async (stub, [start = '', end = '', limit = '0']) => {
    let seen = 0;
    for await (const kv of stub.getStateByRange(start, end)) {
      seen++;
      if (Number(limit) > 0 && seen >= Number(limit)) break;
      void kv;
    }
    await stub.putState('marker', Buffer.from(String(seen)));
  },
};
const counter = new ScriptChaincode(counterFunctions);

describe('S-04 range query info (rwsetutil/rwset_builder.go AddToRangeQuerySet)', () => {
  it('records the same range (start, end, exhausted) once, the first time it ran', async () => {
    const { channel, user1 } = twoOrgNetwork();
    deployAnyOrg(
      channel,
      'cc',
      new ScriptChaincode({
        ...kvFunctions,
        twice: async (stub) => {
          for (let round = 0; round < 2; round++) for await (const kv of stub.getStateByRange('a', 'c')) void kv;
          for await (const kv of stub.getStateByRange('a', 'b')) void kv;
        },
      }),
    );
    await channel.submit({ chaincode: 'cc', fcn: 'put', args: ['a1', 'x'], identity: user1 });
    const e = await channel.endorse({ chaincode: 'cc', fcn: 'twice', identity: user1 });
    const ranges = chaincodeNamespaces(e.readWriteSet)[0]?.rangeQueries ?? [];
    expect(ranges.map((q) => [q.startKey, q.endKey, q.itrExhausted])).to.deep.equal([
      ['a', 'c', true],
      ['a', 'b', true],
    ]);
  });
});

describe('S-04 MVCC read conflicts (validation/validator.go)', () => {
  it('records the committed version of each read, nil for absent keys', async () => {
    const { channel, user1 } = twoOrgNetwork();
    deployAnyOrg(channel, 'cc', counter);
    const first = await channel.submit({ chaincode: 'cc', fcn: 'incr', identity: user1 });
    expect(chaincodeNamespaces(first.endorsement.readWriteSet)[0]?.reads).to.deep.equal([{ key: 'n', version: null }]);
    const second = await channel.submit({ chaincode: 'cc', fcn: 'incr', identity: user1 });
    expect(chaincodeNamespaces(second.endorsement.readWriteSet)[0]?.reads).to.deep.equal([
      { key: 'n', version: { blockNum: first.blockNumber, txNum: 0 } },
    ]);
  });

  it('two transactions endorsed on the same state in one block: the second is MVCC_READ_CONFLICT', async () => {
    const { channel, user1 } = twoOrgNetwork();
    deployAnyOrg(channel, 'cc', counter);
    const a = await channel.endorse({ chaincode: 'cc', fcn: 'incr', identity: user1 });
    const b = await channel.endorse({ chaincode: 'cc', fcn: 'incr', identity: user1 });
    const block = await channel.commit([a, b]);
    expect(block.transactions.map((t) => t.validationCode)).to.deep.equal(['VALID', 'MVCC_READ_CONFLICT']);
    expect(channel.getState('cc', 'n')?.toString()).to.equal('1');
    expect(channel.getHistory('cc', 'n')).to.have.length(1);
    expect(channel.getTransaction(b.txId)?.validationCode).to.equal('MVCC_READ_CONFLICT');
    expect(channel.blocks).to.have.length(1);
  });

  it('a read that became stale in an earlier block conflicts; submit rejects with CommitError', async () => {
    const { channel, user1 } = twoOrgNetwork();
    deployAnyOrg(channel, 'cc', counter);
    const stale = await channel.endorse({ chaincode: 'cc', fcn: 'incr', identity: user1 });
    await channel.submit({ chaincode: 'cc', fcn: 'incr', identity: user1 });
    const [tx] = (await channel.commit([stale])).transactions;
    expect(tx?.validationCode).to.equal('MVCC_READ_CONFLICT');
  });

  it('submit rejects with CommitError carrying the code when validation fails', async () => {
    const { channel, user1 } = twoOrgNetwork();
    channel.deploy({ name: 'cc', chaincode: counter, endorsementPolicy: "AND('Org1MSP.peer','Org2MSP.peer')" });
    const err: unknown = await channel
      .submit({ chaincode: 'cc', fcn: 'incr', identity: user1, endorsingOrganizations: ['Org1MSP'] })
      .catch((e: unknown) => e);
    expect(err).to.have.property('name', 'CommitError');
    expect(err).to.have.property('code', 'ENDORSEMENT_POLICY_FAILURE');
    expect(channel.getState('cc', 'n')).to.equal(undefined);
  });

  it('the same transaction committed twice is DUPLICATE_TXID', async () => {
    const { channel, user1 } = twoOrgNetwork();
    deployAnyOrg(channel, 'cc', counter);
    const e = await channel.endorse({ chaincode: 'cc', fcn: 'put', args: ['a', '1'], identity: user1 });
    const block = await channel.commit([e, e]);
    expect(block.transactions.map((t) => t.validationCode)).to.deep.equal(['VALID', 'DUPLICATE_TXID']);
    const again = await channel.commit([e]);
    expect(again.transactions[0]?.validationCode).to.equal('DUPLICATE_TXID');
  });
});

describe('S-04 a key updated earlier in the block conflicts whatever the version read (validator.go validateKVRead updates.Exists)', () => {
  it('a delete of a key that never existed invalidates a later read of it, public and private', async () => {
    const { channel, user1 } = twoOrgNetwork();
    channel.deploy({
      name: 'cc',
      endorsementPolicy: "OR('Org1MSP.peer','Org2MSP.peer')",
      collections: [
        { name: 'c', policy: "OR('Org1MSP.member')", requiredPeerCount: 0, maxPeerCount: 1, blockToLive: 0 },
      ],
      chaincode: new ScriptChaincode({
        ...kvFunctions,
        delPrivate: async (stub) => {
          await stub.deletePrivateData('c', 'ghost');
        },
        readPrivateHash: async (stub) => {
          await stub.getPrivateDataHash('c', 'ghost');
          await stub.putState('seen', Buffer.from('yes'));
        },
      }),
    });
    const endorse = (fcn: string, args: string[] = []): ReturnType<typeof channel.endorse> =>
      channel.endorse({ chaincode: 'cc', fcn, args, identity: user1 });
    const publicBlock = await channel.commit([await endorse('del', ['ghost']), await endorse('get', ['ghost'])]);
    expect(publicBlock.transactions.map((t) => t.validationCode)).to.deep.equal(['VALID', 'MVCC_READ_CONFLICT']);
    const privateBlock = await channel.commit([await endorse('delPrivate'), await endorse('readPrivateHash')]);
    expect(privateBlock.transactions.map((t) => t.validationCode)).to.deep.equal(['VALID', 'MVCC_READ_CONFLICT']);
    // In a later block the same read is valid: the key is still absent.
    const later = await channel.commit([await endorse('get', ['ghost'])]);
    expect(later.transactions[0]?.validationCode).to.equal('VALID');
  });
});

describe('S-04 PHANTOM_READ_CONFLICT (validation/rangequery_validator.go)', () => {
  it('a key inserted into a range read earlier in the block is a phantom', async () => {
    const { channel, user1 } = twoOrgNetwork();
    deployAnyOrg(channel, 'cc', counter);
    await channel.submit({ chaincode: 'cc', fcn: 'put', args: ['a1', 'x'], identity: user1 });
    const range = await channel.endorse({ chaincode: 'cc', fcn: 'readRange', args: ['a', 'b'], identity: user1 });
    const insert = await channel.endorse({ chaincode: 'cc', fcn: 'put', args: ['a2', 'y'], identity: user1 });
    const block = await channel.commit([insert, range]);
    expect(block.transactions.map((t) => t.validationCode)).to.deep.equal(['VALID', 'PHANTOM_READ_CONFLICT']);
    expect(channel.getState('cc', 'marker')).to.equal(undefined);
  });

  it('an updated key in the range is a phantom too; keys outside it are not', async () => {
    const { channel, user1 } = twoOrgNetwork();
    deployAnyOrg(channel, 'cc', counter);
    await channel.submit({ chaincode: 'cc', fcn: 'put', args: ['a1', 'x'], identity: user1 });
    const range = await channel.endorse({ chaincode: 'cc', fcn: 'readRange', args: ['a', 'b'], identity: user1 });
    const outside = await channel.endorse({ chaincode: 'cc', fcn: 'put', args: ['c', 'z'], identity: user1 });
    const update = await channel.endorse({ chaincode: 'cc', fcn: 'put', args: ['a1', 'changed'], identity: user1 });
    const range2 = await channel.endorse({ chaincode: 'cc', fcn: 'readRange', args: ['a', 'b'], identity: user1 });
    const block = await channel.commit([outside, range, update, range2]);
    expect(block.transactions.map((t) => t.validationCode)).to.deep.equal([
      'VALID',
      'VALID',
      'VALID',
      'PHANTOM_READ_CONFLICT',
    ]);
  });

  it('records the range query info as the peer pulled it: batches of 100, end key = last key seen', async () => {
    const { channel, user1 } = twoOrgNetwork();
    deployAnyOrg(
      channel,
      'cc',
      new ScriptChaincode({
        ...counterFunctions,
        load: async (stub) => {
          for (let i = 0; i < 250; i++) await stub.putState(`k${String(i).padStart(3, '0')}`, Buffer.from('v'));
        },
        firstOnly: async (stub) => {
          const iterator = await stub.getStateByRange('k', 'l');
          await iterator.next();
          await iterator.close();
        },
      }),
    );
    await channel.submit({ chaincode: 'cc', fcn: 'load', identity: user1 });
    const e = await channel.endorse({ chaincode: 'cc', fcn: 'firstOnly', identity: user1 });
    const [query] = chaincodeNamespaces(e.readWriteSet)[0]?.rangeQueries ?? [];
    // The peer fills a batch of 100 and holds the 101st before answering (query_response_generator.go).
    expect(query?.reads).to.have.length(101);
    expect(query).to.include({ startKey: 'k', endKey: 'k100', itrExhausted: false });
    // A write to a key the chaincode never consumed, but the peer pulled, still invalidates it.
    const touch = await channel.endorse({ chaincode: 'cc', fcn: 'firstOnly', identity: user1 });
    const late = await channel.endorse({ chaincode: 'cc', fcn: 'load', identity: user1 });
    const block = await channel.commit([late, touch]);
    expect(block.transactions.map((t) => t.validationCode)).to.deep.equal(['VALID', 'PHANTOM_READ_CONFLICT']);
  });

  it('rich query results are key reads only: no phantom detection', async () => {
    const { channel, user1 } = twoOrgNetwork({ stateDatabase: 'couchdb' });
    deployAnyOrg(
      channel,
      'cc',
      new ScriptChaincode({
        ...kvFunctions,
        query: async (stub) => {
          const keys: string[] = [];
          for await (const kv of stub.getQueryResult(JSON.stringify({ selector: { color: 'red' } }))) keys.push(kv.key);
          await stub.putState('seen', Buffer.from(keys.join(',')));
        },
      }),
    );
    await channel.submit({ chaincode: 'cc', fcn: 'put', args: ['a', '{"color":"red"}'], identity: user1 });
    const query = await channel.endorse({ chaincode: 'cc', fcn: 'query', identity: user1 });
    expect(chaincodeNamespaces(query.readWriteSet)[0]?.reads.map((r) => r.key)).to.deep.equal(['a']);
    expect(chaincodeNamespaces(query.readWriteSet)[0]?.rangeQueries).to.deep.equal([]);
    const insert = await channel.endorse({
      chaincode: 'cc',
      fcn: 'put',
      args: ['b', '{"color":"red"}'],
      identity: user1,
    });
    const block = await channel.commit([insert, query]);
    expect(block.transactions.map((t) => t.validationCode)).to.deep.equal(['VALID', 'VALID']);
  });
});

describe('S-04 concurrent submits race as they would through a gateway', () => {
  it('two concurrent read-modify-write submits: one commits, the other fails MVCC', async () => {
    const { channel, user1 } = twoOrgNetwork();
    deployAnyOrg(channel, 'cc', counter);
    const results = await Promise.allSettled([
      channel.submit({ chaincode: 'cc', fcn: 'incr', identity: user1 }),
      channel.submit({ chaincode: 'cc', fcn: 'incr', identity: user1 }),
    ]);
    expect(results.map((r) => r.status).sort()).to.deep.equal(['fulfilled', 'rejected']);
    const rejected = results.find((r): r is PromiseRejectedResult => r.status === 'rejected');
    expect(rejected?.reason).to.have.property('code', 'MVCC_READ_CONFLICT');
    expect(channel.getState('cc', 'n')?.toString()).to.equal('1');
    expect(channel.blocks).to.have.length(2);
  });
});
