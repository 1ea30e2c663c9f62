import type { DockerClient } from './docker-client';
import { defaultCacheDir, type EnsureOptions } from './ensure-images';
import { ImageNotBuildableError } from './errors';
import { CouchDbSourceBuilder, type CouchDbBuilder } from './internal/couchdb-builder';
import { DockerCli } from './internal/docker-cli';
import { checkPresent, tryPull, type ImageOutcome } from './internal/plan';
import { runCommand } from './internal/run';
import { COUCHDB_IMAGE, COUCHDB_PIN, COUCHDB_SOURCE_ENV } from './versions';

/** Options of {@link ensureCouchDbImage}; every one has a default. */
export interface EnsureCouchDbImageOptions extends EnsureOptions {
  /**
   * Directory holding CouchDB's source archive (`couchdb-3.4.3-with-deps.tar.gz`), needed to build the image where
   * it cannot be pulled. Default: `FABRIC_TESTKIT_COUCHDB_SOURCE`.
   */
  readonly source?: string;
}

/** What {@link ensureCouchDbImage} did. */
export interface EnsureCouchDbImageResult {
  /** `couchdb:3.4.3`, the official name, whether pulled or built. */
  readonly ref: string;
  readonly outcome: ImageOutcome;
  readonly elapsedMs: number;
}

/**
 * Makes sure the pinned CouchDB image (`couchdb:3.4.3`, the peers' state database) exists locally under its official
 * name: present → nothing to do; else `docker pull`; else built from CouchDB's source archive (`source`, or
 * `FABRIC_TESTKIT_COUCHDB_SOURCE`): checked against its pinned SHA-256, `make release` with the host's Erlang/OTP
 * (installed with apt-get as root when missing; the release is kept in the cache), then `docker build` on the local
 * minimal Debian base, behaving like the official image (`COUCHDB_USER` / `COUCHDB_PASSWORD`, data in
 * `/opt/couchdb/data`, port 5984).
 *
 * @throws {@link DockerEngineUnavailableError} when no engine answers; {@link ImageNotBuildableError} when the image
 * is missing, cannot be pulled and no source directory is given; {@link CouchDbSourceNotFoundError} /
 * {@link CouchDbSourceMismatchError} for a directory without the archive, or an archive that is not the pinned one;
 * {@link MissingToolError} when Erlang or rebar3 are missing and cannot be installed; {@link ImageBuildError} when
 * `make release` or `docker build` fails.
 * @example
 * ```ts
 * const { ref, outcome } = await ensureCouchDbImage({ source: '/work/shared/couchdb-src' });
 * // ref: 'couchdb:3.4.3', outcome: 'present' | 'pulled' | 'built'
 * ```
 */
export async function ensureCouchDbImage(options: EnsureCouchDbImageOptions = {}): Promise<EnsureCouchDbImageResult> {
  const docker = options.docker ?? new DockerCli();
  const builder = new CouchDbSourceBuilder({
    docker,
    run: runCommand,
    cacheDir: options.cacheDir ?? defaultCacheDir(),
    rebuild: options.rebuild ?? false,
    onProgress: options.onProgress ?? ((): void => undefined),
  });
  return ensureCouchDbImageWith(docker, builder, options);
}

/** {@link ensureCouchDbImage} with the builder supplied (for tests and for other build strategies). */
export async function ensureCouchDbImageWith(
  docker: DockerClient,
  builder: CouchDbBuilder,
  options: EnsureCouchDbImageOptions = {},
  env: NodeJS.ProcessEnv = process.env,
): Promise<EnsureCouchDbImageResult> {
  const started = Date.now();
  const how = {
    pull: options.pull ?? true,
    rebuild: options.rebuild ?? false,
    pullTimeoutMs: options.pullTimeoutMs ?? 30_000,
    onProgress: options.onProgress ?? ((): void => undefined),
  };
  const done = (outcome: ImageOutcome): EnsureCouchDbImageResult => ({
    ref: COUCHDB_IMAGE,
    outcome,
    elapsedMs: Date.now() - started,
  });
  await docker.ping();
  if (await checkPresent(docker, COUCHDB_IMAGE, how)) return done('present');
  if (await tryPull(docker, COUCHDB_IMAGE, how)) return done('pulled');
  const source = nonEmpty(options.source ?? env[COUCHDB_SOURCE_ENV]);
  if (source === undefined) {
    throw new ImageNotBuildableError(
      [COUCHDB_IMAGE],
      `it is built from CouchDB's source: pass --couchdb-source DIR (or set ${COUCHDB_SOURCE_ENV}=DIR) with DIR ` +
        `holding ${COUCHDB_PIN.archive}, or pull or \`docker load\` ${COUCHDB_IMAGE} where a registry can be reached`,
    );
  }
  await builder.buildCouchDb(COUCHDB_PIN, source);
  return done('built');
}

function nonEmpty(value: string | undefined): string | undefined {
  return value === undefined || value.trim() === '' ? undefined : value;
}
