/**
 * The chaincode protocol's cost (issue 15): the Go sample (`contracts/asset-transfer-go`, fabric-contract-api-go)
 * served as a chaincode server and called through this package's client, each submit a full round trip (proposal
 * signed and sent over gRPC, the chaincode's GET_STATE/PUT_STATE answered, COMPLETED, then ordered, validated and
 * committed); beside it the same client and workload with Node chaincode in process. Both with `IN_FLIGHT` submits
 * outstanding, as a suite's parallel clients or a load test would have.
 */
import * as path from 'node:path';
import { freePort, startChaincodeServer } from '@fabric-testkit/test-harness';
import { MockNetwork, type ChaincodeClient } from '../src';

const GO_SAMPLE = path.resolve(__dirname, '../../../../contracts/asset-transfer-go');
const NODE_SAMPLE = path.resolve(__dirname, '../../../../contracts/asset-transfer-basic');
export const IN_FLIGHT = 16;

/** Submits per second with `inFlight` submits outstanding, for `seconds`. */
async function rate(cc: ChaincodeClient, seconds: number, inFlight: number, args: (i: number) => string[]) {
  let next = 0;
  let done = 0;
  const end = performance.now() + seconds * 1000;
  const start = performance.now();
  await Promise.all(
    Array.from({ length: inFlight }, async () => {
      while (performance.now() < end) {
        await cc.submit('CreateAsset', ...args(next++));
        done++;
      }
    }),
  );
  return done / ((performance.now() - start) / 1000);
}

async function network() {
  return new MockNetwork().withOrganizations('Org1MSP', 'Org2MSP').withChannel('mychannel').start();
}

/** `{ wireSubmitsPerSec, inProcessSubmitsPerSec }`: CreateAsset on the Go sample over the wire, and on the Node sample in process. */
export async function wireBench(
  seconds: number,
): Promise<{ wireSubmitsPerSec: number; inProcessSubmitsPerSec: number }> {
  const server = await startChaincodeServer({ go: GO_SAMPLE }, 'basic-go_1.0:bench', '127.0.0.1', await freePort());
  const wire = await network();
  let wireSubmitsPerSec: number;
  try {
    await wire.deploy({ name: 'go', server: { address: server.address }, endorsementPolicy: "OR('Org1MSP.peer')" });
    const cc = wire.chaincode('go', { as: wire.identity('Org1MSP', 'alice') });
    await cc.submit('CreateAsset', 'warm', 'blue', '1', '1');
    wireSubmitsPerSec = await rate(cc, seconds, IN_FLIGHT, (i) => [`a${i}`, 'blue', '5', '300']);
  } finally {
    await wire.stop();
    await server.stop();
  }
  const inProcess = await network();
  await inProcess.deploy({ name: 'basic', modulePath: NODE_SAMPLE, endorsementPolicy: "OR('Org1MSP.peer')" });
  const cc = inProcess.chaincode('basic', { as: inProcess.identity('Org1MSP', 'alice') });
  await cc.submit('CreateAsset', 'warm', 'blue', '1', '1');
  const inProcessSubmitsPerSec = await rate(cc, seconds, IN_FLIGHT, (i) => [`a${i}`, 'blue', '5', '300']);
  await inProcess.stop();
  return { wireSubmitsPerSec, inProcessSubmitsPerSec };
}
