/**
 * The peer over the wire (issue 15): the same chaincode run in process and served by fabric-shim's own chaincode
 * server (`Shim.server`, chaincode as a service), each call compared: response, event and read/write set must be
 * identical, since both paths answer through the same peer handler. Fabric's side is `core/chaincode/handler.go`.
 */
import { createServer } from 'node:net';
import { expect } from 'chai';
import { Shim } from 'fabric-shim';
import type { ChaincodeStub } from 'fabric-shim-api';
import { ChaincodeServerError, createMockFabric, type MockFabric, type MockIdentity } from '../../src';
import * as ShimLogger from 'fabric-shim/lib/logger';
import { ScriptChaincode, drainKeys, kvFunctions, type ScriptFunction } from '../fixtures/script-chaincode';

// fabric-shim's server logs every transaction, and the failures these tests make on purpose at ERROR.
ShimLogger.setLevel('CRITICAL');

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => resolve(typeof address === 'object' && address !== null ? address.port : 0));
    });
  });
}

/**
 * A chaincode that throws leaves fabric-shim with an unhandled rejection and the real peer waiting for its execute
 * timeout (the in-process path answers at once, see execute.ts); these functions return the error instead.
 */
function answering(fn: ScriptFunction): ScriptFunction {
  return async (stub, params) => {
    try {
      return await fn(stub, params);
    } catch (error) {
      return Shim.error((error as Error).message);
    }
  };
}

const functions: Record<string, ScriptFunction> = Object.fromEntries(
  Object.entries({
    ...kvFunctions,
    page: async (stub, [start, end, size, bookmark]) => {
      const { iterator, metadata } = await stub.getStateByRangeWithPagination(
        start ?? '',
        end ?? '',
        Number(size),
        bookmark ?? '',
      );
      return JSON.stringify({ keys: await drainKeys(iterator), metadata });
    },
    history: async (stub, [key]) => {
      const values: string[] = [];
      for await (const entry of stub.getHistoryForKey(key ?? '')) values.push(Buffer.from(entry.value).toString());
      return JSON.stringify(values);
    },
    endorseBy: async (stub, [key, policy]) => {
      await stub.setStateValidationParameter(key ?? '', Buffer.from(policy ?? ''));
    },
    policyOf: async (stub, [key]) => Buffer.from((await stub.getStateValidationParameter(key ?? '')) ?? ''),
    putPrivate: async (stub, [collection, key, value]) => {
      await stub.putPrivateData(collection ?? '', key ?? '', Buffer.from(value ?? ''));
    },
    getPrivate: async (stub, [collection, key]) =>
      Buffer.from((await stub.getPrivateData(collection ?? '', key ?? '')) ?? []),
    hashPrivate: async (stub, [collection, key]) =>
      Buffer.from((await stub.getPrivateDataHash(collection ?? '', key ?? '')) ?? []).toString('hex'),
    emit: (stub: ChaincodeStub, [name, payload]) => {
      stub.setEvent(name ?? '', Buffer.from(payload ?? ''));
      return 'emitted';
    },
    call: async (stub, [target, ...args]) => {
      const response = await stub.invokeChaincode(target ?? '', args, '');
      return JSON.stringify({ status: response.status, payload: Buffer.from(response.payload ?? []).toString() });
    },
    refuse: () => Shim.error('refused on purpose'),
    purge: async (stub, [collection, key]) => {
      await stub.purgePrivateData(collection ?? '', key ?? '');
    },
    query: async (stub, [selector]) => {
      const keys: string[] = [];
      for await (const kv of stub.getQueryResult(selector ?? '')) keys.push(kv.key);
      return JSON.stringify(keys);
    },
    creator: (stub) => stub.getCreator().mspid,
    // Arguments arrive as UTF-8, so only the chaincode can make a key with a lone surrogate: fabric-shim writes it
    // as three bytes that are not UTF-8, which the Go peer refuses (wire.ts in process, the reader over the wire).
    putLoneSurrogate: async (stub) => {
      await stub.putState('lone\ud800', Buffer.from('x'));
    },
  } satisfies Record<string, ScriptFunction>).map(([name, fn]) => [name, answering(fn)]),
);

