// `npm run bench:network [-- --orgs 2] [--submits 50] [--fabric 3.1] [--orderers 4] [--consensus bft]
//   [--state-database couchdb] [--json]`:
// starts a network in containers, prints per-step timings, the time from start to the first committed transaction,
// and submit→commit latency; ends with one JSON line (`--json`: only that line).
// `--matrix`: Raft on 2.5 and 3.1 and BFT on 3.1, and 2.5 with CouchDB peers, each with 1 and 2 organizations, in
// one table and one JSON array. `--matrix state-database`: only 2.5 Raft on LevelDB and on CouchDB.

import { resolveVersions } from '@fabric-testkit/images';
import { ContainerRuntime } from '../src/containers/container-runtime';
import { fabricImagesFromEnvironment } from '../src/containers/images';
import { FabricNetwork, newNetworkId } from '../src/network/fabric-network';

/** One network to measure. */
interface BenchConfig {
  readonly fabric: string;
  readonly orgs: number;
  readonly consensus: 'raft' | 'bft';
  readonly orderers: 1 | 3 | 4;
  readonly submits: number;
  readonly batchTimeout?: string;
  readonly stateDatabase: 'leveldb' | 'couchdb';
}

/** What one run measured. */
interface BenchResult {
  readonly fabric: string;
  readonly consensus: string;
  readonly orderers: number;
  readonly orgs: number;
  readonly stateDatabase: string;
  readonly batchTimeout: string;
  readonly totalSeconds: number;
  readonly startSeconds: number;
  readonly commitP50Ms: number;
  readonly commitP90Ms: number;
  readonly steps: Record<string, number>;
}

function argument(name: string): string | undefined {
  const index = process.argv.indexOf(`--${name}`);
  return index >= 0 ? process.argv[index + 1] : undefined;
}

function numberArgument(name: string, fallback: number): number {
  const value = Number(argument(name) ?? fallback);
  return Number.isFinite(value) && value > 0 ? value : fallback;
}

function percentile(sorted: readonly number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? Number.NaN;
}

async function measure(config: BenchConfig, log: (line: string) => void): Promise<BenchResult> {
  const tag = resolveVersions({ fabric: config.fabric }).fabric.tag;
  const images = fabricImagesFromEnvironment({ fabric: config.fabric });
  let builder = new FabricNetwork({
    runtime: new ContainerRuntime(newNetworkId(), { images }),
    images,
    consensus: config.consensus,
    orderers: config.orderers,
    stateDatabase: config.stateDatabase,
  });
  for (let i = 1; i <= config.orgs; i++) builder = builder.withOrganization({ name: `org${i}` });
  builder = builder.withChannel({ name: 'bench', batchTimeout: config.batchTimeout }).withChaincode({
    name: 'kv',
    channel: 'bench',
    chaincode: { modulePath: require.resolve('../test/fixtures/kv-chaincode'), exportName: 'KvChaincode' },
  });

  const started = process.hrtime.bigint();
  const since = (): number => Number(process.hrtime.bigint() - started) / 1e6;
  const what = `${config.orderers} ${config.consensus} orderer(s), ${config.orgs} org(s) on ${config.stateDatabase}`;
  log(`starting Fabric ${tag}, ${what}…`);
  await using network = await builder.start();
  const startMs = since();
  await using connection = network.connectGateway('org1');
  const contract = connection.gateway.getNetwork('bench').getContract('kv');
  await contract.submitTransaction('put', 'first', 'tx');
  const totalMs = since();

  const latencies: number[] = [];
  for (let i = 0; i < config.submits; i++) {
    const t0 = process.hrtime.bigint();
    await contract.submitTransaction('put', `k${i}`, `v${i}`);
    latencies.push(Number(process.hrtime.bigint() - t0) / 1e6);
  }
  latencies.sort((a, b) => a - b);

  log(`network ${network.id}: Fabric ${tag}, ${what}`);
  for (const { step, ms } of network.timings) log(`  ${step.padEnd(28)} ${String(ms).padStart(6)} ms`);
  log(`  ${'start() total'.padEnd(28)} ${startMs.toFixed(0).padStart(6)} ms`);
  log(`  ${'first committed transaction'.padEnd(28)} ${(totalMs - startMs).toFixed(0).padStart(6)} ms`);
  log(
    `  submit→commit over ${config.submits}: p50 ${percentile(latencies, 50).toFixed(0)} ms, ` +
      `p90 ${percentile(latencies, 90).toFixed(0)} ms`,
  );
  return {
    fabric: tag,
    consensus: config.consensus,
    orderers: config.orderers,
    orgs: config.orgs,
    stateDatabase: config.stateDatabase,
    batchTimeout: config.batchTimeout ?? 'default',
    totalSeconds: Number((totalMs / 1000).toFixed(2)),
    startSeconds: Number((startMs / 1000).toFixed(2)),
    commitP50Ms: Number(percentile(latencies, 50).toFixed(1)),
    commitP90Ms: Number(percentile(latencies, 90).toFixed(1)),
    steps: Object.fromEntries(network.timings.map((t) => [t.step, t.ms])),
  };
}

