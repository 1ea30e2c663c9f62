/**
 * `npm run bench:fixtures [-- --json] [-- --calls N] [-- --target mock|network|both]`: what `loadFixture` costs a
 * suite on each target. The fixture deploys asset-transfer-basic and creates one asset; each "test" after it makes
 * one submit, as a short test does. Reported: the mean of the calls after the first (the first runs the fixture
 * itself), and for a real network the time it takes to start. Targets (issue 14): mock <= 1 ms, network <= 1000 ms.
 */
import * as path from 'node:path';
import { createNetwork, type StartedNetwork, type TargetName } from '../src';

interface TargetFigures {
  readonly firstMs: number;
  readonly meanMs: number;
  readonly p50Ms: number;
  readonly maxMs: number;
  readonly startSeconds: number;
}

const modulePath = path.resolve(__dirname, '..', '..', '..', '..', 'contracts', 'asset-transfer-basic');

function argument(name: string): string | undefined {
  const index = process.argv.indexOf(`--${name}`);
  return index < 0 ? undefined : process.argv[index + 1];
}

let assets = 0;
async function withAsset(network: StartedNetwork): Promise<void> {
  await network.deploy({ name: 'basic', modulePath });
  await network.chaincode('basic').submit('CreateAsset', 'fixture', 'blue', '1', '1');
}

async function measure(target: TargetName, calls: number, log: (line: string) => void): Promise<TargetFigures> {
  const started = Date.now();
  const network = await createNetwork({ target, progress: (line) => log(`  [${target}] ${line}`) })
    .withOrganizations('Org1MSP', 'Org2MSP')
    .withChannel('mychannel')
    .start();
  const startSeconds = (Date.now() - started) / 1000;
  try {
    const times: number[] = [];
    for (let i = 0; i <= calls; i++) {
      const t0 = process.hrtime.bigint();
      await network.loadFixture(withAsset);
      times.push(Number(process.hrtime.bigint() - t0) / 1e6);
      // The test: one submit against the fixture's state.
      await network.chaincode('basic').submit('CreateAsset', `test${++assets}`, 'red', '2', '2');
    }
    const [first = 0, ...later] = times;
    const sorted = [...later].sort((a, b) => a - b);
    return {
      firstMs: round(first),
      meanMs: round(later.reduce((sum, t) => sum + t, 0) / Math.max(later.length, 1)),
      p50Ms: round(sorted[Math.floor(sorted.length / 2)] ?? 0),
      maxMs: round(sorted.at(-1) ?? 0),
      startSeconds: round(startSeconds),
    };
  } finally {
    await network.stop();
  }
}

function round(value: number): number {
  return Math.round(value * 1000) / 1000;
}

async function main(): Promise<void> {
  const json = process.argv.includes('--json');
  const which = argument('target') ?? 'both';
  const log = json ? (): void => undefined : (line: string): void => console.log(line);
  const mock = which === 'network' ? undefined : await measure('mock', Number(argument('calls') ?? 200), log);
  const network = which === 'mock' ? undefined : await measure('network', Number(argument('calls') ?? 10), log);
  const result = {
    ...(mock === undefined ? {} : { mockFixtureMs: mock.meanMs }),
    ...(network === undefined ? {} : { networkFixtureMs: network.meanMs, networkStartSeconds: network.startSeconds }),
  };
  if (json) {
    console.log(JSON.stringify(result));
    return;
  }
  console.log('\ntarget    first call ms  later calls: mean ms  p50 ms  max ms  start s  target');
  for (const [name, figures, goal] of [
    ['mock', mock, '<= 1 ms'],
    ['network', network, '<= 1000 ms'],
  ] as const) {
    if (figures === undefined) continue;
    console.log(
      `${name.padEnd(9)} ${String(figures.firstMs).padStart(13)}  ${String(figures.meanMs).padStart(20)}  ` +
        `${String(figures.p50Ms).padStart(6)}  ${String(figures.maxMs).padStart(6)}  ${String(figures.startSeconds).padStart(7)}  ${goal}`,
    );
  }
  console.log(`\n${JSON.stringify(result)}`);
}

main().catch((e: unknown) => {
  console.error(e);
  process.exitCode = 1;
});
