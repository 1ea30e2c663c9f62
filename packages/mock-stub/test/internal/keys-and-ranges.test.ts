import { expect } from 'chai';
import type { ChaincodeStub } from 'fabric-shim-api';
import { deployAnyOrg, twoOrgNetwork } from '../fixtures/network';
import { ScriptChaincode, drainKeys, kvFunctions, nextOf, type ScriptFunction } from '../fixtures/script-chaincode';

async function collectKeys(iterable: AsyncIterable<{ key: string }>): Promise<string[]> {
  const keys: string[] = [];
  for await (const kv of iterable) keys.push(kv.key);
  return keys;
}

const functions: Record<string, ScriptFunction> = {
  ...kvFunctions,
  putMany: async (stub, keys) => {
    for (const key of keys) await stub.putState(key, Buffer.from(`v-${key}`));
  },
  putComposite: async (stub, [type = '', ...attributes]) => {
    await stub.putState(stub.createCompositeKey(type, attributes), Buffer.from('c'));
  },
  partial: async (stub, [type = '', ...attributes]) =>
    JSON.stringify(
      (await collectKeys(stub.getStateByPartialCompositeKey(type, attributes))).map((k) => stub.splitCompositeKey(k)),
    ),
  range: async (stub, [start = '', end = '']) => JSON.stringify(await collectKeys(stub.getStateByRange(start, end))),
  // The shim's rejected range promise is not async-iterable, so await it to see the message.
  rangeAwait: async (stub, [start = '', end = '']) => {
    await stub.getStateByRange(start, end);
  },
  page: async (stub, [start = '', end = '', size = '0', bookmark = '']) => {
    const { iterator, metadata } = await stub.getStateByRangeWithPagination(start, end, Number(size), bookmark);
    const keys = await drainKeys(iterator);
    await iterator.close();
    return JSON.stringify({ keys, metadata: metadata ?? null });
  },
  partialPage: async (stub, [size = '0', bookmark = '']) => {
    const { iterator, metadata } = await stub.getStateByPartialCompositeKeyWithPagination(
      'T',
      [],
      Number(size),
      bookmark,
    );
    const keys = await drainKeys(iterator);
    return JSON.stringify({ keys, metadata });
  },
  pageThenWrite: async (stub) => {
    await stub.getStateByRangeWithPagination('a', 'z', 2, '');
    await stub.putState('x', Buffer.from('1'));
  },
  writeThenPage: async (stub) => {
    await stub.putState('x', Buffer.from('1'));
    await stub.getStateByRangeWithPagination('a', 'z', 2, '');
  },
  zeroPageThenWrite: async (stub) => {
    await stub.getStateByRangeWithPagination('a', 'z', 0, '');
    await stub.putState('x', Buffer.from('1'));
  },
  batches: async (stub) => {
    const iterator = await stub.getStateByRange('', '');
    const first = (iterator as unknown as { response: { getResultsList(): unknown[]; getHasMore(): boolean } })
      .response;
    const sizes = [first.getResultsList().length, first.getHasMore()];
    const count = (await drainKeys(iterator)).length;
    return JSON.stringify({ sizes, count });
  },
  shapes: async (stub: ChaincodeStub) => {
    const iterator = await stub.getStateByRange('a', 'b');
    const first = await nextOf<object>(iterator);
    const end = await nextOf<object>(iterator);
    await iterator.close();
    return JSON.stringify({ first: { keys: Object.keys(first), valueKeys: Object.keys(first.value) }, end });
  },
};

function setup(options: Parameters<typeof twoOrgNetwork>[0] = {}) {
  const network = twoOrgNetwork(options);
  deployAnyOrg(network.channel, 'cc', new ScriptChaincode(functions));
  const call = async (fcn: string, ...args: string[]) =>
    network.channel.evaluate({ chaincode: 'cc', fcn, args, identity: network.user1 });
  const submit = (fcn: string, ...args: string[]) =>
    network.channel.submit({ chaincode: 'cc', fcn, args, identity: network.user1 });
  return { ...network, call, submit };
}

