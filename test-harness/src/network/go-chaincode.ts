/**
 * Go chaincode: a Go main package that serves the chaincode protocol (fabric-chaincode-go's `shim.ChaincodeServer`,
 * reading `CHAINCODE_SERVER_ADDRESS` and `CHAINCODE_ID`), built once with `go build` and served as a
 * {@link ChaincodeProgram}. Builds are cached by the content of the package directory, so a second network (or a
 * second organization) serves the same binary without building again.
 */
import { spawn, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdirSync, readdirSync, readFileSync, renameSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { isAbsolute, join, relative } from 'node:path';
import { FabricTestkitError } from '../errors';
import type { ChaincodeProgram } from './chaincode-program';

/** A Go chaincode: the directory of its main package (with its go.mod). */
export interface GoChaincode {
  /** An absolute path to the Go main package directory. */
  readonly go: string;
  /** Build with `go build -cover` (run it with GOCOVERDIR set; see chaincode-coverage.ts). Default false. */
  readonly cover?: boolean;
}

/**
 * Debugging a Go chaincode: built without optimizations (`-gcflags=all=-N -l`) and run under Delve, headless, its
 * API at 127.0.0.1:`port` for `dlv connect` or an editor's "attach to remote"; with `wait`, the chaincode starts
 * only once a debugger has connected and continued it.
 */
export interface GoDebugger {
  readonly port: number;
  readonly wait: boolean;
}

/** The `dlv` command: on PATH, else where `go install` puts it. */
function delve(): string {
  if (spawnSync('dlv', ['version'], { stdio: 'ignore', timeout: 20_000 }).status === 0) return 'dlv';
  const gopath = spawnSync('go', ['env', 'GOPATH'], { encoding: 'utf8', timeout: 20_000 }).stdout.trim();
  const installed = join(gopath, 'bin', 'dlv');
  if (gopath !== '' && statSync(installed, { throwIfNoEntry: false })?.isFile() === true) return installed;
  throw new GoBuildError(
    '(debugger)',
    'cannot start: Delve is not installed; install it with `go install github.com/go-delve/delve/cmd/dlv@latest`',
    '',
  );
}

/** How long one `go build` may take (a cold module cache downloads the shim and its dependencies). */
const BUILD_TIMEOUT_MS = 10 * 60_000;

/** A `go build` that failed. */
export class GoBuildError extends FabricTestkitError {
  readonly directory: string;
  readonly output: string;

  constructor(directory: string, what: string, output: string) {
    super(`go build of chaincode ${directory} ${what}${output === '' ? '' : `:\n${output}`}`);
    this.name = 'GoBuildError';
    this.directory = directory;
    this.output = output;
  }
}

/** What is wrong with a Go chaincode definition that can be told before anything starts. */
export function goChaincodeProblems(chaincode: GoChaincode): string[] {
  const dir = chaincode.go;
  if (typeof dir !== 'string' || !isAbsolute(dir) || statSync(dir, { throwIfNoEntry: false })?.isDirectory() !== true) {
    return [`go ${JSON.stringify(dir)} must be an absolute path to the chaincode's Go main package directory`];
  }
  if (statSync(join(dir, 'go.mod'), { throwIfNoEntry: false }) === undefined) {
    return [`Go chaincode ${dir} has no go.mod; give the directory of a Go module's main package`];
  }
  if (spawnSync('go', ['version'], { stdio: 'ignore', timeout: 20_000 }).status !== 0) {
    return [`Go chaincode ${dir} needs the go command on PATH to build it (https://go.dev/doc/install)`];
  }
  return [];
}

const builds = new Map<string, Promise<string>>();

/**
 * The program that serves a Go chaincode: its binary, built with `go build` unless a build of the same content is
 * cached (in the system's temporary directory).
 */
export async function goChaincodeProgram(
  chaincode: GoChaincode,
  log: (line: string) => void = defaultLog,
  debug?: GoDebugger,
): Promise<ChaincodeProgram> {
  const flags = [
    ...(chaincode.cover === true ? ['-cover'] : []),
    ...(debug === undefined ? [] : ['-gcflags=all=-N -l']),
  ];
  const hash = `${contentHash(chaincode.go)}${flags.length === 0 ? '' : `-${createHash('sha256').update(flags.join(' ')).digest('hex').slice(0, 8)}`}`;
  let build = builds.get(hash);
  if (build === undefined) {
    build = buildOnce(chaincode.go, hash, flags, log);
    builds.set(hash, build);
    build.catch(() => builds.delete(hash));
  }
  const binary = await build;
  if (debug === undefined) return { server: { command: binary, cwd: chaincode.go } };
  const args = [
    'exec',
    binary,
    '--headless',
    `--listen=127.0.0.1:${debug.port}`,
    '--api-version=2',
    '--accept-multiclient',
  ];
  log(
    `Go chaincode ${chaincode.go} runs under Delve at 127.0.0.1:${debug.port}` +
      (debug.wait ? ', waiting for a debugger (dlv connect, or an editor attaching to it) to continue it' : ''),
  );
  return { server: { command: delve(), args: debug.wait ? args : [...args, '--continue'], cwd: chaincode.go } };
}

async function buildOnce(
  dir: string,
  hash: string,
  flags: readonly string[],
  log: (line: string) => void,
): Promise<string> {
  const outDir = join(tmpdir(), 'fabric-testkit-go-chaincode', hash);
  const binary = join(outDir, 'chaincode');
  if (statSync(binary, { throwIfNoEntry: false })?.isFile() === true) return binary;
  mkdirSync(outDir, { recursive: true });
  const partial = `${binary}.${process.pid}.partial`;
  const started = Date.now();
  log(`building Go chaincode ${dir} (${['go build', ...flags].join(' ')}; cached for its content after this)`);
  await goBuild(dir, partial, flags);
  renameSync(partial, binary);
  log(`built Go chaincode ${dir} in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  return binary;
}

function goBuild(dir: string, output: string, flags: readonly string[]): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn('go', ['build', ...flags, '-o', output, '.'], {
      cwd: dir,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let text = '';
    const keep = (chunk: Buffer): void => {
      text = (text + chunk.toString('utf8')).slice(-4000);
    };
    child.stdout.on('data', keep);
    child.stderr.on('data', keep);
    const timer = setTimeout(() => child.kill('SIGKILL'), BUILD_TIMEOUT_MS);
    child.once('error', (e) => {
      clearTimeout(timer);
      reject(new GoBuildError(dir, `could not run go: ${e.message}`, ''));
    });
    child.once('close', (code, signal) => {
      clearTimeout(timer);
      if (code === 0) resolve();
      else if (signal === 'SIGKILL')
        reject(new GoBuildError(dir, `did not finish within ${BUILD_TIMEOUT_MS / 1000} s`, text.trim()));
      else reject(new GoBuildError(dir, `failed (exit code ${String(code)})`, text.trim()));
    });
  });
}

/** Directories a Go build never reads: a sample's Node side and version control. */
const SKIPPED = new Set(['.git', 'node_modules', 'dist', 'coverage', '.nyc_output']);
/** The files a Go build reads: sources, the module files, and everything vendored. */
const BUILD_INPUT = /(\.go|\.s|\.c|\.h|^go\.mod|^go\.sum)$/;

/** SHA-256 over what `go build` reads in the package directory (paths and contents). */
function contentHash(dir: string): string {
  const hash = createHash('sha256');
  const walk = (current: string, vendored: boolean): void => {
    for (const entry of readdirSync(current, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : 1))) {
      if (SKIPPED.has(entry.name)) continue;
      const path = join(current, entry.name);
      if (entry.isDirectory()) walk(path, vendored || entry.name === 'vendor');
      else if (entry.isFile() && (vendored || BUILD_INPUT.test(entry.name))) {
        hash.update(relative(dir, path)).update('\0').update(readFileSync(path)).update('\0');
      }
    }
  };
  walk(dir, false);
  return hash.digest('hex').slice(0, 32);
}

function defaultLog(line: string): void {
  process.stderr.write(`[fabric-testkit] ${line}\n`);
}
