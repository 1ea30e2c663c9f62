/**
 * `npm run bench [-- --json]`: how fast a test on the mock is. `freshNetworkTestMs`: the median of a whole small
 * test (a new 2-org network, a contract package deployed, one identity, the first submit); `submitsPerSec`: submits
 * through this package's client and fabric-contract-api's dispatch; evaluates; a 100-key range over 1e6 keys; and
 * the same put/range workloads on @theledger/fabric-mock-stub with the ratios, when it is installed
 * (`npm run bench:compare` installs it first); `wireSubmitsPerSec`: the Go sample over the chaincode protocol beside
 * `inProcessSubmitsPerSec` (wire-bench.ts). Prints a table, or one JSON object with `--json`. Not a test:
 * nothing here asserts timings.
 */
import type { ChaincodeInterface, ChaincodeResponse, ChaincodeStub } from 'fabric-shim-api';
import { Shim } from 'fabric-shim';
import { Contract, JSONSerializer, type Context } from 'fabric-contract-api';
import ChaincodeFromContract from 'fabric-shim/lib/contract-spi/chaincodefromcontract';
import * as path from 'node:path';
import { createMockFabric, type MockChannel, type MockIdentity } from '@fabric-testkit/mock-stub';
import { MockNetwork } from '../src';
import { IN_FLIGHT, wireBench } from './wire-bench';

/** A contract package directory, loaded as bootstrap.js loads one. */
const CONTRACT_PACKAGE = path.resolve(__dirname, '../../test/fixtures/module-package');

class BenchContract extends Contract {
  async put(ctx: Context, key: string, value: string): Promise<void> {
    await ctx.stub.putState(key, Buffer.from(value));
  }

  async get(ctx: Context, key: string): Promise<string> {
    return Buffer.from(await ctx.stub.getState(key)).toString();
  }
}

/** Raw chaincode (no contract API): put/get, bulk load and a range read. */
class RawChaincode implements ChaincodeInterface {
  Init(): Promise<ChaincodeResponse> {
    return Promise.resolve(Shim.success());
  }

  async Invoke(stub: ChaincodeStub): Promise<ChaincodeResponse> {
    const { fcn, params } = stub.getFunctionAndParameters();
    const [a = '', b = ''] = params;
    if (fcn === 'put') await stub.putState(a, Buffer.from(b));
    if (fcn === 'get') return Shim.success(await stub.getState(a));
    if (fcn === 'load') {
      for (let i = Number(a); i < Number(a) + Number(b); i++) await stub.putState(keyOf(i), Buffer.from(String(i)));
    }
    if (fcn === 'range') {
      // Pulled by hand: @theledger's iterator is not async-iterable.
      const iterator = await stub.getStateByRange(a, b);
      let count = 0;
      for (;;) {
        // fabric-shim-api's NextResult resolves to `any`; type what the iterator yields.
        const r = (await iterator.next()) as { done: boolean; value: { value: Uint8Array } };
        if (r.done) break;
        count += r.value.value.length > 0 ? 1 : 0;
      }
      await iterator.close();
      return Shim.success(Buffer.from(String(count)));
    }
    return Shim.success();
  }
}

function keyOf(i: number): string {
  return `key${String(i).padStart(8, '0')}`;
}

async function timeLoop(seconds: number, body: (i: number) => Promise<unknown>): Promise<number> {
  const end = performance.now() + seconds * 1000;
  const start = performance.now();
  let i = 0;
  while (performance.now() < end) await body(i++);
  return i / ((performance.now() - start) / 1000);
}

async function median(runs: number, body: () => Promise<unknown>): Promise<number> {
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t = performance.now();
    await body();
    times.push(performance.now() - t);
  }
  times.sort((x, y) => x - y);
  return times[Math.floor(times.length / 2)] ?? 0;
}

/** Time spent inside the contract's `Invoke` (fabric-contract-api and fabric-shim code), for the table. */
const inside = { ms: 0 };

function timed(chaincode: ChaincodeInterface): ChaincodeInterface {
  return {
    Init: (stub) => chaincode.Init(stub),
    Invoke: async (stub) => {
      const start = performance.now();
      try {
        return await chaincode.Invoke(stub);
      } finally {
        inside.ms += performance.now() - start;
      }
    },
  };
}

function network(): { channel: MockChannel; user: MockIdentity } {
  const fabric = createMockFabric({ determinismCheck: false });
  const org = fabric.addOrganization('Org1MSP');
  const channel = fabric.createChannel('bench');
  const serializers = { transaction: 'jsonSerializer', serializers: { jsonSerializer: JSONSerializer } };
  // ChaincodeFromContract pushes its system contract onto the array it is given: pass a fresh one.
  channel.deploy({
    name: 'contract',
    chaincode: timed(new ChaincodeFromContract([BenchContract], serializers, {}, 'bench', '1.0')),
  });
  channel.deploy({ name: 'raw', chaincode: new RawChaincode() });
  return { channel, user: org.createIdentity({ name: 'bench' }) };
}