describe('S-10 composite keys and partial-composite queries (stub.js createCompositeKey)', () => {
  it('builds \\u0000type\\u0000attr\\u0000 keys and finds them by prefix', async () => {
    const { channel, call, submit } = setup();
    await submit('putComposite', 'color', 'red', '1');
    await submit('putComposite', 'color', 'red', '2');
    await submit('putComposite', 'color', 'blue', '3');
    await submit('putComposite', 'colorful', 'x');
    expect(channel.getState('cc', '\u0000color\u0000red\u00001\u0000')?.toString()).to.equal('c');
    const red = await call('partial', 'color', 'red');
    expect(JSON.parse(red.payload.toString())).to.deep.equal([
      { objectType: 'color', attributes: ['red', '1'] },
      { objectType: 'color', attributes: ['red', '2'] },
    ]);
    const all = JSON.parse((await call('partial', 'color')).payload.toString()) as unknown[];
    expect(all).to.have.length(3);
  });
});

describe('S-11 simple-key ranges (stub.js validateSimpleKeys, stateleveldb.go)', () => {
  it('rejects range keys starting with \\u0000 with the shim’s message', async () => {
    const { call } = setup();
    const response = await call('rangeAwait', '\u0000color', '');
    expect(response.status).to.equal(500);
    expect(response.message).to.equal(
      'first character of the key [\u0000color] contains a null character which is not allowed',
    );
  });

  it('an empty start key becomes \\u0001 (no composite keys); an empty end key runs to the end', async () => {
    const { call, submit } = setup();
    await submit('putComposite', 'color', 'red');
    await submit('putMany', 'a', 'b', '\u{10FFFF}z');
    expect(JSON.parse((await call('range', '', '')).payload.toString())).to.deep.equal(['a', 'b', '\u{10FFFF}z']);
    expect(JSON.parse((await call('range', 'b', '')).payload.toString())).to.deep.equal(['b', '\u{10FFFF}z']);
  });
});

describe('S-12 ranges in UTF-8 byte order, end key exclusive', () => {
  it('orders astral characters after U+FFFF and excludes the end key', async () => {
    const { call, submit } = setup();
    await submit('putMany', 'k\u{1F600}', 'k\uFFFD', 'k\uE000', 'ka', 'kz');
    const keys = JSON.parse((await call('range', 'k', 'k\u{10FFFF}')).payload.toString()) as string[];
    expect(keys).to.deep.equal(['ka', 'kz', 'k\uE000', 'k\uFFFD', 'k\u{1F600}']);
    const upToZ = JSON.parse((await call('range', 'k', 'kz')).payload.toString()) as string[];
    expect(upToZ).to.deep.equal(['ka']);
  });
});

describe('S-13 results in batches of 100, capped by totalQueryLimit (handler.go, core.yaml)', () => {
  it('the first response carries 100 results and has_more; iteration fetches the rest', async () => {
    const { call, submit } = setup();
    await submit('putMany', ...Array.from({ length: 250 }, (_, i) => `k${String(i).padStart(3, '0')}`));
    const result = JSON.parse((await call('batches')).payload.toString()) as unknown;
    expect(result).to.deep.equal({ sizes: [100, true], count: 250 });
  });

  it('stops silently at totalQueryLimit', async () => {
    const { call, submit } = setup({ totalQueryLimit: 150 });
    await submit('putMany', ...Array.from({ length: 250 }, (_, i) => `k${String(i).padStart(3, '0')}`));
    const result = JSON.parse((await call('batches')).payload.toString()) as unknown;
    expect(result).to.deep.equal({ sizes: [100, true], count: 150 });
  });
});

