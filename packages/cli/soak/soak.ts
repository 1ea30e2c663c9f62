/**
 * `npm run soak -- [--cycles N] [--parallel N] [--seed N] [--json]`: uses the harness the way CI and users abuse it,
 * and counts what it leaves behind (issue 11).
 *
 * 1. cycles: `fabric-testkit up --orgs 1` in a process group of its own; about half are interrupted at a random
 *    moment of the start with SIGINT or SIGTERM sent to the group (as Ctrl-C does), the others run to the end and
 *    are removed with `down ID`. After each, no container, docker network, volume or state file may be left.
 * 2. parallel: N networks started at once in one process, then N processes starting one each, while
 *    `fabric-testkit status | head -1` runs again and again, and `down ID | tail -2` removes one network while its
 *    own process still holds it (and then stops it): no port or name clash, no failure, nothing left.
 * 3. faults: a killed chaincode server and a paused peer container: each call fails within its deadline, naming
 *    the peer; stop() removes the paused container too.
 *
 * Every CLI run must end by itself with the expected status and without a crash or warning on stderr (the
 * `status | head` run that spun into an out-of-memory error is what the crash count catches). Prints a table and
 * one JSON object; exits 1 when anything leaked, crashed or failed.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { missingImages, fabricImages } from '@fabric-testkit/test-harness';
import { NetworkStateStore } from '../src/commands/network-state';
import { danglingVolumes, leaksOf, removeVolumes, type Leaks } from './docker-snapshot';
import { shell, start, type Ended } from './processes';
import type { FaultReport } from './worker';

const CLI = path.join(__dirname, '..', '..', 'bin', 'fabric-testkit.js');
const WORKER = path.join(__dirname, 'worker.js');
const START_TIMEOUT_MS = 180_000;
const COMMAND_TIMEOUT_MS = 60_000;
/** What on stderr counts as a crash even when the status is right. */
const CRASH_TEXT = /MaxListenersExceededWarning|heap out of memory|unexpected error|Unhandled|EPIPE/;

interface Options {
  readonly cycles: number;
  readonly parallel: number;
  readonly seed: number;
  readonly json: boolean;
}

interface Totals {
  cycles: number;
  interrupted: number;
  leakedContainers: number;
  leakedNetworks: number;
  leakedVolumes: number;
  leakedStateFiles: number;
  parallel: number;
  parallelFailures: number;
  crashes: number;
  statusRuns: number;
}

/** One line of the table: what was done, how long it took, and what went wrong. */
interface Row {
  readonly step: string;
  readonly ms: number;
  readonly problems: readonly string[];
}

class Soak {
  readonly totals: Totals;
  readonly rows: Row[] = [];
  readonly problems: string[] = [];
  readonly #env: NodeJS.ProcessEnv;
  readonly #store: NetworkStateStore;
  readonly #baselineVolumes: ReadonlySet<string>;
  /** Every network ID the soak's processes announced: the leak checks look at these only. */
  readonly #ids = new Set<string>();
  #random: () => number;

  constructor(options: Options, home: string, baselineVolumes: ReadonlySet<string>) {
    this.totals = {
      cycles: 0,
      interrupted: 0,
      leakedContainers: 0,
      leakedNetworks: 0,
      leakedVolumes: 0,
      leakedStateFiles: 0,
      parallel: options.parallel,
      parallelFailures: 0,
      crashes: 0,
      statusRuns: 0,
    };
    this.#env = { ...process.env, FABRIC_TESTKIT_HOME: home, FORCE_COLOR: '0' };
    this.#store = new NetworkStateStore(home);
    this.#baselineVolumes = baselineVolumes;
    this.#random = mulberry32(options.seed);
  }

