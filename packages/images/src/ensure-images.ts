import { homedir } from 'node:os';
import { join } from 'node:path';
import type { DockerClient } from './docker-client';
import { IMAGE_COMPONENTS, type ImageComponent } from './images';
import { DockerCli } from './internal/docker-cli';
import { GoToolchain } from './internal/go-toolchain';
import { runPlan, type ImageBuilder, type ImageStatus } from './internal/plan';
import { runCommand } from './internal/run';
import { SourceImageBuilder } from './internal/source-builder';
import type { ProgressListener } from './progress';
import { FABRIC_SOURCE_ENV, resolveVersions, type ResolvedVersions, type VersionSelection } from './versions';

/** Environment variable that moves the build cache (default `$XDG_CACHE_HOME/fabric-testkit` or `~/.cache/…`). */
export const CACHE_DIR_ENV = 'FABRIC_TESTKIT_CACHE_DIR';

/** Options of {@link ensureImages} and `ensureCouchDbImage`: how images are found, pulled and built. */
export interface EnsureOptions {
  /** Try `docker pull` before building; default `true`. */
  readonly pull?: boolean;
  /** Build even when the images exist (no pull), recompiling the binaries; default `false`. */
  readonly rebuild?: boolean;
  /** How long one pull may take before it counts as failed; default 30 000 ms. */
  readonly pullTimeoutMs?: number;
  /** Where compiled binaries are kept between runs; default {@link defaultCacheDir}. */
  readonly cacheDir?: string;
  /** Receives a report for each step (check, pull, install, download, unpack, compile, base image, image build). */
  readonly onProgress?: ProgressListener;
  /** The engine to use; default the `docker` command line. */
  readonly docker?: DockerClient;
}

/** Options of {@link ensureImages}; every one has a default. */
export interface EnsureImagesOptions extends VersionSelection, EnsureOptions {
  /** Which images; default all four (peer, orderer, tools, ca). */
  readonly components?: readonly ImageComponent[];
  /**
   * Directory with Fabric release source: `fabric-vX.Y.Z.tar.gz` archives or an unpacked tree, needed to build
   * 2.5.16 and 3.1.5 where they cannot be pulled. Default: `FABRIC_TESTKIT_FABRIC_SOURCE`.
   */
  readonly fabricSource?: string;
}

/** What {@link ensureImages} did. */
export interface EnsureImagesResult {
  readonly versions: ResolvedVersions;
  /** Each image with how it came to be present. */
  readonly images: readonly ImageStatus[];
  readonly elapsedMs: number;
}

/** The default build cache directory. */
export function defaultCacheDir(env: NodeJS.ProcessEnv = process.env): string {
  const override = env[CACHE_DIR_ENV];
  if (override !== undefined && override !== '') return override;
  const xdg = env.XDG_CACHE_HOME;
  return join(xdg !== undefined && xdg !== '' ? xdg : join(homedir(), '.cache'), 'fabric-testkit', 'images');
}

/**
 * Makes sure the Fabric images for the pinned versions exist locally under their official names: present
 * images are left alone, missing ones are pulled, and what cannot be pulled is built from source: Fabric's release
 * archive (2.5.16, 3.1.5; see `fabricSource`) or Go module (2.5.0, Fabric CA).
 *
 * @throws {@link DockerEngineUnavailableError} when no engine answers; {@link MissingToolError} (no Go, gcc or
 * debootstrap); {@link GoProxyUnreachableError} / {@link ModuleNotServedError} when the module cannot be downloaded;
 * {@link ImageNotBuildableError} for a release pin without its source; {@link FabricSourceNotFoundError} /
 * {@link FabricSourceMismatchError} for source that is missing or not the pinned release; {@link ImageBuildError} when a
 * compile or `docker build` fails.
 * @example
 * ```ts
 * const { images } = await ensureImages({ onProgress: (e) => console.log(formatProgress(e)) });
 * images.map((i) => `${i.ref}: ${i.outcome}`); // ['hyperledger/fabric-peer:2.5.16: present', ...]
 * ```
 */
export async function ensureImages(options: EnsureImagesOptions = {}): Promise<EnsureImagesResult> {
  const docker = options.docker ?? new DockerCli();
  const onProgress = options.onProgress ?? ((): void => undefined);
  const fabricSource = fabricSourceOf(options);
  const builder = new SourceImageBuilder({
    docker,
    go: new GoToolchain(runCommand),
    run: runCommand,
    cacheDir: options.cacheDir ?? defaultCacheDir(),
    rebuild: options.rebuild ?? false,
    onProgress,
    ...(fabricSource === undefined ? {} : { fabricSource }),
  });
  return ensureImagesWith(docker, builder, options);
}

/** {@link ensureImages} with the builder supplied (for tests and for other build strategies). */
export async function ensureImagesWith(
  docker: DockerClient,
  builder: ImageBuilder,
  options: EnsureImagesOptions = {},
): Promise<EnsureImagesResult> {
  const started = Date.now();
  const versions = resolveVersions(options);
  const fabricSource = fabricSourceOf(options);
  await docker.ping();
  const images = await runPlan(docker, builder, versions, {
    components: options.components ?? IMAGE_COMPONENTS,
    pull: options.pull ?? true,
    rebuild: options.rebuild ?? false,
    pullTimeoutMs: options.pullTimeoutMs ?? 30_000,
    onProgress: options.onProgress ?? ((): void => undefined),
    ...(fabricSource === undefined ? {} : { fabricSource }),
  });
  return { versions, images, elapsedMs: Date.now() - started };
}

/** The release source directory: the option, else `FABRIC_TESTKIT_FABRIC_SOURCE`, else none. */
function fabricSourceOf(options: EnsureImagesOptions, env: NodeJS.ProcessEnv = process.env): string | undefined {
  const given = options.fabricSource ?? env[FABRIC_SOURCE_ENV];
  return given === undefined || given.trim() === '' ? undefined : given;
}
