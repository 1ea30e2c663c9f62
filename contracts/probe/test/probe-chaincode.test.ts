import { expect } from 'chai';
import { MockNetwork, type StartedMockNetwork } from '@fabric-testkit/contract-test';
import type { MockChannel, MockIdentity } from '@fabric-testkit/mock-stub';
import { ProbeChaincode, parseOperations } from '../src';

interface ExecOptions {
  submit?: boolean;
  as?: MockIdentity;
  transient?: Record<string, string>;
  endorsingOrganizations?: string[];
  chaincode?: string;
}

describe('ProbeChaincode', () => {
  let network: StartedMockNetwork;
  let channel: MockChannel;
  let alice: MockIdentity;
  let bob: MockIdentity;

  beforeEach(async () => {
    network = await new MockNetwork()
      .withOrganizations('Org1MSP', 'Org2MSP')
      .withChannel('mychannel')
      .withChannel('other')
      .withPeerOptions({ deterministic: true, determinismCheck: false })
      .withChaincodeLogLevel('CRITICAL')
      .start();
    channel = network.fabric.getChannel('mychannel');
    const collections = [
      {
        name: 'shared',
        policy: "OR('Org1MSP.member','Org2MSP.member')",
        requiredPeerCount: 0,
        maxPeerCount: 1,
        blockToLive: 0,
        memberOnlyRead: true,
        memberOnlyWrite: true,
      },
    ];
    channel.deploy({
      name: 'probe',
      chaincode: new ProbeChaincode(),
      collections,
      endorsementPolicy: "OR('Org1MSP.peer','Org2MSP.peer')",
    });
    channel.deploy({
      name: 'callee',
      chaincode: new ProbeChaincode(),
      endorsementPolicy: "OR('Org1MSP.peer','Org2MSP.peer')",
    });
    network.fabric.getChannel('other').deploy({ name: 'remote', chaincode: new ProbeChaincode() });
    alice = network.identity('Org1MSP', 'alice', { attributes: { role: 'auditor' } });
    bob = network.identity('Org2MSP', 'bob');
  });

  afterEach(async () => {
    await network.stop();
  });

  async function exec(
    ops: unknown[],
    options: ExecOptions = {},
  ): Promise<{ status: number; message: string; results: unknown }> {
    const request = {
      chaincode: options.chaincode ?? 'probe',
      fcn: 'Exec',
      args: [JSON.stringify(ops)],
      identity: options.as ?? alice,
      ...(options.transient === undefined ? {} : { transient: options.transient }),
      ...(options.endorsingOrganizations === undefined
        ? {}
        : { endorsingOrganizations: options.endorsingOrganizations }),
    };
    if (options.submit === true) {
      const committed = await channel.submit(request);
      const response = committed.endorsement.response;
      return { status: response.status, message: response.message, results: JSON.parse(response.payload.toString()) };
    }
    const response = await channel.evaluate(request);
    const text = response.payload.toString();
    return { status: response.status, message: response.message, results: text === '' ? undefined : JSON.parse(text) };
  }

  describe('world state', () => {
    it('writes, reads committed state only, and deletes (S-01, S-02)', async () => {
      const first = await exec(
        [
          { op: 'putState', key: 'k1', value: 'v1' },
          { op: 'getState', key: 'k1' },
          { op: 'putState', key: 'bin', value: { base64: '//79' } },
          { op: 'putState', key: 'doc', value: { json: { a: 1 } } },
        ],
        { submit: true },
      );
      expect(first.results).to.deep.equal([
        { op: 'putState', result: null },
        { op: 'getState', result: '' },
        { op: 'putState', result: null },
        { op: 'putState', result: null },
      ]);
      const read = await exec([
        { op: 'getState', key: 'k1' },
        { op: 'getState', key: 'bin' },
        { op: 'getState', key: 'doc' },
      ]);
      expect(read.results).to.deep.equal([
        { op: 'getState', result: 'v1' },
        { op: 'getState', result: { base64: '//79' } },
        { op: 'getState', result: '{"a":1}' },
      ]);
      await exec([{ op: 'deleteState', key: 'k1' }], { submit: true });
      expect((await exec([{ op: 'getState', key: 'k1' }])).results).to.deep.equal([{ op: 'getState', result: '' }]);
    });

    it('lists ranges, partial composite keys and pages, drained in order', async () => {
      await exec(
        [
          { op: 'putStates', prefix: 'a', count: 3 },
          { op: 'putStates', prefix: 'z', count: 1, value: 'last' },
          { op: 'putState', key: '\u0000color\u0000blue\u0000a1\u0000', value: 'x' },
        ],
        { submit: true },
      );
      const { results } = await exec([
        { op: 'getStateByRange', startKey: '', endKey: '' },
        { op: 'getStateByRange', startKey: 'a0', endKey: 'a2', limit: 1 },
        { op: 'getStateByRangeWithPagination', startKey: '', endKey: '', pageSize: 2 },
        { op: 'getStateByRangeWithPagination', startKey: '', endKey: '', pageSize: 2, bookmark: 'a2' },
        { op: 'getStateByPartialCompositeKey', objectType: 'color', attributes: ['blue'] },
        { op: 'getStateByPartialCompositeKey', objectType: 'color', attributes: [], limit: 5 },
        { op: 'getStateByPartialCompositeKeyWithPagination', objectType: 'color', attributes: [], pageSize: 1 },
        { op: 'getStateByRange', startKey: '\u0000x', endKey: '' },
      ]);
      expect(results).to.deep.equal([
        {
          op: 'getStateByRange',
          result: [
            { key: 'a0', value: 'a0' },
            { key: 'a1', value: 'a1' },
            { key: 'a2', value: 'a2' },
            { key: 'z0', value: 'last' },
          ],
        },
        { op: 'getStateByRange', result: [{ key: 'a0', value: 'a0' }] },
        {
          op: 'getStateByRangeWithPagination',
          result: {
            results: [
              { key: 'a0', value: 'a0' },
              { key: 'a1', value: 'a1' },
            ],
            metadata: { fetchedRecordsCount: 2, bookmark: 'a2' },
          },
        },
        {
          op: 'getStateByRangeWithPagination',
          result: {
            results: [
              { key: 'a2', value: 'a2' },
              { key: 'z0', value: 'last' },
            ],
            metadata: { fetchedRecordsCount: 2, bookmark: '' },
          },
        },
        { op: 'getStateByPartialCompositeKey', result: [{ key: '\u0000color\u0000blue\u0000a1\u0000', value: 'x' }] },
        { op: 'getStateByPartialCompositeKey', result: [{ key: '\u0000color\u0000blue\u0000a1\u0000', value: 'x' }] },
        {
          op: 'getStateByPartialCompositeKeyWithPagination',
          result: {
            results: [{ key: '\u0000color\u0000blue\u0000a1\u0000', value: 'x' }],
            metadata: { fetchedRecordsCount: 1, bookmark: '' },
          },
        },
        {
          op: 'getStateByRange',
          error: 'first character of the key [\u0000x] contains a null character which is not allowed',
        },
      ]);
    });

    it('pads putStates keys to the width of the last index', async () => {
      await exec([{ op: 'putStates', prefix: 'k', count: 11 }], { submit: true });
      const { results } = await exec([{ op: 'getStateByRange', startKey: 'k09', endKey: 'k11' }]);
      expect(results).to.deep.equal([
        {
          op: 'getStateByRange',
          result: [
            { key: 'k09', value: 'k09' },
            { key: 'k10', value: 'k10' },
          ],
        },
      ]);
    });

    it('builds and splits composite keys', async () => {
      const { results } = await exec([
        { op: 'createCompositeKey', objectType: 'owner', attributes: ['alice', 'a1'] },
        { op: 'splitCompositeKey', key: '\u0000owner\u0000alice\u0000a1\u0000' },
        { op: 'createCompositeKey', objectType: '', attributes: [] },
      ]);
      expect(results).to.deep.equal([
        { op: 'createCompositeKey', result: '\u0000owner\u0000alice\u0000a1\u0000' },
        { op: 'splitCompositeKey', result: { objectType: 'owner', attributes: ['alice', 'a1'] } },
        { op: 'createCompositeKey', error: 'object type or attribute not a non-zero length string' },
      ]);
    });

    it('reports the peer refusing rich queries on LevelDB, with a string or an object query (S-20)', async () => {
      const { results } = await exec([
        { op: 'getQueryResult', query: { selector: { a: 1 } } },
        { op: 'getQueryResultWithPagination', query: '{"selector":{}}', pageSize: 1 },
      ]);
      expect(results).to.have.length(2);
      expect(JSON.stringify(results)).to.contain('ExecuteQuery not supported for leveldb');
      expect(JSON.stringify(results)).to.contain('ExecuteQueryWithMetadata not supported for leveldb');
    });

    it('lists history newest first, with tx ids and timestamps only when asked (S-30)', async () => {
      await exec([{ op: 'putState', key: 'h', value: 'one' }], { submit: true });
      await exec([{ op: 'deleteState', key: 'h' }], { submit: true });
      const { results } = await exec([
        { op: 'getHistoryForKey', key: 'h' },
        { op: 'getHistoryForKey', key: 'h', txIds: true, timestamps: true },
      ]);
      const [plain, full] = results as [{ result: unknown }, { result: { txId: string; timestamp: object }[] }];
      expect(plain.result).to.deep.equal([
        { value: '', isDelete: true },
        { value: 'one', isDelete: false },
      ]);
      expect(full.result[0]?.txId).to.be.a('string').with.length(64);
      expect(full.result[0]?.timestamp).to.have.keys('seconds', 'nanos');
    });

    it('sets and reads key-level endorsement policies (S-60)', async () => {
      await exec(
        [
          { op: 'putState', key: 'k', value: 'v' },
          { op: 'setStateValidationParameter', key: 'k', orgs: ['Org2MSP', 'Org1MSP'] },
        ],
        { submit: true, endorsingOrganizations: ['Org1MSP'] },
      );
      await exec([{ op: 'putState', key: 'p', value: 'v' }], { submit: true });
      await exec([{ op: 'setStateValidationParameter', key: 'p', orgs: ['Org1MSP'], role: 'PEER' }], { submit: true });
      const { results } = await exec([
        { op: 'getStateValidationParameter', key: 'k' },
        { op: 'getStateValidationParameter', key: 'p' },
        { op: 'getStateValidationParameter', key: 'none' },
      ]);
      expect(results).to.deep.equal([
        { op: 'getStateValidationParameter', result: ['Org1MSP', 'Org2MSP'] },
        { op: 'getStateValidationParameter', result: ['Org1MSP'] },
        { op: 'getStateValidationParameter', result: null },
      ]);
    });
  });

  describe('private data', () => {
    it('writes, reads, hashes, queries and purges private data (S-50, S-51, S-53, S-54)', async () => {
      await exec(
        [
          { op: 'putPrivateData', collection: 'shared', key: 'p1', value: 'secret' },
          { op: 'putPrivateData', collection: 'shared', key: 'p2', value: 'other' },
          { op: 'setPrivateDataValidationParameter', collection: 'shared', key: 'p2', orgs: ['Org1MSP'] },
          { op: 'putPrivateData', collection: 'nope', key: 'p1', value: 'x' },
        ],
        { submit: true, endorsingOrganizations: ['Org1MSP'] },
      );
      const { results } = await exec([
        { op: 'getPrivateData', collection: 'shared', key: 'p1' },
        { op: 'getPrivateDataHash', collection: 'shared', key: 'p1' },
        { op: 'getPrivateDataByRange', collection: 'shared', startKey: '', endKey: '' },
        { op: 'getPrivateDataByPartialCompositeKey', collection: 'shared', objectType: 't', attributes: [] },
        { op: 'getPrivateDataQueryResult', collection: 'shared', query: { selector: {} } },
        { op: 'getPrivateDataValidationParameter', collection: 'shared', key: 'p2' },
      ]);
      expect(results).to.deep.include.members([
        { op: 'getPrivateData', result: 'secret' },
        {
          op: 'getPrivateDataHash',
          result: '2bb80d537b1da3e38bd30361aa855686bde0eacd7162fef6a25fe97bf527a25b',
        },
        {
          op: 'getPrivateDataByRange',
          result: {
            resolvedTo: '{iterator}',
            results: [
              { key: 'p1', value: 'secret' },
              { key: 'p2', value: 'other' },
            ],
          },
        },
        { op: 'getPrivateDataByPartialCompositeKey', result: { resolvedTo: '{iterator}', results: [] } },
        { op: 'getPrivateDataValidationParameter', result: ['Org1MSP'] },
      ]);
      expect(JSON.stringify(results)).to.contain('ExecuteQuery not supported for leveldb');
      await exec(
        [
          { op: 'deletePrivateData', collection: 'shared', key: 'p2' },
          { op: 'purgePrivateData', collection: 'shared', key: 'p1' },
        ],
        { submit: true, endorsingOrganizations: ['Org1MSP'] },
      );
      const after = await exec([
        { op: 'getPrivateData', collection: 'shared', key: 'p1' },
        { op: 'getPrivateData', collection: 'shared', key: 'p2' },
      ]);
      expect(after.results).to.deep.equal([
        { op: 'getPrivateData', result: '' },
        { op: 'getPrivateData', result: '' },
      ]);
    });

    it('reads the transient map, one key or all of them', async () => {
      const { results } = await exec(
        [{ op: 'getTransient', key: 'price' }, { op: 'getTransient', key: 'none' }, { op: 'getTransient' }],
        { transient: { price: '100', b: 'x' } },
      );
      expect(results).to.deep.equal([
        { op: 'getTransient', result: '100' },
        { op: 'getTransient', result: null },
        { op: 'getTransient', result: { b: 'x', price: '100' } },
      ]);
    });
  });

  describe('transaction and identity', () => {
    it('sets an event that commits with the transaction (S-40)', async () => {
      const committed = await channel.submit({
        chaincode: 'probe',
        fcn: 'Exec',
        args: [
          JSON.stringify([
            { op: 'setEvent', name: 'first' },
            { op: 'setEvent', name: 'Done', payload: 'p' },
          ]),
        ],
        identity: alice,
      });
      expect(committed.endorsement.event?.name).to.equal('Done');
      expect(committed.endorsement.event?.payload.toString()).to.equal('p');
      const empty = await exec([{ op: 'setEvent', name: '' }]);
      expect(JSON.stringify(empty.results)).to.contain('error');
    });

    it('invokes another chaincode on this channel and on another one (S-70)', async () => {
      const inner = JSON.stringify([{ op: 'putState', key: 'c', value: 'v' }]);
      const { results } = await exec(
        [
          { op: 'invokeChaincode', chaincode: 'callee', args: ['Exec', inner] },
          { op: 'invokeChaincode', chaincode: 'remote', args: ['Exec', '[]'], channel: 'other' },
          { op: 'invokeChaincode', chaincode: 'callee', args: ['Nope'] },
        ],
        { submit: true },
      );
      expect(results).to.deep.equal([
        { op: 'invokeChaincode', result: { status: 200, message: '', payload: '[{"op":"putState","result":null}]' } },
        { op: 'invokeChaincode', result: { status: 200, message: '', payload: '[]' } },
        {
          op: 'invokeChaincode',
          result: {
            status: 500,
            message: 'probe: unknown function "Nope"; the probe has one function, Exec(opsJson)',
            payload: '',
          },
        },
      ]);
      expect(channel.getState('callee', 'c')?.toString()).to.equal('v');
    });

    it('reads the transaction context and the client identity', async () => {
      const { results } = await exec([
        { op: 'getTxID' },
        { op: 'getChannelID' },
        { op: 'getMspID' },
        { op: 'getFunctionAndParameters' },
        { op: 'getTxTimestamp' },
        { op: 'getDateTimestamp' },
        { op: 'getCreator' },
        { op: 'getClientMSPID' },
        { op: 'getClientID' },
        { op: 'getAttributeValue', name: 'role' },
        { op: 'assertAttributeValue', name: 'role', value: 'auditor' },
        { op: 'getAttributeValue', name: 'missing' },
      ]);
      const values = (results as { result: unknown }[]).map((entry) => entry.result);
      expect(values[0]).to.be.a('string').with.length(64);
      expect(values.slice(1, 3)).to.deep.equal(['mychannel', 'Org1MSP']);
      expect(values[3]).to.have.property('fcn', 'Exec');
      expect(values[4]).to.deep.equal({ seconds: '1577836800', nanos: 0 });
      expect(values[5]).to.equal('2020-01-01T00:00:00.000Z');
      expect(values[6]).to.have.property('mspid', 'Org1MSP');
      expect((values[6] as { idBytes: string }).idBytes).to.contain('-----BEGIN CERTIFICATE-----');
      expect(values[7]).to.equal('Org1MSP');
      expect(values[8]).to.match(/^x509::.*CN=alice/);
      expect(values.slice(9)).to.deep.equal(['auditor', true, null]);
    });

    it('answers with a chosen status, message and payload', async () => {
      const chosen = await channel.evaluate({
        chaincode: 'probe',
        fcn: 'Exec',
        args: [JSON.stringify([{ op: 'status', status: 201, message: 'created', payload: 'p' }])],
        identity: alice,
      });
      expect(chosen).to.deep.include({ status: 201, message: 'created' });
      expect(chosen.payload.toString()).to.equal('p');
      const rejected = await channel.evaluate({
        chaincode: 'probe',
        fcn: 'Exec',
        args: [
          JSON.stringify([
            { op: 'putState', key: 'k', value: 'v' },
            { op: 'status', status: 404 },
          ]),
        ],
        identity: bob,
      });
      expect(rejected.status).to.equal(404);
      expect(JSON.parse(rejected.payload.toString())).to.have.length(2);
    });

    it('ends with status 500 and the message on throw, running nothing after it (S-03)', async () => {
      const response = await channel.evaluate({
        chaincode: 'probe',
        fcn: 'Exec',
        args: [
          JSON.stringify([
            { op: 'throw', message: 'boom' },
            { op: 'status', status: 200 },
          ]),
        ],
        identity: alice,
      });
      expect(response).to.deep.include({ status: 500, message: 'boom' });
    });

    it('runs Exec from Init and succeeds on an empty Init', async () => {
      channel.deploy({
        name: 'initprobe',
        chaincode: new ProbeChaincode(),
        initRequired: true,
        endorsementPolicy: "OR('Org1MSP.peer')",
      });
      const init = await channel.submit({
        chaincode: 'initprobe',
        fcn: 'Exec',
        args: [JSON.stringify([{ op: 'putState', key: 'i', value: 'v' }])],
        identity: alice,
        isInit: true,
      });
      expect(init.validationCode).to.equal('VALID');
      expect(channel.getState('initprobe', 'i')?.toString()).to.equal('v');
      channel.deploy({
        name: 'initprobe2',
        chaincode: new ProbeChaincode(),
        initRequired: true,
        endorsementPolicy: "OR('Org1MSP.peer')",
      });
      const empty = await channel.submit({ chaincode: 'initprobe2', fcn: '', identity: alice, isInit: true });
      expect(empty.endorsement.response.status).to.equal(200);
    });
  });

  describe('bad input', () => {
    it('refuses an unknown function', async () => {
      const response = await channel.evaluate({ chaincode: 'probe', fcn: 'Run', args: [], identity: alice });
      expect(response).to.deep.include({
        status: 500,
        message: 'probe: unknown function "Run"; the probe has one function, Exec(opsJson)',
      });
    });

    const cases: [string, string[], string][] = [
      ['no argument', [], 'probe: Exec takes one argument, a JSON array of operations; got 0 arguments'],
      ['not JSON', ['{'], 'probe: Exec argument is not JSON'],
      ['not an array', ['{}'], 'probe: Exec argument must be a JSON array of operations'],
      ['not an object', ['[1]'], 'probe: operation 0: must be an object like {"op": "getState", "key": "k1"}'],
      ['an unknown op', ['[{"op":"get"}]'], 'probe: operation 0: unknown op "get"; known: assertAttributeValue'],
      ['a missing field', ['[{"op":"getState"}]'], 'probe: operation 0: getState: field "key" must be a string'],
      ['a bad value', ['[{"op":"putState","key":"k","value":{"x":1}}]'], 'field "value" must be a string, {"base64"'],
      [
        'a bad list',
        ['[{"op":"createCompositeKey","objectType":"t","attributes":[1]}]'],
        'must be an array of strings',
      ],
      ['a bad integer', ['[{"op":"putStates","prefix":"p","count":1.5}]'], 'field "count" must be an integer'],
      ['a bad flag', ['[{"op":"getHistoryForKey","key":"k","txIds":1}]'], 'field "txIds" must be true or false'],
      ['a bad query', ['[{"op":"getQueryResult","query":[]}]'], 'must be a query string or a query object'],
      ['an unknown field', ['[{"op":"getState","key":"k","kye":"k"}]'], 'getState: unknown field "kye"'],
    ];
    for (const [what, args, message] of cases) {
      it(`refuses ${what} with a message naming the operation and field`, async () => {
        const response = await channel.evaluate({ chaincode: 'probe', fcn: 'Exec', args, identity: alice });
        expect(response.status).to.equal(500);
        expect(response.message).to.contain(message);
      });
    }

    it('parseOperations returns the checked list', () => {
      expect(parseOperations(['[{"op":"getTxID"}]'])).to.deep.equal([{ op: 'getTxID' }]);
    });
  });
});