interface Side {
  fabric: MockFabric;
  user: MockIdentity;
}

function side(chaincode: ScriptChaincode | { address: string }): Side {
  const fabric = createMockFabric({ deterministic: true, determinismCheck: false });
  const org = fabric.addOrganization('Org1MSP');
  const channel = fabric.createChannel('mychannel');
  channel.deploy({ name: 'cc', chaincode, collections: [{ name: 'secrets', policy: "OR('Org1MSP.member')" }] });
  channel.deploy({ name: 'other', chaincode: new ScriptChaincode(kvFunctions) });
  return { fabric, user: org.createIdentity({ name: 'user1' }) };
}

async function run(s: Side, fcn: string, ...args: string[]) {
  const channel = s.fabric.getChannel('mychannel');
  const endorsement = await channel.endorse({ chaincode: 'cc', fcn, args, identity: s.user });
  if (endorsement.response.status < 400) await channel.commit([endorsement]);
  return {
    status: endorsement.response.status,
    // Transaction IDs hash the creator, whose certificate each fabric's CA made.
    message: endorsement.response.message.replace(/transaction ID: [0-9a-f]{64}/, 'transaction ID: <txid>'),
    payload: endorsement.response.payload.toString(),
    event: endorsement.event && { ...endorsement.event, txId: '<txid>' },
    readWriteSet: endorsement.readWriteSet,
  };
}