describe('S-14 pagination (handler.go, query_response_generator.go, stateleveldb.go)', () => {
  it('returns pages with the next key as bookmark and "" when done', async () => {
    const { call, submit } = setup();
    await submit('putMany', 'a', 'b', 'c', 'd', 'e');
    const first = JSON.parse((await call('page', 'a', 'z', '3', '')).payload.toString()) as unknown;
    expect(first).to.deep.equal({ keys: ['a', 'b', 'c'], metadata: { bookmark: 'd', fetchedRecordsCount: 3 } });
    const second = JSON.parse((await call('page', 'a', 'z', '3', 'd')).payload.toString()) as unknown;
    expect(second).to.deep.equal({ keys: ['d', 'e'], metadata: { bookmark: '', fetchedRecordsCount: 2 } });
  });

  it('caps pageSize at totalQueryLimit', async () => {
    const { call, submit } = setup({ totalQueryLimit: 2 });
    await submit('putMany', 'a', 'b', 'c');
    const page = JSON.parse((await call('page', 'a', 'z', '5', '')).payload.toString()) as unknown;
    expect(page).to.deep.equal({ keys: ['a', 'b'], metadata: { bookmark: 'c', fetchedRecordsCount: 2 } });
  });

  it('pageSize 0 with an empty bookmark is an ordinary query; with a bookmark it pages from there', async () => {
    const { call, submit } = setup();
    await submit('putMany', 'a', 'b', 'c');
    const plain = JSON.parse((await call('page', 'a', 'z', '0', '')).payload.toString()) as unknown;
    expect(plain).to.deep.equal({ keys: ['a', 'b', 'c'], metadata: null });
    const fromB = JSON.parse((await call('page', 'a', 'z', '0', 'b')).payload.toString()) as unknown;
    expect(fromB).to.deep.equal({ keys: ['b', 'c'], metadata: { bookmark: '', fetchedRecordsCount: 2 } });
    expect((await submit('zeroPageThenWrite')).validationCode).to.equal('VALID');
  });

  it('pages partial composite keys', async () => {
    const { call, submit } = setup();
    await submit('putComposite', 'T', '1');
    await submit('putComposite', 'T', '2');
    const page = JSON.parse((await call('partialPage', '1', '')).payload.toString()) as {
      keys: string[];
      metadata: { bookmark: string };
    };
    expect(page.keys).to.deep.equal(['\u0000T\u00001\u0000']);
    expect(page.metadata.bookmark).to.equal('\u0000T\u00002\u0000');
  });
});

describe('S-15 paginated queries only in read-only transactions (tx_simulator.go)', () => {
  it('refuses writes after a paginated query', async () => {
    const { channel, user1 } = setup();
    const e = await channel.endorse({ chaincode: 'cc', fcn: 'pageThenWrite', identity: user1 });
    expect(e.response.message).to.equal(
      `PUT_STATE failed: transaction ID: ${e.txId}: txid [${e.txId}]: unsuppored transaction. Transaction has already performed a paginated query. Writes are not allowed`,
    );
  });

  it('refuses a paginated query after a write', async () => {
    const { channel, user1 } = setup();
    const e = await channel.endorse({ chaincode: 'cc', fcn: 'writeThenPage', identity: user1 });
    expect(e.response.message).to.equal(
      `GET_STATE_BY_RANGE failed: transaction ID: ${e.txId}: txid [${e.txId}]: unsuppored transaction. Paginated queries are supported only in a read-only transaction`,
    );
  });
});

describe('S-16 iterator shapes (iterators.js, stub.js)', () => {
  it('yields {value: {key, value}, done: false} and then {done: true} without a value', async () => {
    const { call, submit } = setup();
    await submit('putMany', 'a1');
    const shapes = JSON.parse((await call('shapes')).payload.toString()) as unknown;
    expect(shapes).to.deep.equal({
      first: { keys: ['value', 'done'], valueKeys: ['key', 'value'] },
      end: { done: true },
    });
  });
});
