import type { ChaincodeEvent } from '@hyperledger/fabric-gateway';
import { expect } from 'chai';
import { FabricNetwork } from '../../src/network/fabric-network';
import { readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import type { LocalProcessRuntime } from '../../src/network/local-runtime';
import { localRuntime } from '../support/local-runtime';

const KV = { modulePath: require.resolve('../fixtures/kv-chaincode'), exportName: 'KvChaincode' };

describe('FabricNetwork on local binaries', function () {
  this.timeout(180_000);

  it('starts one org, deploys a chaincode as a service, submits, evaluates and sees the event', async function () {
    const runtime = localRuntime();
    if (!runtime) {
      console.log('    skipped: set FABRIC_TESTKIT_BIN_DIR, FABRIC_TESTKIT_CA_BIN and FABRIC_TESTKIT_SAMPLECONFIG');
      this.skip();
    }
    await exercise(runtime);
    const left = readdirSync(tmpdir()).filter((name) => name.startsWith(`fabric-testkit-${runtime.id}-`));
    expect(left, 'temp directories left behind').to.deep.equal([]);
  });
});

async function exercise(runtime: LocalProcessRuntime): Promise<void> {
  await using network = await new FabricNetwork({ runtime })
    .withOrganization({ name: 'org1' })
    .withChannel({ name: 'mychannel' })
    .withChaincode({ name: 'kv', channel: 'mychannel', chaincode: KV })
    .start();
  console.log(`      ${network.timings.map((t) => `${t.step} ${t.ms} ms`).join(', ')}`);
  await using connection = network.connectGateway('org1');
  const channel = connection.gateway.getNetwork('mychannel');
  const contract = channel.getContract('kv');
  const events = await channel.getChaincodeEvents('kv');
  try {
    const result = await contract.submitTransaction('put', 'k1', 'v1');
    expect(Buffer.from(result).toString()).to.equal('v1');
    expect(Buffer.from(await contract.evaluateTransaction('get', 'k1')).toString()).to.equal('v1');
    const next: IteratorResult<ChaincodeEvent> = await events[Symbol.asyncIterator]().next();
    if (next.done) {
      throw new Error('chaincode event stream ended');
    }
    expect(next.value.eventName).to.equal('Put');
    expect(JSON.parse(Buffer.from(next.value.payload).toString())).to.deep.equal({ key: 'k1', value: 'v1' });
  } finally {
    events.close();
  }
}