async function oursRange(): Promise<number> {
  const { channel, user } = network();
  const perTx = 10000;
  for (let start = 0; start < 1_000_000; start += perTx) {
    await channel.submit({ chaincode: 'raw', fcn: 'load', args: [String(start), String(perTx)], identity: user });
  }
  const from = keyOf(500_000);
  const to = keyOf(500_100);
  const check = await channel.evaluate({ chaincode: 'raw', fcn: 'range', args: [from, to], identity: user });
  if (check.payload.toString() !== '100') throw new Error(`range returned ${check.payload.toString()} keys`);
  return median(200, () => channel.evaluate({ chaincode: 'raw', fcn: 'range', args: [from, to], identity: user }));
}

interface TheLedgerStub {
  mockInvoke(txId: string, args: string[]): Promise<ChaincodeResponse>;
}

/**
 * @theledger/fabric-mock-stub is not a dependency: it brings fabric-shim 1.4, whose grpc 1.24 compiles with node-gyp
 * on Node 20, which would make `npm ci` need a C++ toolchain. `npm run bench:compare` installs it for this run.
 */
const THE_LEDGER = '@theledger/fabric-mock-stub';

async function loadTheLedger(): Promise<(new (name: string, cc: ChaincodeInterface) => TheLedgerStub) | undefined> {
  try {
    const loaded = (await import(THE_LEDGER)) as {
      ChaincodeMockStub: new (name: string, cc: ChaincodeInterface) => TheLedgerStub;
    };
    return loaded.ChaincodeMockStub;
  } catch {
    return undefined;
  }
}

async function theLedger(): Promise<{ submitsPerSec: number; rangeMs: number } | undefined> {
  const ChaincodeMockStub = await loadTheLedger();
  if (ChaincodeMockStub === undefined) return undefined;
  const stub = new ChaincodeMockStub('raw', new RawChaincode());
  const submitsPerSec = await timeLoop(2, (i) => stub.mockInvoke(`tx${i}`, ['put', `p${i}`, 'v']));
  const loader = new ChaincodeMockStub('raw', new RawChaincode());
  for (let start = 0; start < 100_000; start += 10_000) {
    await loader.mockInvoke(`load${start}`, ['load', String(start), '10000']);
  }
  const rangeMs = await median(50, () => loader.mockInvoke('r', ['range', keyOf(50_000), keyOf(50_100)]));
  return { submitsPerSec, rangeMs };
}

/** One whole small test: what a user's `beforeEach` + first `it` cost. */
async function freshNetworkTest(): Promise<void> {
  const network = await new MockNetwork().withOrganizations('Org1MSP', 'Org2MSP').withChannel('mychannel').start();
  await network.deploy({ name: 'pkg', modulePath: CONTRACT_PACKAGE });
  const cc = network.chaincode('pkg', { as: network.identity('Org1MSP', 'alice') });
  await cc.submit('Put', 'k', 'v');
  await network.stop();
}

/** Submits per second through the contract-test client (the gateway plan, dispatch, validation, commit). */
async function clientSubmitsPerSec(seconds: number): Promise<number> {
  const network = await new MockNetwork().withOrganizations('Org1MSP', 'Org2MSP').withChannel('mychannel').start();
  await network.deploy({ name: 'pkg', modulePath: CONTRACT_PACKAGE, endorsementPolicy: "OR('Org1MSP.peer')" });
  const cc = network.chaincode('pkg', { as: network.identity('Org1MSP', 'alice') });
  await cc.submit('Put', 'warm', 'up');
  const rate = await timeLoop(seconds, (i) => cc.submit('Put', `k${i}`, 'v'));
  await network.stop();
  return rate;
}

const ratio = (ours: number, theirs: number | null): number | null =>
  theirs === null || theirs === 0 ? null : Number((ours / theirs).toFixed(2));

