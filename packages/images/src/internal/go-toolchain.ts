import { chmod, cp, mkdtemp, readdir, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { GoProxyUnreachableError, ImageBuildError, MissingToolError, ModuleNotServedError } from '../errors';
import { outputTail, type RunResult, type Runner } from './run';

/** Environment variable naming the go command to use (default: `go` on PATH). */
export const GO_COMMAND_ENV = 'FABRIC_TESTKIT_GO';

const NO_GO =
  'install Go (https://go.dev/dl/, 1.21 or newer; it fetches the toolchain the modules ask for) and put it on ' +
  `PATH, or set ${GO_COMMAND_ENV} to the go command.`;

/** How to compile one main package. */
export interface CompileRequest {
  /** Module directory to build in. */
  readonly dir: string;
  /** Package path relative to `dir`, for example `./cmd/peer`. */
  readonly pkg: string;
  readonly output: string;
  readonly cgo: boolean;
  readonly tags?: readonly string[];
  readonly ldflags?: string;
  /**
   * `mod`: a module zip that ships vendor/modules.txt without the vendored code (dependencies through the proxy).
   * `vendor`: a release tree with its complete vendor/ (offline: the proxy is turned off for this build).
   */
  readonly mod?: 'mod' | 'vendor';
}

/** The go command: module downloads and static builds, with errors that name the missing piece. */
export class GoToolchain {
  private versionText: string | undefined;

  constructor(
    private readonly run: Runner,
    private readonly go: string = process.env[GO_COMMAND_ENV] ?? 'go',
  ) {}

  /** `go version` output, for example `go version go1.26.8 linux/amd64`; throws when there is no go. */
  async version(): Promise<string> {
    if (this.versionText !== undefined) return this.versionText;
    const result = await this.run(this.go, ['version'], { env: this.env(false) });
    if (result.notFound || result.code !== 0) throw new MissingToolError(this.go, NO_GO);
    this.versionText = result.stdout.trim();
    return this.versionText;
  }

  /** Downloads `module@version` through the module proxy and resolves to its (read-only) directory. */
  async download(module: string, version: string): Promise<string> {
    await this.version();
    const scratch = await mkdtemp(join(tmpdir(), 'fabric-testkit-gomod-'));
    try {
      const result = await this.run(this.go, ['mod', 'download', '-json', `${module}@${version}`], {
        cwd: scratch,
        env: this.env(false),
      });
      const info = parseDownload(result.stdout);
      if (result.code !== 0 || info.Dir === undefined) {
        throw await this.downloadError(`${module}@${version}`, info.Error ?? outputTail(result));
      }
      return info.Dir;
    } finally {
      await rm(scratch, { recursive: true, force: true });
    }
  }

  /**
   * Copies a downloaded module to a writable directory under `parent` (the module cache is read-only, and
   * `go build -mod=mod` may update go.mod/go.sum) and downloads its dependencies there.
   */
  async prepare(moduleDir: string, parent: string, moduleVersion: string): Promise<string> {
    const dir = join(parent, 'src');
    await cp(moduleDir, dir, { recursive: true });
    await makeWritable(dir);
    const result = await this.run(this.go, ['mod', 'download'], { cwd: dir, env: this.env(false) });
    if (result.code !== 0) throw await this.downloadError(`the dependencies of ${moduleVersion}`, outputTail(result));
    return dir;
  }

  /** Runs `go test` on the packages of a module (used for our own ccaas builder, as Fabric's Makefile does). */
  async test(dir: string, packages: readonly string[]): Promise<void> {
    const result = await this.run(this.go, ['test', ...packages], { cwd: dir, env: this.env(false) });
    if (result.code !== 0) throw new ImageBuildError(`go test ${packages.join(' ')}`, outputTail(result));
  }

  /** Compiles one main package to `output`. */
  async compile(request: CompileRequest): Promise<void> {
    // -trimpath: no temporary build paths in the binaries, and the build cache is reused across runs.
    const args = ['build', '-buildvcs=false', '-trimpath', '-o', request.output];
    if (request.mod !== undefined) args.push(`-mod=${request.mod}`);
    if (request.tags !== undefined && request.tags.length > 0) args.push('-tags', request.tags.join(' '));
    if (request.ldflags !== undefined) args.push('-ldflags', request.ldflags);
    args.push(request.pkg);
    const env = { ...this.env(request.cgo), ...(request.mod === 'vendor' ? { GOPROXY: 'off' } : {}) };
    const result = await this.run(this.go, args, { cwd: request.dir, env });
    if (result.code !== 0) {
      if (looksLikeNetworkFailure(result))
        throw await this.downloadError(`packages of ${request.pkg}`, outputTail(result));
      throw new ImageBuildError(`go build ${request.pkg}`, outputTail(result));
    }
  }

  private env(cgo: boolean): NodeJS.ProcessEnv {
    const goflags = [process.env.GOFLAGS ?? '', '-buildvcs=false'].join(' ').trim();
    return { ...process.env, CGO_ENABLED: cgo ? '1' : '0', GOFLAGS: goflags };
  }

  private async downloadError(what: string, output: string): Promise<Error> {
    const proxy = await this.run(this.go, ['env', 'GOPROXY'], { env: this.env(false) });
    return classifyGoFailure(what, proxy.stdout.trim() || 'unknown', output);
  }
}

interface DownloadInfo {
  Dir?: string;
  Error?: string;
}

function parseDownload(stdout: string): DownloadInfo {
  try {
    const parsed: unknown = JSON.parse(stdout);
    if (parsed === null || typeof parsed !== 'object') return {};
    const info: DownloadInfo = {};
    if ('Dir' in parsed && typeof parsed.Dir === 'string') info.Dir = parsed.Dir;
    if ('Error' in parsed && typeof parsed.Error === 'string') info.Error = parsed.Error;
    return info;
  } catch {
    return {};
  }
}

const NOT_SERVED = /\b(403|404|410)\b|not available|unknown revision|invalid version|not found: /i;
const UNREACHABLE =
  /dial tcp|no such host|connection refused|i\/o timeout|network is unreachable|TLS handshake timeout|proxyconnect|server misbehaving|connection reset/i;

function looksLikeNetworkFailure(result: RunResult): boolean {
  return (
    UNREACHABLE.test(result.stderr) ||
    (NOT_SERVED.test(result.stderr) && /go: downloading|verifying/.test(result.stderr))
  );
}

/**
 * Turns go's output for a failed download into the error that names the cause: the proxy cannot be reached
 * ({@link GoProxyUnreachableError}) or it refuses the version ({@link ModuleNotServedError}).
 */
export function classifyGoFailure(what: string, goproxy: string, output: string): Error {
  if (UNREACHABLE.test(output)) return new GoProxyUnreachableError(what, goproxy, output);
  if (NOT_SERVED.test(output)) return new ModuleNotServedError(what, goproxy, output);
  return new ImageBuildError(`go mod download ${what}`, output);
}

async function makeWritable(path: string): Promise<void> {
  const info = await stat(path);
  await chmod(path, info.mode | 0o200 | (info.isDirectory() ? 0o100 : 0));
  if (!info.isDirectory()) return;
  for (const entry of await readdir(path)) await makeWritable(join(path, entry));
}
