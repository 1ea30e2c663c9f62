/**
 * `fabric-testkit images`: make sure the Fabric images for the pinned versions exist locally (present, pulled,
 * or built from source: Fabric's release archive or Go module), and with `--couchdb` the CouchDB image too, printing
 * each step and a summary line.
 */
import type { Command } from 'commander';
import {
  COUCHDB_SOURCE_ENV,
  ensureCouchDbImage,
  ensureImages,
  formatProgress,
  formatSeconds,
  resolveVersions,
  type EnsureCouchDbImageOptions,
  type EnsureCouchDbImageResult,
  type EnsureImagesOptions,
  type EnsureImagesResult,
} from '@fabric-testkit/images';

/** What the command's action needs; tests replace `ensure` and `write`. */
export interface ImagesCommandDeps {
  readonly ensure: (options: EnsureImagesOptions) => Promise<EnsureImagesResult>;
  readonly write: (line: string) => void;
  /** Makes sure the CouchDB image exists (with `--couchdb`); default `ensureCouchDbImage`. */
  readonly ensureCouchDb?: (options: EnsureCouchDbImageOptions) => Promise<EnsureCouchDbImageResult>;
}

const defaultDeps: ImagesCommandDeps = {
  ensure: ensureImages,
  ensureCouchDb: ensureCouchDbImage,
  write: (line) => process.stdout.write(`${line}\n`),
};

interface ImagesFlags {
  fabric?: string;
  ca?: string;
  pull: boolean;
  rebuild?: boolean;
  pullTimeout: string;
  fabricSource?: string;
  couchdb?: boolean;
  couchdbSource?: string;
}

/** Registers `images` on the program. */
export function registerImagesCommand(program: Command, deps: ImagesCommandDeps = defaultDeps): void {
  program
    .command('images')
    .description(
      'Make sure the Fabric images (peer, orderer, tools, ca) exist locally: present, else pulled, ' +
        "else built from source (Fabric's release archive with --fabric-source, or its Go module for 2.5.0); " +
        "with --couchdb also couchdb:3.4.3 (built from CouchDB's source archive with --couchdb-source).",
    )
    .option('--fabric <version>', 'Fabric version: 2.5, 3.1 or a pinned tag (env FABRIC_TESTKIT_FABRIC_VERSION)')
    .option('--ca <version>', 'Fabric CA version: 1.5 or a pinned tag (env FABRIC_TESTKIT_CA_VERSION)')
    .option('--no-pull', 'do not try to pull missing images; build them')
    .option('--rebuild', 'build the images from source even if they exist (recompiles the binaries)')
    .option('--pull-timeout <seconds>', 'how long one pull may take', '30')
    .option(
      '--fabric-source <dir>',
      'directory with Fabric release source (fabric-vX.Y.Z.tar.gz or its tree) to build from (env FABRIC_TESTKIT_FABRIC_SOURCE)',
    )
    .option('--couchdb', "also make sure the CouchDB image (couchdb:3.4.3, the peers' state database) exists")
    .option(
      '--couchdb-source <dir>',
      `directory with CouchDB's source archive (couchdb-3.4.3-with-deps.tar.gz) to build from; implies --couchdb (env ${COUCHDB_SOURCE_ENV})`,
    )
    .action(async (flags: ImagesFlags) => {
      await runImagesCommand(flags, deps);
    });
}

/** The action of `fabric-testkit images`. */
export async function runImagesCommand(flags: ImagesFlags, deps: ImagesCommandDeps): Promise<EnsureImagesResult> {
  const pullTimeoutMs = Number(flags.pullTimeout) * 1000;
  if (!Number.isFinite(pullTimeoutMs) || pullTimeoutMs <= 0) {
    throw new Error(`--pull-timeout must be a positive number of seconds, not ${flags.pullTimeout}`);
  }
  // An unpinned --fabric / --ca (or environment variable) fails here, before anything is printed or asked of Docker.
  resolveVersions({ fabric: flags.fabric, ca: flags.ca });
  deps.write('[images] making sure the Fabric images exist (present locally, else pulled, else built from source)');
  const result = await deps.ensure({
    fabric: flags.fabric,
    ca: flags.ca,
    pull: flags.pull,
    rebuild: flags.rebuild === true,
    pullTimeoutMs,
    onProgress: (event) => deps.write(`[images] ${formatProgress(event)}`),
    ...(flags.fabricSource === undefined ? {} : { fabricSource: flags.fabricSource }),
  });
  deps.write(`[images] ${summaryLine(result)}`);
  if (flags.couchdb === true || flags.couchdbSource !== undefined) {
    const couchdb = await (deps.ensureCouchDb ?? ensureCouchDbImage)({
      pull: flags.pull,
      rebuild: flags.rebuild === true,
      pullTimeoutMs,
      onProgress: (event) => deps.write(`[images] ${formatProgress(event)}`),
      ...(flags.couchdbSource === undefined ? {} : { source: flags.couchdbSource }),
    });
    deps.write(`[images] ${couchdb.ref}: ${couchdb.outcome} (took ${formatSeconds(couchdb.elapsedMs)})`);
  }
  return result;
}

/** One line: the versions, how many images were present, pulled and built, and the time taken. */
export function summaryLine(result: EnsureImagesResult): string {
  const count = (outcome: string): number => result.images.filter((image) => image.outcome === outcome).length;
  const present = count('present');
  const what =
    present === result.images.length
      ? `all ${present} images present, nothing to build`
      : `${present} present, ${count('pulled')} pulled, ${count('built')} built`;
  return (
    `Fabric ${result.versions.fabric.tag} / Fabric CA ${result.versions.ca.tag}: ${what} ` +
    `(took ${formatSeconds(result.elapsedMs)})`
  );
}
