import { expect } from 'chai';
import { twoOrgNetwork } from '../fixtures/network';
import { ScriptChaincode, drainKeys, type ScriptFunction } from '../fixtures/script-chaincode';
import { chaincodeNamespaces } from '../fixtures/chaincode-namespaces';

const functions: Record<string, ScriptFunction> = {
  put: async (stub, [key = '', value = '']) => {
    await stub.putState(key, Buffer.from(value));
  },
  get: async (stub, [key = '']) => Buffer.from(await stub.getState(key)),
  // Arguments arrive as UTF-8 bytes, so a lone surrogate can only come from the chaincode itself.
  putLoneSurrogate: async (stub) => {
    await stub.putState('a\uD800', Buffer.from('1'));
  },
  query: async (stub, [query = '']) => {
    const rows: { key: string; value: string }[] = [];
    for await (const kv of stub.getQueryResult(query))
      rows.push({ key: kv.key, value: Buffer.from(kv.value).toString() });
    return JSON.stringify(rows);
  },
  queryAwait: async (stub, [query = '']) => {
    await stub.getQueryResult(query);
  },
  page: async (stub, [query = '', size = '0', bookmark = '']) => {
    const { iterator, metadata } = await stub.getQueryResultWithPagination(query, Number(size), bookmark);
    const keys = await drainKeys(iterator);
    return JSON.stringify({ keys, metadata });
  },
  privateQuery: async (stub, [query = '']) => {
    const keys: string[] = [];
    for await (const kv of stub.getPrivateDataQueryResult('c', query)) keys.push(kv.key);
    return keys.join(',');
  },
  putPrivate: async (stub, [key = '', value = '']) => {
    await stub.putPrivateData('c', key, Buffer.from(value));
  },
};

async function setup(stateDatabase: 'leveldb' | 'couchdb' = 'couchdb') {
  const network = twoOrgNetwork({ stateDatabase });
  network.channel.deploy({
    name: 'cc',
    chaincode: new ScriptChaincode(functions),
    endorsementPolicy: "OR('Org1MSP.peer')",
    collections: [{ name: 'c', policy: "OR('Org1MSP.member')", requiredPeerCount: 0, maxPeerCount: 0, blockToLive: 0 }],
    couchDbIndexes: [
      { index: { fields: ['color', 'size'] }, ddoc: 'indexColorSizeDoc', name: 'indexColorSize', type: 'json' },
    ],
  });
  const submit = (fcn: string, ...args: string[]) =>
    network.channel.submit({ chaincode: 'cc', fcn, args, identity: network.user1 });
  const call = (fcn: string, ...args: string[]) =>
    network.channel.endorse({ chaincode: 'cc', fcn, args, identity: network.user1 });
  const assets = [
    ['asset1', { color: 'red', size: 5, owner: 'tom' }],
    ['asset2', { color: 'blue', size: 10, owner: 'ann' }],
    ['asset3', { color: 'red', size: 15, owner: 'bob' }],
    ['asset4', { color: 'red', size: 1, owner: 'zoe' }],
  ] as const;
  for (const [key, doc] of assets) await submit('put', key, JSON.stringify(doc));
  return { ...network, submit, call };
}

describe('S-20 rich queries: LevelDB refuses (stateleveldb.go)', () => {
  it('answers "ExecuteQuery not supported for leveldb"', async () => {
    const { call } = await setup('leveldb');
    const e = await call('queryAwait', '{"selector":{}}');
    expect(e.response.message).to.equal(
      `GET_QUERY_RESULT failed: transaction ID: ${e.txId}: ExecuteQuery not supported for leveldb`,
    );
    const page = await call('page', '{"selector":{}}', '2', '');
    expect(page.response.message).to.equal(
      `GET_QUERY_RESULT failed: transaction ID: ${page.txId}: ExecuteQueryWithMetadata not supported for leveldb`,
    );
  });
});

