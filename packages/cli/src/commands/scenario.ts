/**
 * `fabric-testkit scenario run FILE... --target mock|network|both`: runs scenario files (or every scenario in a
 * directory), prints each step (identity, call, result, event, validation code, read/write set where known) and
 * fails when an expectation fails or, with `--target both`, when the targets differ beyond what may legitimately
 * differ.
 */
import { readdir, stat } from 'node:fs/promises';
import * as path from 'node:path';
import type { Command } from 'commander';
import {
  compareRuns,
  createTarget,
  formatComparison,
  formatRun,
  loadScenarioFile,
  runScenario,
  ScenarioFailedError,
  type Scenario,
  type Target,
} from '@fabric-testkit/scenarios';

/** What the command's action needs; tests replace them. */
export interface ScenarioCommandDeps {
  readonly write: (line: string) => void;
  readonly createTarget: (name: string) => Target;
}

const write = (line: string): void => {
  process.stdout.write(`${line}\n`);
};

const defaultDeps: ScenarioCommandDeps = {
  write,
  // A network start takes seconds: say when each is up.
  createTarget: (name) => createTarget(name, { network: { progress: write } }),
};

interface RunFlags {
  target: string;
  /** Print every step only for scenarios that failed or differed; one line for the others. */
  quiet?: boolean;
}

/** Registers `scenario run` on the program. */
export function registerScenarioCommand(program: Command, deps: ScenarioCommandDeps = defaultDeps): void {
  const scenario = program
    .command('scenario')
    .description('Run conformance scenarios on the mock and on a real network');
  scenario
    .command('run')
    .description('Run scenario files (YAML or JSON; a directory runs every scenario in it)')
    .argument('<files...>', 'scenario files or directories')
    .option(
      '--target <target>',
      'where to run: mock, mock-wire (chaincode served over the chaincode protocol), network, both (mock and ' +
        'network), or a comma-separated list; every target after the first is compared with the first',
      'mock',
    )
    .option('--quiet', 'one line per passing scenario; every step only for failures and differences')
    .action(async (files: string[], flags: RunFlags) => {
      await runScenarioCommand(files, flags, deps);
    });
}

/** Expands directories to the scenario files in them, sorted by name. */
export async function scenarioFiles(inputs: readonly string[]): Promise<string[]> {
  const files: string[] = [];
  for (const input of inputs) {
    const info = await stat(input).catch(() => undefined);
    if (info?.isDirectory() === true) {
      const names = (await readdir(input)).filter((name) => /\.(ya?ml|json)$/i.test(name)).sort();
      files.push(...names.map((name) => path.join(input, name)));
    } else {
      files.push(input);
    }
  }
  return files;
}

const TARGETS = ['mock', 'mock-wire', 'network'];

/** `both` is mock and network; otherwise one target or a comma-separated list, each compared with the first. */
function targetsOf(flag: string, deps: ScenarioCommandDeps): Target[] {
  const names = flag === 'both' ? ['mock', 'network'] : flag.split(',').map((name) => name.trim());
  const unknown = names.filter((name) => !TARGETS.includes(name));
  if (unknown.length > 0 || names.length === 0) {
    throw new Error(
      `--target must be mock, mock-wire, network, both, or a comma-separated list of them, not "${flag}"`,
    );
  }
  return names.map((name) => deps.createTarget(name));
}

type Verdict = 'passed' | 'failed' | 'skipped';

async function runOne(scenario: Scenario, targets: readonly Target[], write: (line: string) => void): Promise<Verdict> {
  const runs = [];
  for (const target of targets) {
    const run = await runScenario(scenario, target);
    for (const line of formatRun(run)) write(line);
    runs.push(run);
  }
  // A scenario one target cannot run is not compared: there is nothing to compare it with.
  if (runs.some((run) => run.skipped !== undefined)) return runs.every((run) => run.passed) ? 'skipped' : 'failed';
  let passed = runs.every((run) => run.passed);
  const [first, ...others] = runs;
  for (const other of others) {
    if (first === undefined) break;
    const comparison = compareRuns(first, other);
    for (const line of formatComparison(comparison)) write(line);
    passed &&= comparison.differences.length === 0;
  }
  return passed ? 'passed' : 'failed';
}

/** With --quiet, a scenario's lines are held back and printed only when it failed; else one verdict line. */
async function runQuietly(
  scenario: Scenario,
  targets: readonly Target[],
  write: (line: string) => void,
): Promise<Verdict> {
  const held: string[] = [];
  const verdict = await runOne(scenario, targets, (line) => held.push(line));
  if (verdict === 'failed') {
    for (const line of held) write(line);
  } else {
    const skipped = held.find((line) => line.startsWith('  SKIPPED: '))?.trim();
    write(
      `${verdict === 'passed' ? 'PASS' : 'SKIP'} ${scenario.name} on ${targets.map((t) => t.name).join(' and ')}` +
        (skipped === undefined ? '' : ` (${skipped.replace(/^SKIPPED: /, '')})`),
    );
  }
  return verdict;
}

/** The action of `scenario run`: resolves with the names of the passed and failed scenarios; rejects if any failed. */
export async function runScenarioCommand(
  inputs: readonly string[],
  flags: RunFlags,
  deps: ScenarioCommandDeps,
): Promise<{ passed: string[]; failed: string[]; skipped: string[] }> {
  const targets = targetsOf(flags.target, deps);
  const files = await scenarioFiles(inputs);
  if (files.length === 0) throw new Error(`no scenario files (.yaml, .yml, .json) in ${inputs.join(', ')}`);
  const scenarios: Scenario[] = [];
  for (const file of files) scenarios.push(await loadScenarioFile(file));
  const verdicts: Record<Verdict, string[]> = { passed: [], failed: [], skipped: [] };
  for (const scenario of scenarios) {
    const run = flags.quiet === true ? runQuietly : runOne;
    verdicts[await run(scenario, targets, deps.write)].push(scenario.name);
  }
  const { passed, failed, skipped } = verdicts;
  deps.write(
    `${scenarios.length} scenario${scenarios.length === 1 ? '' : 's'}: ${passed.length} passed, ${failed.length} failed` +
      (skipped.length === 0 ? '' : `, ${skipped.length} skipped`),
  );
  if (failed.length > 0) {
    throw new ScenarioFailedError(
      `${failed.length} of ${scenarios.length} scenarios failed: ${failed.join(', ')}`,
      failed,
    );
  }
  return { passed, failed, skipped };
}