async function main(): Promise<void> {
  const json = process.argv.includes('--json');
  await freshNetworkTest(); // loads the modules once, as a test file's first test does
  const freshNetworkTestMs = await median(41, freshNetworkTest);
  const submitsPerSec = await clientSubmitsPerSec(3);
  const { channel, user } = network();
  await channel.submit({ chaincode: 'contract', fcn: 'put', args: ['warm', 'up'], identity: user });
  inside.ms = 0;
  const started = performance.now();
  const channelSubmitsPerSec = await timeLoop(3, (i) =>
    channel.submit({ chaincode: 'contract', fcn: 'put', args: [`k${i}`, 'v'], identity: user }),
  );
  const contractShare = inside.ms / (performance.now() - started);
  const evaluatesPerSec = await timeLoop(3, (i) =>
    channel.evaluate({ chaincode: 'contract', fcn: 'get', args: [`k${i % 1000}`], identity: user }),
  );
  const rawSubmitsPerSec = await timeLoop(3, (i) =>
    channel.submit({ chaincode: 'raw', fcn: 'put', args: [`r${i}`, 'v'], identity: user }),
  );
  const rangeQuery100of1e6Ms = await oursRange();
  const wire = await wireBench();
  const ledger = await theLedger();
  const theledgerSubmitsPerSec = ledger === undefined ? null : Math.round(ledger.submitsPerSec);
  const theledgerRangeQuery100of1e5Ms = ledger === undefined ? null : Number(ledger.rangeMs.toFixed(3));
  const result = {
    freshNetworkTestMs: Number(freshNetworkTestMs.toFixed(2)),
    submitsPerSec: Math.round(submitsPerSec),
    channelSubmitsPerSec: Math.round(channelSubmitsPerSec),
    evaluatesPerSec: Math.round(evaluatesPerSec),
    rawSubmitsPerSec: Math.round(rawSubmitsPerSec),
    rangeQuery100of1e6Ms: Number(rangeQuery100of1e6Ms.toFixed(3)),
    /** The Go sample over the chaincode protocol, full round trip, IN_FLIGHT outstanding (wire-bench.ts). */
    wireSubmitsPerSec: Math.round(wire.wireSubmitsPerSec),
    /** The same client and workload, Node sample in process. */
    inProcessSubmitsPerSec: Math.round(wire.inProcessSubmitsPerSec),
    // null when @theledger/fabric-mock-stub is not installed (see THE_LEDGER).
    theledgerSubmitsPerSec,
    theledgerRangeQuery100of1e5Ms,
    /** Raw chaincode puts, ours (endorse, order, validate, commit) over theirs (mockInvoke), same run. */
    rawSubmitsVsTheLedger: ratio(rawSubmitsPerSec, theledgerSubmitsPerSec),
    /** Their range time over ours: above 1 means ours is faster (ours over 10x the keys). */
    rangeSpeedupVsTheLedger:
      theledgerRangeQuery100of1e5Ms === null ? null : ratio(theledgerRangeQuery100of1e5Ms, rangeQuery100of1e6Ms),
  };
  if (json) {
    process.stdout.write(`${JSON.stringify(result)}\n`);
    return;
  }
  const notInstalled = 'not installed: npm run bench:compare';
  console.table({
    'fresh 2-org network + deploy package + identity + first submit (median)': {
      value: result.freshNetworkTestMs,
      unit: 'ms',
    },
    'submit (contract-test client, contract API, one block each)': { value: result.submitsPerSec, unit: 'tx/s' },
    'submit (MockChannel, contract API)': { value: result.channelSubmitsPerSec, unit: 'tx/s' },
    '  of which inside ChaincodeFromContract.Invoke': { value: Math.round(contractShare * 100), unit: '%' },
    'evaluate (contract API)': { value: result.evaluatesPerSec, unit: 'tx/s' },
    'submit (raw chaincode, one block each)': { value: result.rawSubmitsPerSec, unit: 'tx/s' },
    'range 100 of 1e6 keys (raw chaincode evaluate)': { value: result.rangeQuery100of1e6Ms, unit: 'ms' },
    [`submit CreateAsset, Go sample over the chaincode protocol (${IN_FLIGHT} in flight)`]: {
      value: result.wireSubmitsPerSec,
      unit: 'tx/s',
    },
    [`submit CreateAsset, Node sample in process (${IN_FLIGHT} in flight)`]: {
      value: result.inProcessSubmitsPerSec,
      unit: 'tx/s',
    },
    '@theledger/fabric-mock-stub put (raw chaincode)': { value: theledgerSubmitsPerSec ?? notInstalled, unit: 'tx/s' },
    '@theledger/fabric-mock-stub range 100 of 1e5': {
      value: theledgerRangeQuery100of1e5Ms ?? notInstalled,
      unit: 'ms',
    },
    'raw submits, ours / theirs': { value: result.rawSubmitsVsTheLedger ?? notInstalled, unit: 'x' },
    'range, their time / ours': { value: result.rangeSpeedupVsTheLedger ?? notInstalled, unit: 'x' },
  });
}

main().catch((err: unknown) => {
  console.error(err);
  process.exitCode = 1;
});