describe('S-20 rich queries on CouchDB: Mango selectors, sort, fields, skip, limit, bookmarks (statecouchdb.go)', () => {
  it('matches with pouchdb-selector-core in _id order; the peer overrides limit', async () => {
    const { call } = await setup();
    const e = await call('query', JSON.stringify({ selector: { color: 'red', size: { $gt: 2 } }, limit: 1 }));
    const rows = JSON.parse(e.response.payload.toString()) as { key: string }[];
    expect(rows.map((r) => r.key)).to.deep.equal(['asset1', 'asset3']);
  });

  it('sorts, skips and projects fields; values come back as Go re-encodes them', async () => {
    const { call } = await setup();
    const e = await call(
      'query',
      JSON.stringify({
        selector: { color: 'red', size: { $gt: 0 } },
        sort: [{ color: 'desc' }, { size: 'desc' }],
        skip: 1,
        fields: ['owner', 'size'],
      }),
    );
    expect(JSON.parse(e.response.payload.toString())).to.deep.equal([
      { key: 'asset1', value: '{"owner":"tom","size":5}' },
      { key: 'asset4', value: '{"owner":"zoe","size":1}' },
    ]);
  });

  it('refuses a sort no index covers, as CouchDB does', async () => {
    const { call } = await setup();
    const prefix = 'error handling CouchDB request. Error:';
    const noIndex = await call('queryAwait', JSON.stringify({ selector: { owner: 'tom' }, sort: ['owner'] }));
    expect(noIndex.response.message).to.match(
      new RegExp(
        `${prefix}no_usable_index,  Status Code:400,  Reason:No index exists for this sort, try indexing by the sort fields\\.$`,
      ),
    );
    const notSelected = await call('queryAwait', JSON.stringify({ selector: { color: 'red' }, sort: ['color'] }));
    expect(notSelected.response.message).to.include('no_usable_index');
    const mixed = await call('queryAwait', JSON.stringify({ selector: {}, sort: [{ a: 'asc' }, { b: 'desc' }] }));
    expect(mixed.response.message).to.include(
      'unsupported_mixed_sort,  Status Code:400,  Reason:Sorts currently only support a single direction for all fields.',
    );
    // _all_docs serves a sort by _id only when the selector constrains _id (mango_idx_special.erl is_usable;
    // checked on a CouchDB 3.4.3 peer by S-22).
    const idNotSelected = await call(
      'queryAwait',
      JSON.stringify({ selector: { color: 'red' }, sort: [{ _id: 'desc' }] }),
    );
    expect(idNotSelected.response.message).to.include('no_usable_index');
    const byId = await call(
      'query',
      JSON.stringify({ selector: { color: 'red', _id: { $gt: null } }, sort: [{ _id: 'desc' }] }),
    );
    const keys = (JSON.parse(byId.response.payload.toString()) as { key: string }[]).map((r) => r.key);
    expect(keys).to.deep.equal(['asset4', 'asset3', 'asset1']);
  });

  it('re-encodes stored JSON like Go json.Marshal (sorted keys, HTML-safe)', async () => {
    const { call, submit } = await setup();
    await submit('put', 'doc', '{ "z": 1, "a": "<&>" }');
    const e = await call('get', 'doc');
    expect(e.response.payload.toString()).to.equal('{"a":"\\u003c\\u0026\\u003e","z":1}');
  });

  it('pages with bookmarks; fetchedRecordsCount counts the page', async () => {
    const { call } = await setup();
    const query = JSON.stringify({ selector: { color: 'red' } });
    const first = JSON.parse((await call('page', query, '2', '')).response.payload.toString()) as {
      keys: string[];
      metadata: { bookmark: string; fetchedRecordsCount: number };
    };
    expect(first.keys).to.deep.equal(['asset1', 'asset3']);
    expect(first.metadata.fetchedRecordsCount).to.equal(2);
    const second = JSON.parse(
      (await call('page', query, '2', first.metadata.bookmark)).response.payload.toString(),
    ) as {
      keys: string[];
    };
    expect(second.keys).to.deep.equal(['asset4']);
  });

  it('reports malformed queries and bookmarks with the peer’s and CouchDB’s texts', async () => {
    const { call } = await setup();
    const prefix = (txId: string) => `GET_QUERY_RESULT failed: transaction ID: ${txId}: `;
    const notJson = await call('queryAwait', 'nope');
    expect(notJson.response.message).to.equal(
      `${prefix(notJson.txId)}invalid character 'o' in literal null (expecting 'u')`,
    );
    const garbage = await call('queryAwait', 'xyz');
    expect(garbage.response.message).to.equal(
      `${prefix(garbage.txId)}invalid character 'x' looking for beginning of value`,
    );
    const array = await call('queryAwait', '[1]');
    expect(array.response.message).to.equal(
      `${prefix(array.txId)}json: cannot unmarshal array into Go value of type map[string]interface {}`,
    );
    const noSelector = await call('queryAwait', '{"sort":[]}');
    expect(noSelector.response.message).to.equal(
      `${prefix(noSelector.txId)}error handling CouchDB request. Error:missing_required_key,  Status Code:400,  Reason:Missing required key: selector`,
    );
    const badOperator = await call('queryAwait', '{"selector":{"a":{"$foo":1}}}');
    expect(badOperator.response.message).to.equal(
      `${prefix(badOperator.txId)}error handling CouchDB request. Error:invalid_operator,  Status Code:400,  Reason:Invalid operator: $foo`,
    );
    const badFields = await call('queryAwait', '{"selector":{},"fields":"a"}');
    expect(badFields.response.message).to.equal(`${prefix(badFields.txId)}fields definition must be an array`);
    const badBookmark = await call('page', '{"selector":{}}', '2', 'xyz');
    expect(badBookmark.response.message).to.equal(
      `${prefix(badBookmark.txId)}error handling CouchDB request. Error:invalid_bookmark,  Status Code:400,  Reason:Invalid bookmark value: "xyz"`,
    );
  });

  it('enforces CouchDB key and value restrictions at write time (couchdoc_conv.go)', async () => {
    const { call } = await setup();
    const underscore = await call('put', '_id', '1');
    expect(underscore.response.message).to.equal(
      `PUT_STATE failed: transaction ID: ${underscore.txId}: invalid key [_id], cannot begin with "_"`,
    );
    const empty = await call('put', '', '1');
    expect(empty.response.message).to.equal(
      `PUT_STATE failed: transaction ID: ${empty.txId}: invalid key. Empty string is not supported as a key by couchdb`,
    );
    const reserved = await call('put', 'k', '{"~version":1}');
    expect(reserved.response.message).to.equal(
      `PUT_STATE failed: transaction ID: ${reserved.txId}: field [~version] is not valid for the CouchDB state database`,
    );
    const invalid = await call('putLoneSurrogate');
    // The peer refuses the message before the state database sees the key (wire.ts wireString).
    expect(invalid.response.message).to.equal(
      `PUT_STATE failed: transaction ID: ${invalid.txId}: unmarshal failed: string field contains invalid UTF-8`,
    );
    const underscoreField = await call('put', 'k', '{"_rev":1}');
    expect(underscoreField.response.message).to.match(/field \[_rev\] is not valid for the CouchDB state database$/);
  });

  it('LevelDB accepts those keys and values', async () => {
    const { call } = await setup('leveldb');
    expect((await call('put', '_id', '{"~version":1}')).response.status).to.equal(200);
  });

  it('queries private data on a member’s peer', async () => {
    const { call, submit } = await setup();
    await submit('putPrivate', 'p1', '{"color":"red"}');
    await submit('putPrivate', 'p2', '{"color":"blue"}');
    const e = await call('privateQuery', '{"selector":{"color":"red"}}');
    expect(e.response.payload.toString()).to.equal('p1');
    expect(chaincodeNamespaces(e.readWriteSet)).to.deep.equal([]);
  });
});

describe('S-21 non-object values are attachments and never match', () => {
  it('ignores strings, arrays and numbers', async () => {
    const { call, submit } = await setup();
    await submit('put', 'plain', 'red');
    await submit('put', 'array', '[{"color":"red"}]');
    await submit('put', 'number', '42');
    const e = await call('query', JSON.stringify({ selector: { color: 'red' } }));
    const keys = (JSON.parse(e.response.payload.toString()) as { key: string }[]).map((r) => r.key);
    expect(keys).to.deep.equal(['asset1', 'asset3', 'asset4']);
    expect((await call('get', 'array')).response.payload.toString()).to.equal('[{"color":"red"}]');
  });
});
