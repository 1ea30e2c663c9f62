/**
 * Coverage of chaincode as the peer runs it: every chaincode server of a network runs instrumented (Node under V8's
 * coverage, `NODE_V8_COVERAGE`; Go built with `go build -cover` and run with `GOCOVERDIR`), and once the servers have
 * stopped, {@link ChaincodeCoverage.report} writes one report per chaincode: `<dir>/<name>/lcov.info` and
 * `<dir>/<name>/summary.txt`. Node's report is c8's (source maps followed, files outside the chaincode's package and
 * node_modules left out); Go's is `go tool covdata`'s, turned into lcov with each file under the package directory.
 *
 * Both runtimes write their data only when the process exits normally: the Node chaincode server exits on SIGTERM
 * (chaincode-main.ts), and a Go chaincode must too (`signal.Notify` then `os.Exit(0)`), as the Go sample does. A
 * program given as `server` is run as it is: nothing can instrument it from outside.
 */
import { execFile } from 'node:child_process';
import { cpSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { FabricTestkitError } from '../errors';
import type { ChaincodeModule } from './chaincode-server';

const run = promisify(execFile);

/** A coverage report that could not be written: the tool that failed and its output. */
export class ChaincodeCoverageError extends FabricTestkitError {
  constructor(what: string, cause: unknown) {
    const output = (cause as { stderr?: string }).stderr ?? (cause instanceof Error ? cause.message : String(cause));
    super(`chaincode coverage: ${what}: ${output.trim()}`, { cause });
    this.name = 'ChaincodeCoverageError';
  }
}

interface Instrumented {
  readonly name: string;
  readonly kind: 'node' | 'go';
  /** Where the process writes its raw data. */
  readonly raw: string;
  /** The chaincode's own directory: its package (Node) or Go main package. */
  readonly root: string;
}

/** What a chaincode's report holds. */
export interface ChaincodeCoverageReport {
  readonly chaincode: string;
  readonly directory: string;
  /** The text summary (also in `summary.txt`). */
  readonly summary: string;
}

/** The package directory of a Node chaincode module: the nearest directory up with a package.json. */
function packageRootOf(file: string): string {
  let dir = dirname(file);
  while (dirname(dir) !== dir) {
    if (readdirSync(dir).includes('package.json')) return dir;
    dir = dirname(dir);
  }
  return dirname(file);
}

export class ChaincodeCoverage {
  readonly #instrumented: Instrumented[] = [];
  readonly directory: string;

  /** `directory`: where the reports go (created; a chaincode's earlier report there is replaced). */
  constructor(directory: string) {
    this.directory = resolve(directory);
  }

  /**
   * The program to start for chaincode `name`, instrumented, and the environment to start it with. Each server
   * gets its own raw directory; a program given as `server` is returned as it is.
   */
  instrument(
    name: string,
    program: ChaincodeModule,
  ): { program: ChaincodeModule; environment: Record<string, string> } {
    if ('server' in program) return { program, environment: {} };
    const raw = join(this.directory, '.raw', `${name}-${this.#instrumented.length}`);
    rmSync(raw, { recursive: true, force: true });
    mkdirSync(raw, { recursive: true });
    if ('go' in program) {
      this.#instrumented.push({ name, kind: 'go', raw, root: program.go });
      return { program: { ...program, cover: true }, environment: { GOCOVERDIR: raw } };
    }
    const root = 'contractPackage' in program ? program.contractPackage : packageRootOf(program.modulePath);
    this.#instrumented.push({ name, kind: 'node', raw, root });
    return { program, environment: { NODE_V8_COVERAGE: raw } };
  }

  /** Writes each instrumented chaincode's report (call after its servers stopped). */
  async report(): Promise<ChaincodeCoverageReport[]> {
    const reports: ChaincodeCoverageReport[] = [];
    const byChaincode = new Map<string, Instrumented[]>();
    for (const entry of this.#instrumented) {
      const key = `${entry.name}\u0000${entry.kind}\u0000${entry.root}`;
      byChaincode.set(key, [...(byChaincode.get(key) ?? []), entry]);
    }
    for (const entries of byChaincode.values()) {
      const [first] = entries;
      if (first === undefined) continue;
      const directory = join(this.directory, first.name);
      rmSync(directory, { recursive: true, force: true });
      mkdirSync(directory, { recursive: true });
      const summary =
        first.kind === 'node'
          ? await nodeReport(first.root, entries, directory)
          : await goReport(first.root, entries, directory);
      writeFileSync(join(directory, 'summary.txt'), summary);
      reports.push({ chaincode: first.name, directory, summary });
    }
    rmSync(join(this.directory, '.raw'), { recursive: true, force: true });
    return reports;
  }
}

/** c8 over every server's V8 data, from the chaincode package's directory (which decides what is its code). */
async function nodeReport(root: string, entries: readonly Instrumented[], directory: string): Promise<string> {
  const merged = join(directory, '.v8');
  mkdirSync(merged, { recursive: true });
  for (const entry of entries) cpSync(entry.raw, merged, { recursive: true });
  const c8 = require.resolve('c8/bin/c8.js');
  try {
    const { stdout } = await run(
      process.execPath,
      [
        c8,
        'report',
        // The package's own .nycrc/.c8rc thresholds are for its unit tests, not for what one network ran.
        '--check-coverage=false',
        '--temp-directory',
        merged,
        '--reports-dir',
        directory,
        '--reporter',
        'lcovonly',
        '--reporter',
        'text-summary',
        '--exclude',
        '**/node_modules/**',
      ],
      { cwd: root },
    );
    // c8 names files relative to the package; the report lives elsewhere, so name them absolutely.
    const lcov = join(directory, 'lcov.info');
    writeFileSync(
      lcov,
      readFileSync(lcov, 'utf8').replace(/^SF:(?!\/)(.*)$/gm, (_, file: string) => `SF:${join(root, file)}`),
    );
    return stdout;
  } catch (error) {
    throw new ChaincodeCoverageError(`c8 report for ${root} failed`, error);
  } finally {
    rmSync(merged, { recursive: true, force: true });
  }
}

/** `go tool covdata` over every server's data: the text profile turned into lcov, and its percentages. */
async function goReport(root: string, entries: readonly Instrumented[], directory: string): Promise<string> {
  const inputs = `-i=${entries.map((entry) => entry.raw).join(',')}`;
  const profile = join(directory, 'coverage.out');
  try {
    await run('go', ['tool', 'covdata', 'textfmt', inputs, `-o=${profile}`], { cwd: root });
    const { stdout } = await run('go', ['tool', 'covdata', 'percent', inputs], { cwd: root });
    const module = readFileSync(join(root, 'go.mod'), 'utf8').match(/^module\s+(\S+)/m)?.[1] ?? '';
    writeFileSync(join(directory, 'lcov.info'), goProfileToLcov(readFileSync(profile, 'utf8'), module, root));
    return stdout;
  } catch (error) {
    throw new ChaincodeCoverageError(`go tool covdata for ${root} failed`, error);
  }
}

/**
 * A Go coverage profile (`mode: set|count|atomic`, then `file:startLine.startCol,endLine.endCol statements count`)
 * as lcov: each block's lines get its count (the highest of the blocks on a line), files named under `root` when
 * they are in `module`.
 */
export function goProfileToLcov(profile: string, module: string, root: string): string {
  const files = new Map<string, Map<number, number>>();
  for (const line of profile.split('\n')) {
    const match = /^(.+):(\d+)\.\d+,(\d+)\.\d+ \d+ (\d+)$/.exec(line.trim());
    if (match === null) continue;
    const [, file = '', start = '0', end = '0', count = '0'] = match;
    const local = module !== '' && file.startsWith(`${module}/`) ? join(root, file.slice(module.length + 1)) : file;
    const lines = files.get(local) ?? new Map<number, number>();
    for (let n = Number(start); n <= Number(end); n++) lines.set(n, Math.max(lines.get(n) ?? 0, Number(count)));
    files.set(local, lines);
  }
  const records: string[] = [];
  for (const [file, lines] of [...files].sort(([a], [b]) => (a < b ? -1 : 1))) {
    const sorted = [...lines].sort(([a], [b]) => a - b);
    records.push(
      [
        'TN:',
        `SF:${file}`,
        ...sorted.map(([n, c]) => `DA:${n},${c}`),
        `LF:${sorted.length}`,
        `LH:${sorted.filter(([, c]) => c > 0).length}`,
        'end_of_record',
      ].join('\n'),
    );
  }
  return records.length === 0 ? '' : `${records.join('\n')}\n`;
}

/** Writes the reports of `coverage` (when measured) and says where each is, with its summary. */
export async function reportCoverage(
  coverage: ChaincodeCoverage | undefined,
  log: (line: string) => void = (line) => process.stderr.write(`[fabric-testkit] ${line}\n`),
): Promise<ChaincodeCoverageReport[]> {
  if (coverage === undefined) return [];
  const reports = await coverage.report();
  for (const report of reports) {
    log(`chaincode coverage of ${report.chaincode}: ${report.directory}/lcov.info`);
    for (const line of report.summary.split('\n').filter((l) => l.trim() !== '')) log(`  ${line.trim()}`);
  }
  return reports;
}
