/**
 * The errors `ensureImages` throws. Each names the missing piece and what to do about it; all extend
 * {@link FabricImagesError}, so callers can use {@link isFabricImagesError} instead of `instanceof` chains.
 */

/** Base class of every error of this package. */
export class FabricImagesError extends Error {
  override readonly name: string = 'FabricImagesError';

  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
  }
}

/** Type guard for errors thrown by this package. */
export function isFabricImagesError(error: unknown): error is FabricImagesError {
  return error instanceof FabricImagesError;
}

/** A version was asked for that the pin file does not list. */
export class UnknownVersionError extends FabricImagesError {
  override readonly name = 'UnknownVersionError';

  constructor(
    /** `Fabric` or `Fabric CA`. */
    readonly product: string,
    /** The version asked for. */
    readonly requested: string,
    /** The tags that are pinned. */
    readonly pinned: readonly string[],
    /** The environment variable the version came from; undefined when it was an option. */
    readonly fromEnv?: string,
  ) {
    const line = /^\d+\.\d+/.exec(pinned[0] ?? '')?.[0] ?? '2.5';
    const choices = `${pinned.join(', ')} (or a line such as ${line})`;
    super(
      fromEnv === undefined
        ? `${product} version ${requested} is not pinned; pick one of ${choices}.`
        : `${product} version ${requested} (from ${fromEnv}) is not pinned; set ${fromEnv} to one of ${choices}, ` +
            'or unset it for the default.',
    );
  }
}

/** No Docker engine answers (or the docker client is not installed). */
export class DockerEngineUnavailableError extends FabricImagesError {
  override readonly name = 'DockerEngineUnavailableError';

  constructor(detail: string, options?: { cause?: unknown }) {
    super(
      `No Docker engine answers (${detail}). Start Docker, or run scripts/ensure-docker.sh as root ` +
        '(it installs and starts dockerd on Debian/Ubuntu), then try again.',
      options,
    );
  }
}

/** A tool the build needs is not installed (go, gcc, debootstrap, tar, Erlang and rebar for CouchDB). */
export class MissingToolError extends FabricImagesError {
  override readonly name = 'MissingToolError';

  constructor(
    /** The command that was not found. */
    readonly tool: string,
    /** What to do about it. */
    readonly remedy: string,
  ) {
    super(`${tool} was not found, and building the images needs it: ${remedy}`);
  }
}

/** The Go module proxy cannot be reached (no network, a proxy down, DNS). */
export class GoProxyUnreachableError extends FabricImagesError {
  override readonly name = 'GoProxyUnreachableError';

  constructor(
    /** `MODULE@VERSION` that was being downloaded. */
    readonly moduleVersion: string,
    /** The proxy setting in effect (`go env GOPROXY`). */
    readonly goproxy: string,
    /** The last lines of go's output. */
    readonly output: string,
  ) {
    super(
      `Cannot reach the Go module proxy (GOPROXY=${goproxy}) to download ${moduleVersion}. Check the network ` +
        `or set GOPROXY to a proxy you can reach, or pull the images where a registry can be reached.\n${output}`,
    );
  }
}

/** The Go module proxy answers but does not serve the pinned module version. */
export class ModuleNotServedError extends FabricImagesError {
  override readonly name = 'ModuleNotServedError';

  constructor(
    /** `MODULE@VERSION` that was refused. */
    readonly moduleVersion: string,
    /** The proxy setting in effect (`go env GOPROXY`). */
    readonly goproxy: string,
    /** The last lines of go's output. */
    readonly output: string,
  ) {
    super(
      `The Go module proxy (GOPROXY=${goproxy}) does not serve ${moduleVersion}, so its images cannot be built ` +
        `here. Pick a pinned version it serves, or pull the images where a registry can be reached.\n${output}`,
    );
  }
}

/** An image is missing, could not be pulled, and cannot be built with what was given (no release source). */
export class ImageNotBuildableError extends FabricImagesError {
  override readonly name = 'ImageNotBuildableError';

