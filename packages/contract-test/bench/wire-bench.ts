/**
 * The chaincode protocol's cost (issue 15): the Go sample (`contracts/asset-transfer-go`, fabric-contract-api-go)
 * served as a chaincode server and called through this package's client, each submit a full round trip (proposal
 * signed and sent over gRPC, the chaincode's GET_STATE/PUT_STATE answered, COMPLETED, then ordered, validated and
 * committed); beside it the same client and workload with Node chaincode in process. Both with `IN_FLIGHT` submits
 * outstanding, as a suite's parallel clients or a load test would have, and both after a warm-up of the same load.
 */
import * as path from 'node:path';
import { freePort, startChaincodeServer } from '@fabric-testkit/test-harness';
import { MockNetwork, type ChaincodeClient } from '../src';

const GO_SAMPLE = path.resolve(__dirname, '../../../../contracts/asset-transfer-go');
const NODE_SAMPLE = path.resolve(__dirname, '../../../../contracts/asset-transfer-basic');
export const IN_FLIGHT = 16;

/** Seconds of the same load run first and not counted: JIT compilation and the first streams' set-up. */
export const WARM_UP_SECONDS = 1;
/** One-second windows measured; the figure is their median, so that one window with a slow spell (a major GC, the
 * machine busy elsewhere) does not decide it. */
export const WINDOWS = 5;

/** Submits per second with `inFlight` submits outstanding: the median of {@link WINDOWS} one-second windows of
 * steady load, after {@link WARM_UP_SECONDS} of the same. */
async function rate(cc: ChaincodeClient, inFlight: number, args: (i: number) => string[]): Promise<number> {
  let next = 0;
  const load = async (seconds: number): Promise<number> => {
    let done = 0;
    const start = performance.now();
    const end = start + seconds * 1000;
    await Promise.all(
      Array.from({ length: inFlight }, async () => {
        while (performance.now() < end) {
          await cc.submit('CreateAsset', ...args(next++));
          done++;
        }
      }),
    );
    return done / ((performance.now() - start) / 1000);
  };
  await load(WARM_UP_SECONDS);
  const rates: number[] = [];
  for (let window = 0; window < WINDOWS; window++) rates.push(await load(1));
  rates.sort((a, b) => a - b);
  return rates[Math.floor(WINDOWS / 2)] ?? 0;
}

async function network() {
  return new MockNetwork().withOrganizations('Org1MSP', 'Org2MSP').withChannel('mychannel').start();
}

/** `{ wireSubmitsPerSec, inProcessSubmitsPerSec }`: CreateAsset on the Go sample over the wire, and on the Node sample in process. */
export async function wireBench(): Promise<{ wireSubmitsPerSec: number; inProcessSubmitsPerSec: number }> {
  const server = await startChaincodeServer({ go: GO_SAMPLE }, 'basic-go_1.0:bench', '127.0.0.1', await freePort());
  const wire = await network();
  let wireSubmitsPerSec: number;
  try {
    await wire.deploy({ name: 'go', server: { address: server.address }, endorsementPolicy: "OR('Org1MSP.peer')" });
    const cc = wire.chaincode('go', { as: wire.identity('Org1MSP', 'alice') });
    wireSubmitsPerSec = await rate(cc, IN_FLIGHT, (i) => [`a${i}`, 'blue', '5', '300']);
  } finally {
    await wire.stop();
    await server.stop();
  }
  const inProcess = await network();
  await inProcess.deploy({ name: 'basic', modulePath: NODE_SAMPLE, endorsementPolicy: "OR('Org1MSP.peer')" });
  const cc = inProcess.chaincode('basic', { as: inProcess.identity('Org1MSP', 'alice') });
  const inProcessSubmitsPerSec = await rate(cc, IN_FLIGHT, (i) => [`a${i}`, 'blue', '5', '300']);
  await inProcess.stop();
  return { wireSubmitsPerSec, inProcessSubmitsPerSec };
}
