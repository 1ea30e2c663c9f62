/**
 * Builds the CouchDB image from CouchDB's source archive (the release tag with its dependencies under `src/`):
 * `make release` with the host's Erlang/OTP, kept in the build cache, then `docker build` on the local minimal Debian
 * base with the layout and entrypoint of the official image (github.com/apache/couchdb-docker, `3.4.3/`).
 */
import { chmod, copyFile, cp, mkdir, mkdtemp, rename, rm, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import type { DockerClient } from '../docker-client';
import { CouchDbSourceMismatchError, CouchDbSourceNotFoundError, ImageBuildError } from '../errors';
import { BUILD_LABELS } from '../images';
import type { ProgressListener } from '../progress';
import { COUCHDB_SOURCE_ENV, type CouchDbPin } from '../versions';
import type { AptArchive } from './apt-sources';
import { ensureBaseImage } from './base-image';
import { exists, fileSha256 } from './files';
import { buildImage } from './image-build';
import { outputTail, type Runner } from './run';
import { BUILD_ASSETS_DIR } from './source-builder';
import { commandPath, COUCHDB_BUILD_TOOLS, ensureTool } from './tools';

/** Builds the CouchDB image; `ensureCouchDbImage` calls it only when the image is missing and cannot be pulled. */
export interface CouchDbBuilder {
  /** Builds `couchdb:<pin.tag>` from the pinned archive in `sourceDir`. */
  buildCouchDb(pin: CouchDbPin, sourceDir: string): Promise<void>;
}

/** What the CouchDB builder needs. */
export interface CouchDbBuilderOptions {
  readonly docker: DockerClient;
  readonly run: Runner;
  /** The compiled release is kept in `<cacheDir>/couchdb-<tag>/release` and reused unless `rebuild`. */
  readonly cacheDir: string;
  readonly rebuild: boolean;
  readonly onProgress: ProgressListener;
  /** Where debootstrap gets packages from; default the machine's apt sources. */
  readonly aptArchive?: () => Promise<AptArchive | undefined>;
  /** At most one `running` report per this many milliseconds while compiling; default 30 000. */
  readonly heartbeatMs?: number;
}

/** CouchDB's own files of the image (entrypoint, ini, vm.args), copied from apache/couchdb-docker. */
const COUCHDB_ASSETS_DIR = join(BUILD_ASSETS_DIR, 'couchdb');
const ASSETS = ['docker-entrypoint.sh', '10-docker-default.ini', 'vm.args'];

/**
 * `configure` options of the recipe: no documentation or Fauxton (the web UI is not in the archive), QuickJS
 * (built from `src/`) instead of SpiderMonkey, which would be one more system library, and no PropEr (a test library
 * `configure` adds, to be cloned, in a git checkout, which the recipe's `git init` makes the tree look like).
 */
/** Files of the release tag the build needs (an archive made with .gitignore rules in effect lacks the last two). */
const TREE_FILES = ['configure', 'rel/reltool.config', 'bin/erlang-version.escript'];

const CONFIGURE_ARGS = [
  '--disable-docs',
  '--disable-fauxton',
  '--disable-spidermonkey',
  '--js-engine=quickjs',
  '--without-proper',
];

/**
 * Runtime packages the release needs that the minbase image lacks, found with `ldd` on its binaries in that image:
 * ICU (for the collation driver; whichever `libicuNN` the host's libicu-dev brought, as host and base share the
 * suite) and tini, which the official image runs as PID 1. libssl3, libtinfo6, zlib and the rest are in minbase.
 */
const RUNTIME_PACKAGES = ['tini'];

export class CouchDbSourceBuilder implements CouchDbBuilder {
  constructor(private readonly options: CouchDbBuilderOptions) {}

  async buildCouchDb(pin: CouchDbPin, sourceDir: string): Promise<void> {
    const { docker, run, onProgress } = this.options;
    const release = await this.compiledRelease(pin, sourceDir);
    const base = await ensureBaseImage(docker, run, onProgress, this.options.aptArchive);
    await buildImage(
      docker,
      {
        ref: `couchdb:${pin.tag}`,
        base,
        dockerfile: join(BUILD_ASSETS_DIR, 'docker', 'couchdb.Dockerfile'),
        buildArgs: { COUCHDB_VERSION: pin.tag },
        labels: couchDbLabels(pin, base),
        assemble: (context) => this.assemble(context, release),
      },
      onProgress,
    );
  }

  /** The release directory (`rel/couchdb` of a build), compiled now unless a complete one is in the cache. */
  private async compiledRelease(pin: CouchDbPin, sourceDir: string): Promise<string> {
    const { cacheDir, rebuild, run, onProgress } = this.options;
    const dir = join(cacheDir, `couchdb-${pin.tag}`);
    const release = join(dir, 'release');
    const subject = `couchdb ${pin.tag}`;
    if (!rebuild && (await exists(join(release, 'bin', 'couchdb')))) {
      onProgress({ step: 'compile', status: 'skipped', subject, detail: `compiled before, in ${release}` });
      return release;
    }
    const archive = join(resolve(sourceDir), pin.archive);
    if (!(await exists(archive)))
      throw new CouchDbSourceNotFoundError(resolve(sourceDir), pin.archive, COUCHDB_SOURCE_ENV);
    await ensureTool(run, COUCHDB_BUILD_TOOLS, onProgress);
    // Build in a scratch directory beside the cache entry and rename the result into place, so an interrupted build
    // never leaves a release that looks complete.
    await mkdir(dir, { recursive: true });
    const scratch = await mkdtemp(join(dir, '.build-'));
    try {
      const tree = await this.unpack(pin, archive, scratch);
      await this.prepare(pin, tree);
      await this.compile(subject, tree);
      await rm(release, { recursive: true, force: true });
      await rename(join(tree, 'rel', 'couchdb'), release);
    } finally {
      await rm(scratch, { recursive: true, force: true });
    }
    return release;
  }

  /** Checks the archive's SHA-256, then unpacks it; resolves to its top folder `couchdb-<tag>/`. */
  private async unpack(pin: CouchDbPin, archive: string, scratch: string): Promise<string> {
    const { run, onProgress } = this.options;
    onProgress({ step: 'unpack', status: 'start', subject: pin.archive, detail: 'checking its SHA-256' });
    const started = Date.now();
    const sha256 = await fileSha256(archive);
    if (sha256 !== pin.sha256)
      throw new CouchDbSourceMismatchError(archive, `SHA-256 ${pin.sha256}`, `SHA-256 ${sha256}`);
    const result = await run('tar', ['-xzf', archive, '-C', scratch]);
    if (result.code !== 0) throw new ImageBuildError(`unpack ${pin.archive}`, outputTail(result));
    const tree = join(scratch, `couchdb-${pin.tag}`);
    const wanted = [...TREE_FILES, ...pin.dependencies.map((dependency) => `src/${dependency}`)];
    const missing: string[] = [];
    for (const path of wanted) if (!(await exists(join(tree, path)))) missing.push(path);
    if (missing.length > 0) {
      const expected = `couchdb-${pin.tag}/ with ${TREE_FILES.join(', ')} and its dependencies under src/ (${pin.dependencies.join(', ')})`;
      throw new CouchDbSourceMismatchError(archive, expected, `no ${missing.join(', ')}`);
    }
    onProgress({ step: 'unpack', status: 'done', subject: pin.archive, elapsedMs: Date.now() - started });
    return tree;
  }

  /**
   * The recipe's preparation (shared/couchdb-src/README.md): `configure` would download rebar, rebar3 and erlfmt, so
   * the host's rebar and rebar3 are used and erlfmt (a formatter) is a no-op; the build runs `git describe`, so the
   * tree becomes a repository tagged with the release; Fauxton's folder must exist even with Fauxton disabled.
   */
  private async prepare(pin: CouchDbPin, tree: string): Promise<void> {
    const { run } = this.options;
    await mkdir(join(tree, 'bin'), { recursive: true });
    for (const tool of ['rebar', 'rebar3']) {
      const path = await commandPath(run, tool);
      if (path === undefined) throw new ImageBuildError(`find ${tool}`, `${tool} is not on PATH`);
      await copyFile(path, join(tree, 'bin', tool));
      await chmod(join(tree, 'bin', tool), 0o755);
    }
    await writeFile(join(tree, 'bin', 'erlfmt'), '#!/bin/sh\nexit 0\n', { mode: 0o755 });
    await mkdir(join(tree, 'src', 'fauxton'), { recursive: true });
    const git = ['-c', 'user.name=fabric-testkit', '-c', 'user.email=fabric-testkit@localhost'];
    const steps: [string, string[]][] = [
      ['git', ['init', '-q']],
      ['git', ['add', '-A']],
      ['git', [...git, '-c', 'commit.gpgsign=false', 'commit', '-qm', pin.tag]],
      ['git', ['tag', pin.tag]],
    ];
    for (const [command, args] of steps) {
      const result = await run(command, args, { cwd: tree });
      if (result.code !== 0) throw new ImageBuildError(`${command} ${args.join(' ')}`, outputTail(result));
    }
  }

  /** `./configure` and `make release`, reporting a heartbeat with the latest output line while it runs. */
  private async compile(subject: string, tree: string): Promise<void> {
    const { run, onProgress } = this.options;
    const heartbeatMs = this.options.heartbeatMs ?? 30_000;
    onProgress({
      step: 'compile',
      status: 'start',
      subject,
      detail: `configure ${CONFIGURE_ARGS.join(' ')}; make release`,
    });
    const started = Date.now();
    let lastBeat = started;
    const onLine = (line: string): void => {
      const now = Date.now();
      if (now - lastBeat < heartbeatMs || line.trim() === '') return;
      lastBeat = now;
      onProgress({
        step: 'compile',
        status: 'running',
        subject,
        elapsedMs: now - started,
        detail: line.trim().slice(0, 120),
      });
    };
    for (const [command, args] of [
      ['./configure', CONFIGURE_ARGS],
      ['make', ['release']],
    ] as const) {
      const result = await run(command, args, { cwd: tree, onLine });
      if (result.code !== 0) {
        onProgress({ step: 'compile', status: 'failed', subject, elapsedMs: Date.now() - started });
        throw new ImageBuildError(`${command} ${args.join(' ')} (CouchDB)`, outputTail(result, 30));
      }
    }
    onProgress({ step: 'compile', status: 'done', subject, elapsedMs: Date.now() - started });
  }

  /** The build context: `couchdb/` (the release), `debs/` (runtime packages), and the official image's files. */
  private async assemble(context: string, release: string): Promise<void> {
    await cp(release, join(context, 'couchdb'), { recursive: true, verbatimSymlinks: true });
    for (const file of ASSETS) await cp(join(COUCHDB_ASSETS_DIR, file), join(context, file));
    await this.downloadRuntimePackages(join(context, 'debs'));
  }

  /** `apt-get download`s the runtime packages from the host's apt sources (refreshing its lists once if need be). */
  private async downloadRuntimePackages(target: string): Promise<void> {
    const { run, onProgress } = this.options;
    const packages = [await this.icuPackage(), ...RUNTIME_PACKAGES];
    const subject = packages.join(' ');
    onProgress({ step: 'download', status: 'start', subject, detail: 'apt-get download (runtime libraries)' });
    const started = Date.now();
    await mkdir(target, { recursive: true });
    let result = await run('apt-get', ['download', ...packages], { cwd: target });
    if (result.code !== 0) {
      const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
      const update = await run('apt-get', ['update', '-qq'], { env });
      result = update.code === 0 ? await run('apt-get', ['download', ...packages], { cwd: target }) : update;
    }
    if (result.code !== 0) throw new ImageBuildError(`apt-get download ${subject}`, outputTail(result));
    onProgress({ step: 'download', status: 'done', subject, elapsedMs: Date.now() - started });
  }

  /** The installed ICU runtime package (`libicu72` on bookworm), which libicu-dev depends on. */
  private async icuPackage(): Promise<string> {
    const result = await this.options.run('dpkg-query', ['-W', '-f', '${Package} ${db:Status-Status}\\n', 'libicu*']);
    const found = result.stdout
      .split('\n')
      .map((line) => line.trim().split(' '))
      .find(([name, status]) => /^libicu\d+$/.test(name ?? '') && status === 'installed')?.[0];
    if (found === undefined) {
      throw new ImageBuildError(
        'find the ICU runtime package',
        `no libicuNN package is installed:\n${outputTail(result)}`,
      );
    }
    return found;
  }
}

/** OCI labels like the official images', plus where this build came from (as on the Fabric images). */
export function couchDbLabels(pin: CouchDbPin, base: string): Record<string, string> {
  return {
    'org.opencontainers.image.title': 'couchdb',
    'org.opencontainers.image.description': `Apache CouchDB ${pin.tag}, built from source archive ${pin.archive}`,
    [BUILD_LABELS.version]: pin.tag,
    [BUILD_LABELS.revision]: pin.commit,
    'org.opencontainers.image.source': 'https://github.com/apache/couchdb',
    'org.opencontainers.image.licenses': 'Apache-2.0',
    'org.opencontainers.image.base.name': base,
    [BUILD_LABELS.builtFrom]: 'source-archive',
    [BUILD_LABELS.source]: pin.archive,
  };
}