  /** One `up`, interrupted at a random moment of its start or run to the end and removed with `down`. */
  async cycle(index: number): Promise<void> {
    const interrupt = this.#random() < 0.5;
    const signal: NodeJS.Signals = this.#random() < 0.5 ? 'SIGINT' : 'SIGTERM';
    const delayMs = Math.round(this.#random() * 6000);
    const up = start(process.execPath, [CLI, 'up', '--orgs', '1'], this.#env, START_TIMEOUT_MS);
    const id = (await up.line(/^\[up\] starting network (\S+):/))?.[1];
    if (id !== undefined) this.#ids.add(id);
    if (interrupt) {
      await sleep(delayMs);
      up.signalGroup(signal);
    }
    const ended = await up.ended;
    const problems: string[] = [];
    const finished = ended.code === 0;
    if (interrupt && !finished) this.totals.interrupted++;
    const expected = interrupt ? [0, signal === 'SIGINT' ? 130 : 143] : [0];
    this.#checkRun(`up (${interrupt ? `${signal} after ${delayMs} ms` : 'to the end'})`, ended, expected, problems);
    if (finished && id !== undefined) {
      this.#checkRun(`down ${id}`, await this.#cli(['down', id]), [0], problems);
    }
    await this.#checkLeaks(problems);
    this.totals.cycles++;
    const what = interrupt ? (finished ? `${signal} came after the start` : `${signal} after ${delayMs} ms`) : 'run';
    this.rows.push({ step: `cycle ${index + 1}: up ${id ?? '?'} (${what})`, ms: ended.ms, problems });
  }

  /** `count` networks at once in one process, with `status | head -1` running meanwhile. */
  async parallelInOneProcess(count: number): Promise<void> {
    const began = Date.now();
    const worker = start(process.execPath, [WORKER, 'parallel', String(count), '2000'], this.#env, START_TIMEOUT_MS);
    const problems: string[] = [];
    await this.#statusWhile(worker.ended, problems);
    const ended = await worker.ended;
    this.#announced(ended);
    this.totals.parallelFailures += count - countLines(ended.stdout, /^started /);
    this.#checkRun(`worker parallel ${count}`, ended, [0], problems);
    await this.#checkLeaks(problems);
    this.rows.push({ step: `${count} networks at once in one process`, ms: Date.now() - began, problems });
  }

  /** `count` processes starting one network each; `down ID | tail -2` removes the first while it is held. */
  async parallelInProcesses(count: number): Promise<void> {
    const began = Date.now();
    const workers = Array.from({ length: count }, () =>
      start(process.execPath, [WORKER, 'parallel', '1', '4000'], this.#env, START_TIMEOUT_MS),
    );
    const problems: string[] = [];
    const all = Promise.all(workers.map((w) => w.ended));
    const downWhileHeld = (async (): Promise<void> => {
      const id = (await workers[0]?.line(/^started (\S+)$/))?.[1];
      if (id === undefined) return;
      this.#checkRun(
        `down ${id} | tail -2`,
        await shell(`node ${CLI} down ${id} | tail -2`, this.#env, COMMAND_TIMEOUT_MS),
        [0],
        problems,
      );
    })();
    await this.#statusWhile(all, problems);
    await downWhileHeld;
    for (const [i, ended] of (await all).entries()) {
      this.#announced(ended);
      const startedOne = countLines(ended.stdout, /^started /);
      this.totals.parallelFailures += 1 - startedOne;
      this.#checkRun(`worker ${i + 1} of ${count}`, ended, [0], problems);
    }
    await this.#checkLeaks(problems);
    this.rows.push({ step: `${count} processes starting a network each`, ms: Date.now() - began, problems });
  }

  /** A killed chaincode server and a paused peer: each call must fail within its deadline. */
  async faults(): Promise<FaultReport | undefined> {
    const worker = start(process.execPath, [WORKER, 'faults'], this.#env, START_TIMEOUT_MS);
    const ended = await worker.ended;
    this.#announced(ended);
    const problems: string[] = [];
    this.#checkRun('worker faults', ended, [0], problems);
    const report = /^faults (.*)$/m.exec(ended.stdout)?.[1];
    const faults = report === undefined ? undefined : (JSON.parse(report) as FaultReport);
    problems.push(...faultProblems(faults));
    await this.#checkLeaks(problems);
    this.rows.push({ step: 'faults: killed chaincode server, paused peer', ms: ended.ms, problems });
    return faults;
  }

  /** Runs `status | head -1` until `until` settles; each must end by itself, quietly, with status 0. */
  async #statusWhile(until: Promise<unknown>, problems: string[]): Promise<void> {
    let done = false;
    void until.then(() => (done = true));
    while (!done) {
      this.totals.statusRuns++;
      this.#checkRun(
        'status | head -1',
        await shell(`node ${CLI} status | head -1`, this.#env, COMMAND_TIMEOUT_MS),
        [0],
        problems,
      );
      await Promise.race([until, sleep(1000)]);
    }
  }

  /** Notes the network IDs a worker announced (`starting ID`). */
  #announced(ended: Ended): void {
    for (const match of ended.stdout.matchAll(/^starting (\S+)$/gm)) if (match[1]) this.#ids.add(match[1]);
  }

  #cli(args: readonly string[]): Promise<Ended> {
    return start(process.execPath, [CLI, ...args], this.#env, COMMAND_TIMEOUT_MS).ended;
  }

  #checkRun(what: string, ended: Ended, expected: readonly number[], problems: string[]): void {
    const crashed =
      ended.timedOut || ended.code === null || !expected.includes(ended.code) || CRASH_TEXT.test(ended.stderr);
    if (!crashed) return;
    this.totals.crashes++;
    const how = ended.timedOut ? 'did not end in time (killed)' : `ended with ${ended.code ?? ended.signal ?? '?'}`;
    problems.push(`${what} ${how}: ${lastLines(ended.stdout + ended.stderr)}`);
  }

  /** Counts and then removes whatever is left, so each leak is counted once. */
  async #checkLeaks(problems: string[]): Promise<void> {
    const leaks: Leaks = await leaksOf(this.#ids, this.#baselineVolumes);
    const stateFiles = await this.#store.list();
    this.totals.leakedContainers += leaks.containers.length;
    this.totals.leakedNetworks += leaks.networks.length;
    this.totals.leakedVolumes += leaks.volumes.length;
    this.totals.leakedStateFiles += stateFiles.length;
    const left = [...leaks.containers, ...leaks.networks, ...leaks.volumes, ...stateFiles.map((s) => s.file)];
    if (left.length === 0) return;
    problems.push(`left behind: ${left.join(', ')}`);
    const leaked = [...this.#ids].filter((id) =>
      [...leaks.containers, ...leaks.networks].some((n) => n.startsWith(id)),
    );
    for (const id of new Set([...leaked, ...stateFiles.map((s) => s.id)])) await this.#cli(['down', id]);
    await removeVolumes(leaks.volumes);
  }
}

/** What the fault report must show: the killed server's error names the peer, the paused peer is seen paused. */
function faultProblems(faults: FaultReport | undefined): string[] {
  if (faults === undefined) return ['the fault worker reported nothing'];
  const problems: string[] = [];
  const killed = faults.killedChaincodeServer;
  if (
    !/peer0\.org1/.test(killed.error) ||
    !/chaincode stream terminated|could not launch chaincode/.test(killed.error)
  ) {
    problems.push(`killed chaincode server: the error does not name the peer and the cause: ${killed.error}`);
  }
  if (faults.pausedPeer.ms > 6000)
    problems.push(`paused peer: the call failed after ${faults.pausedPeer.ms} ms, not 5 s`);
  if (faults.pausedPeer.state !== 'peer0.org1 paused')
    problems.push(`paused peer: status shows ${faults.pausedPeer.state}`);
  return problems;
}

function parseOptions(argv: readonly string[]): Options {
  const value = (flag: string, fallback: number): number => {
    const i = argv.indexOf(flag);
    if (i < 0) return fallback;
    const text = argv[i + 1] ?? '';
    if (!/^\d+$/.test(text)) throw new Error(`${flag} wants a whole number, not ${JSON.stringify(text)}`);
    return Number(text);
  };
  const known = new Set(['--cycles', '--parallel', '--seed', '--json']);
  const unknown = argv.filter((a, i) => a.startsWith('--') && !known.has(a) && !/^\d+$/.test(argv[i - 1] ?? 'x'));
  if (unknown.length > 0) throw new Error(`unknown option ${unknown.join(', ')} (known: ${[...known].join(', ')})`);
  return {
    cycles: value('--cycles', 10),
    parallel: value('--parallel', 3),
    seed: value('--seed', Date.now() % 100_000),
    json: argv.includes('--json'),
  };
}

async function main(argv: readonly string[]): Promise<number> {
  const options = parseOptions(argv);
  const missing = await missingImages(fabricImages());
  if (missing.length > 0) {
    process.stderr.write(`soak: images missing (${missing.join(', ')}): run "npx fabric-testkit images" first\n`);
    return 1;
  }
  const home = mkdtempSync(path.join(tmpdir(), 'fabric-testkit-soak-'));
  const began = Date.now();
  const soak = new Soak(options, home, await danglingVolumes());
  const progress = (row: Row | undefined): void => {
    if (row)
      process.stderr.write(
        `[soak] ${row.step}: ${(row.ms / 1000).toFixed(1)} s${row.problems.length > 0 ? `  PROBLEMS: ${row.problems.join(' | ')}` : ''}\n`,
      );
  };
  process.stderr.write(
    `[soak] seed ${options.seed}: ${options.cycles} cycles, then ${options.parallel} networks in parallel twice, then faults\n`,
  );
  try {
    for (let i = 0; i < options.cycles; i++) {
      await soak.cycle(i);
      progress(soak.rows.at(-1));
    }
    await soak.parallelInOneProcess(options.parallel);
    progress(soak.rows.at(-1));
    await soak.parallelInProcesses(options.parallel);
    progress(soak.rows.at(-1));
    const faults = await soak.faults();
    progress(soak.rows.at(-1));
    const result = { ...soak.totals, seed: options.seed, seconds: Math.round((Date.now() - began) / 1000), faults };
    printTable(soak.rows);
    process.stdout.write(`${options.json ? JSON.stringify(result) : JSON.stringify(result, null, 2)}\n`);
    const bad =
      result.leakedContainers +
      result.leakedNetworks +
      result.leakedVolumes +
      result.leakedStateFiles +
      result.crashes +
      result.parallelFailures;
    return bad === 0 ? 0 : 1;
  } finally {
    rmSync(home, { recursive: true, force: true });
  }
}

function printTable(rows: readonly Row[]): void {
  const width = Math.max(...rows.map((r) => r.step.length), 4);
  process.stdout.write(`${'step'.padEnd(width)}  seconds  result\n`);
  for (const row of rows) {
    const result = row.problems.length === 0 ? 'ok' : row.problems.join(' | ');
    process.stdout.write(`${row.step.padEnd(width)}  ${(row.ms / 1000).toFixed(1).padStart(7)}  ${result}\n`);
  }
}

function countLines(text: string, pattern: RegExp): number {
  return text.split('\n').filter((l) => pattern.test(l)).length;
}

function lastLines(text: string): string {
  return text.trim().split('\n').slice(-3).join(' / ').slice(0, 400);
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/** A small seeded generator, so a run can be repeated with `--seed`. */
function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (e: unknown) => {
    process.stderr.write(`soak: ${e instanceof Error ? e.message : String(e)}\n`);
    process.exit(2);
  },
);