  constructor(
    /** The image references that are missing. */
    readonly images: readonly string[],
    /** Why it cannot be built, and what would let it be. */
    readonly reason: string,
  ) {
    super(
      `${images.join(', ')} ${images.length === 1 ? 'is' : 'are'} not present and could not be pulled, ` +
        `and cannot be built: ${reason}.`,
    );
  }
}

/** The directory given as Fabric release source holds neither the release's archive nor its source tree. */
export class FabricSourceNotFoundError extends FabricImagesError {
  override readonly name = 'FabricSourceNotFoundError';

  constructor(
    /** The directory that was searched. */
    readonly directory: string,
    /** The archive that was looked for, for example `fabric-v3.1.5.tar.gz`. */
    readonly archive: string,
  ) {
    const tree = archive.replace(/\.tar\.gz$/, '');
    super(
      `${directory} holds neither ${archive} nor a Fabric source tree (${tree}/, or the directory itself with ` +
        "Fabric's Makefile). Point --fabric-source (or FABRIC_TESTKIT_FABRIC_SOURCE) at a directory with the " +
        'release archive, as `git archive` of the release tag with its vendor/ tree.',
    );
  }
}

/** Fabric release source was found but is not the pinned release (another version, or a changed archive). */
export class FabricSourceMismatchError extends FabricImagesError {
  override readonly name = 'FabricSourceMismatchError';

  constructor(
    /** The archive or tree that was checked. */
    readonly path: string,
    /** What was expected, for example `FABRIC_VER 2.5.16` or a SHA-256. */
    readonly expected: string,
    /** What was found. */
    readonly found: string,
  ) {
    super(
      `${path} is not the pinned Fabric release: expected ${expected}, found ${found}. Use the release's own ` +
        'archive (packages/images/src/versions.ts lists its checksum), or pick the version this source is.',
    );
  }
}

/** A step of the build failed: a compile (`go build`, CouchDB's `make release`), the base root file system, or `docker build`. */
export class ImageBuildError extends FabricImagesError {
  override readonly name = 'ImageBuildError';

  constructor(
    /** What was being done, for example `compile peer`. */
    readonly step: string,
    /** The last lines of the failing command's output. */
    readonly output: string,
    options?: { cause?: unknown },
  ) {
    super(`Building the images failed at "${step}".\n${output}`, options);
  }
}

/** The directory given as CouchDB source does not hold the pinned archive. */
export class CouchDbSourceNotFoundError extends FabricImagesError {
  override readonly name = 'CouchDbSourceNotFoundError';

  constructor(
    /** The directory that was searched. */
    readonly directory: string,
    /** The archive that was looked for, for example `couchdb-3.4.3-with-deps.tar.gz`. */
    readonly archive: string,
    /** The environment variable that names such a directory. */
    readonly env: string,
  ) {
    super(
      `${directory} does not hold ${archive}. Point --couchdb-source (or ${env}) at the directory with it: ` +
        "CouchDB's release tag with the dependencies its rebar.config.script names under src/, so it builds offline.",
    );
  }
}

/** The CouchDB source archive is not the pinned one (another release, a changed archive, or one without its deps). */
export class CouchDbSourceMismatchError extends FabricImagesError {
  override readonly name = 'CouchDbSourceMismatchError';

  constructor(
    /** The archive that was checked. */
    readonly path: string,
    /** What was expected, for example a SHA-256 or the dependencies under `src/`. */
    readonly expected: string,
    /** What was found. */
    readonly found: string,
  ) {
    super(
      `${path} is not the pinned CouchDB source: expected ${expected}, found ${found}. The archive must be ` +
        "CouchDB's release tag with the dependencies its rebar.config.script names under src/ (so that it builds " +
        'without the network), matching COUCHDB_PIN in packages/images/src/versions.ts.',
    );
  }
}