/** Raft on both lines, BFT on 3.1 and CouchDB peers on 2.5, with 1 and 2 organizations; or only LevelDB vs CouchDB. */
function matrix(submits: number, only: string | undefined): BenchConfig[] {
  const leveldb = { fabric: '2.5', consensus: 'raft', orderers: 1, stateDatabase: 'leveldb' } as const;
  const couchdb = { ...leveldb, stateDatabase: 'couchdb' } as const;
  const lines: Omit<BenchConfig, 'orgs' | 'submits'>[] =
    only === 'state-database'
      ? [leveldb, couchdb]
      : [
          leveldb,
          { ...leveldb, fabric: '3.1' },
          { fabric: '3.1', consensus: 'bft', orderers: 4, stateDatabase: 'leveldb' },
          couchdb,
        ];
  return lines.flatMap((line) => [1, 2].map((orgs) => ({ ...line, orgs, submits })));
}

function stateDatabaseArgument(): 'leveldb' | 'couchdb' {
  const given = argument('state-database') ?? 'leveldb';
  if (given !== 'leveldb' && given !== 'couchdb') {
    throw new Error(`--state-database must be leveldb or couchdb, not ${given}`);
  }
  return given;
}

async function main(): Promise<void> {
  const json = process.argv.includes('--json');
  const log = json ? (): void => undefined : (line: string): void => console.log(line);
  const submits = numberArgument('submits', 50);
  if (process.argv.includes('--matrix')) {
    const results: BenchResult[] = [];
    const only = argument('matrix');
    for (const config of matrix(submits, only?.startsWith('--') === true ? undefined : only))
      results.push(await measure(config, (line) => console.error(line)));
    console.table(
      results.map((r) => ({
        fabric: r.fabric,
        ordering: `${r.orderers} ${r.consensus}`,
        orgs: r.orgs,
        'state database': r.stateDatabase,
        'start (s)': r.startSeconds,
        'to first commit (s)': r.totalSeconds,
        'commit p50 (ms)': r.commitP50Ms,
        'commit p90 (ms)': r.commitP90Ms,
      })),
    );
    console.log(JSON.stringify(results));
    return;
  }
  const consensus = argument('consensus') === 'bft' ? 'bft' : 'raft';
  const orderers = numberArgument('orderers', consensus === 'bft' ? 4 : 1);
  if (orderers !== 1 && orderers !== 3 && orderers !== 4)
    throw new Error(`--orderers must be 1, 3 or 4, not ${orderers}`);
  const result = await measure(
    {
      fabric: argument('fabric') ?? resolveVersions().fabric.tag,
      orgs: numberArgument('orgs', 1),
      consensus,
      orderers,
      submits,
      stateDatabase: stateDatabaseArgument(),
      ...(argument('batch-timeout') === undefined ? {} : { batchTimeout: argument('batch-timeout') }),
    },
    log,
  );
  console.log(JSON.stringify(result));
}

main().catch((e: unknown) => {
  console.error(e);
  process.exitCode = 1;
});
