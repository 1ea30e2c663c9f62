// `npm run bench:network [-- --orgs 2] [--submits 50]`: starts a network in containers, prints per-step timings,
// the time from start to the first committed transaction, and submit→commit latency; ends with one JSON line.

import { ContainerRuntime } from '../src/containers/container-runtime';
import { fabricImages } from '../src/containers/images';
import { FabricNetwork, newNetworkId } from '../src/network/fabric-network';

function argument(name: string, fallback: number): number {
  const index = process.argv.indexOf(`--${name}`);
  const value = index >= 0 ? Number(process.argv[index + 1]) : fallback;
  return Number.isFinite(value) && value > 0 ? value : fallback;
}

function percentile(sorted: readonly number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? Number.NaN;
}

async function main(): Promise<void> {
  const orgs = argument('orgs', 1);
  const submits = argument('submits', 50);
  const batchTimeoutIndex = process.argv.indexOf('--batch-timeout');
  const batchTimeout = batchTimeoutIndex >= 0 ? process.argv[batchTimeoutIndex + 1] : undefined;
  const images = {
    ca: process.env.FABRIC_TESTKIT_CA_IMAGE ?? fabricImages().ca,
    orderer: process.env.FABRIC_TESTKIT_ORDERER_IMAGE ?? fabricImages().orderer,
    peer: process.env.FABRIC_TESTKIT_PEER_IMAGE ?? fabricImages().peer,
  };
  let builder = new FabricNetwork({ runtime: new ContainerRuntime(newNetworkId(), { images }) });
  for (let i = 1; i <= orgs; i++) {
    builder = builder.withOrganization({ name: `org${i}` });
  }
  builder = builder.withChannel({ name: 'bench', batchTimeout }).withChaincode({
    name: 'kv',
    channel: 'bench',
    chaincode: { modulePath: require.resolve('../test/fixtures/kv-chaincode'), exportName: 'KvChaincode' },
  });

  const started = process.hrtime.bigint();
  const since = (): number => Number(process.hrtime.bigint() - started) / 1e6;
  await using network = await builder.start();
  const startMs = since();
  await using connection = network.connectGateway('org1');
  const contract = connection.gateway.getNetwork('bench').getContract('kv');
  await contract.submitTransaction('put', 'first', 'tx');
  const totalMs = since();

  const latencies: number[] = [];
  for (let i = 0; i < submits; i++) {
    const t0 = process.hrtime.bigint();
    await contract.submitTransaction('put', `k${i}`, `v${i}`);
    latencies.push(Number(process.hrtime.bigint() - t0) / 1e6);
  }
  latencies.sort((a, b) => a - b);

  console.log(`network ${network.id}: ${orgs} org(s), 1 Raft orderer, ccaas chaincode on the host`);
  for (const { step, ms } of network.timings) {
    console.log(`  ${step.padEnd(28)} ${String(ms).padStart(6)} ms`);
  }
  console.log(`  ${'start() total'.padEnd(28)} ${startMs.toFixed(0).padStart(6)} ms`);
  console.log(`  ${'first committed transaction'.padEnd(28)} ${(totalMs - startMs).toFixed(0).padStart(6)} ms`);
  console.log(
    `  submit→commit over ${submits}: p50 ${percentile(latencies, 50).toFixed(0)} ms, p90 ${percentile(latencies, 90).toFixed(0)} ms`,
  );
  console.log(
    JSON.stringify({
      orgs,
      batchTimeout: batchTimeout ?? 'default',
      totalSeconds: Number((totalMs / 1000).toFixed(2)),
      startSeconds: Number((startMs / 1000).toFixed(2)),
      commitP50Ms: Number(percentile(latencies, 50).toFixed(1)),
      commitP90Ms: Number(percentile(latencies, 90).toFixed(1)),
      steps: Object.fromEntries(network.timings.map((t) => [t.step, t.ms])),
    }),
  );
}

main().catch((e: unknown) => {
  console.error(e);
  process.exitCode = 1;
});