describe('chaincode over the wire (handler.go: the peer dials a chaincode server)', function () {
  let server: ReturnType<typeof Shim.server>;
  let address: string;
  let inProcess: Side;
  let wire: Side;

  before(async function () {
    address = `127.0.0.1:${await freePort()}`;
    // fabric-shim's typings require tlsProps; without it the server runs in plain text (lib/server.js).
    server = Shim.server(new ScriptChaincode(functions), {
      ccid: 'cc_1.0:0123',
      address,
      tlsProps: undefined as never,
    });
    await server.start();
  });

  beforeEach(function () {
    inProcess = side(new ScriptChaincode(functions));
    wire = side({ address });
  });

  afterEach(function () {
    wire.fabric.close();
  });

  after(function () {
    (server as unknown as { _server: { forceShutdown(): void } })._server.forceShutdown();
  });

  const calls: [string, ...string[]][] = [
    ['put', 'a', '1'],
    ['put', 'b', '2'],
    ['put', 'a', '3'],
    ['get', 'a'],
    ['get', 'missing'],
    ['range', '', ''],
    ['page', '', '', '1', ''],
    ['history', 'a'],
    ['del', 'b'],
    ['endorseBy', 'a', 'not a policy'],
    ['policyOf', 'a'],
    ['putPrivate', 'secrets', 's1', 'hidden'],
    ['getPrivate', 'secrets', 's1'],
    ['hashPrivate', 'secrets', 's1'],
    ['getPrivate', 'nosuch', 's1'],
    ['purge', 'secrets', 's1'],
    ['query', '{"selector":{}}'],
    ['emit', 'Made', 'x'],
    ['call', 'other', 'put', 'o', '1'],
    ['call', 'missing', 'get', 'o'],
    ['refuse'],
    ['creator'],
    ['putLoneSurrogate'],
  ];

  it('answers every call exactly as the in-process path does', async function () {
    for (const call of calls) {
      const expected = await run(inProcess, ...call);
      const actual = await run(wire, ...call);
      expect(actual, call.join(' ')).to.deep.equal(expected);
    }
  });

  it('refuses a key that is not UTF-8 as the Go peer does (handler.go HandlePutState: unmarshal failed)', async function () {
    const result = await run(wire, 'putLoneSurrogate');
    expect(result.status).to.equal(500);
    expect(result.message).to.equal(
      'PUT_STATE failed: transaction ID: <txid>: unmarshal failed: string field contains invalid UTF-8',
    );
  });

  it('runs transactions side by side on one stream', async function () {
    const results = await Promise.all(Array.from({ length: 20 }, (_, i) => run(wire, 'put', `k${i}`, `${i}`)));
    expect(results.map((r) => r.status)).to.deep.equal(Array.from({ length: 20 }, () => 200));
  });

  it('reconnects after the fabric closed its stream', async function () {
    expect((await run(wire, 'put', 'a', '1')).status).to.equal(200);
    wire.fabric.close();
    expect((await run(wire, 'get', 'a')).payload).to.equal('1');
  });

  it('fails the endorsement naming the address when no server listens there', async function () {
    const port = await freePort();
    const nobody = side({ address: `127.0.0.1:${port}` });
    try {
      const result = await run(nobody, 'get', 'a');
      expect(result.status).to.equal(500);
      expect(result.message).to.match(
        /^error in simulation: failed to execute transaction [0-9a-f]+: chaincode server at 127\.0\.0\.1:\d+: /,
      );
    } finally {
      nobody.fabric.close();
    }
  });

  it('refuses a server address that is not host:port', function () {
    const fabric = createMockFabric();
    fabric.addOrganization('Org1MSP');
    const channel = fabric.createChannel('mychannel');
    expect(() => channel.deploy({ name: 'cc', chaincode: { address: 'localhost' } })).to.throw(
      /server address "localhost" is not host:port/,
    );
  });

  it("dials each organization's own server when given one address per MSP id, and wants one for each", async function () {
    const fabric = createMockFabric({ determinismCheck: false });
    fabric.addOrganization('Org1MSP');
    fabric.addOrganization('Org2MSP');
    const channel = fabric.createChannel('mychannel');
    expect(() => channel.deploy({ name: 'cc', chaincode: { address: { Org1MSP: address } } })).to.throw(
      "chaincode 'cc': no address for Org2MSP, whose peers run it",
    );
    expect(() => channel.deploy({ name: 'cc', chaincode: { address: { Org1MSP: address, Org2MSP: 'x' } } })).to.throw(
      `chaincode 'cc': Org2MSP's address "x" is not host:port`,
    );
    const nowhere = `127.0.0.1:${await freePort()}`;
    channel.deploy({
      name: 'cc',
      chaincode: { address: { Org1MSP: address, Org2MSP: nowhere } },
      endorsementPolicy: "OR('Org1MSP.peer','Org2MSP.peer')",
    });
    try {
      const identity = fabric.getOrganization('Org1MSP').createIdentity({ name: 'u' });
      const served = await channel.endorse({
        chaincode: 'cc',
        fcn: 'creator',
        identity,
        endorsingOrganizations: ['Org1MSP'],
      });
      expect(served.response.payload.toString()).to.equal('Org1MSP');
      const refused = await channel.endorse({
        chaincode: 'cc',
        fcn: 'creator',
        identity,
        endorsingOrganizations: ['Org2MSP'],
      });
      expect(refused.response.message).to.contain(`chaincode server at ${nowhere}`);
    } finally {
      fabric.close();
    }
  });

  it('names the protocol problem when the program is not a chaincode server', async function () {
    const http = createServer((socket) => socket.end('HTTP/1.1 400 Bad Request\r\n\r\n'));
    await new Promise<void>((resolve) => http.listen(0, '127.0.0.1', resolve));
    const port = (http.address() as { port: number }).port;
    const stranger = side({ address: `127.0.0.1:${port}` });
    try {
      const result = await run(stranger, 'get', 'a');
      expect(result.status).to.equal(500);
      expect(result.message).to.contain(`chaincode server at 127.0.0.1:${port}: `);
    } finally {
      stranger.fabric.close();
      http.close();
    }
    expect(ChaincodeServerError).to.be.a('function');
  });
});
