/**
 * Finds a Fabric release's source in the directory the user gave (`--fabric-source`, FABRIC_TESTKIT_FABRIC_SOURCE):
 * its archive, checked against the pinned SHA-256 and unpacked once into the build cache, or an unpacked tree,
 * checked against the release by its Makefile's `FABRIC_VER`.
 */
import { mkdir, mkdtemp, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { FabricSourceMismatchError, FabricSourceNotFoundError, ImageBuildError } from '../errors';
import type { ProgressListener } from '../progress';
import type { FabricPin, ReleaseSource } from '../versions';
import { exists, fileSha256, readOptional } from './files';
import { outputTail, type Runner } from './run';

/** Written into an unpacked tree: the checksum of the archive it came from. */
const UNPACKED_MARKER = '.fabric-testkit-archive-sha256';

export interface ReleaseTreeRequest {
  readonly pin: FabricPin & { readonly release: ReleaseSource };
  /** The directory the user named. */
  readonly sourceDir: string;
  /** Archives are unpacked under `<cacheDir>/source/`. */
  readonly cacheDir: string;
  readonly run: Runner;
  readonly onProgress: ProgressListener;
}

/** Resolves to the directory of the release's source tree (with `vendor/`), ready for `go build -mod=vendor`. */
export async function releaseTree(request: ReleaseTreeRequest): Promise<string> {
  const { pin, sourceDir } = request;
  const dir = resolve(sourceDir);
  const archive = join(dir, pin.release.archive);
  if (await exists(archive)) return unpackedArchive(request, archive);
  for (const tree of [join(dir, topFolder(pin.release)), dir]) {
    if (await exists(join(tree, 'Makefile'))) {
      await checkTreeVersion(tree, pin);
      return tree;
    }
  }
  throw new FabricSourceNotFoundError(dir, pin.release.archive);
}

/** `fabric-v2.5.16.tar.gz` holds `fabric-v2.5.16/`. */
function topFolder(release: ReleaseSource): string {
  return release.archive.replace(/\.tar\.gz$/, '');
}

async function unpackedArchive(request: ReleaseTreeRequest, archive: string): Promise<string> {
  const { pin, cacheDir, onProgress } = request;
  const target = join(cacheDir, 'source', topFolder(pin.release));
  const marker = join(target, UNPACKED_MARKER);
  if ((await readOptional(marker)) === pin.release.sha256) {
    onProgress({
      step: 'unpack',
      status: 'skipped',
      subject: pin.release.archive,
      detail: `unpacked before, in ${target}`,
    });
    return target;
  }
  onProgress({ step: 'unpack', status: 'start', subject: pin.release.archive, detail: 'checking its SHA-256' });
  const started = Date.now();
  const sha256 = await fileSha256(archive);
  if (sha256 !== pin.release.sha256) {
    throw new FabricSourceMismatchError(archive, `SHA-256 ${pin.release.sha256}`, `SHA-256 ${sha256}`);
  }
  // Unpack beside the target and rename, so an interrupted unpack never looks finished.
  await mkdir(join(cacheDir, 'source'), { recursive: true });
  const scratch = await mkdtemp(join(cacheDir, 'source', '.unpack-'));
  try {
    const result = await request.run('tar', ['-xzf', archive, '-C', scratch]);
    if (result.code !== 0) throw new ImageBuildError(`unpack ${pin.release.archive}`, outputTail(result));
    const unpacked = join(scratch, topFolder(pin.release));
    await checkTreeVersion(unpacked, pin);
    await writeFile(join(unpacked, UNPACKED_MARKER), pin.release.sha256);
    await rm(target, { recursive: true, force: true });
    await rename(unpacked, target);
  } finally {
    await rm(scratch, { recursive: true, force: true });
  }
  onProgress({ step: 'unpack', status: 'done', subject: pin.release.archive, elapsedMs: Date.now() - started });
  return target;
}

/** Fabric's Makefile names its release: `FABRIC_VER ?= 2.5.16`. */
async function checkTreeVersion(tree: string, pin: FabricPin): Promise<void> {
  const makefile = await readFile(join(tree, 'Makefile'), 'utf8');
  const found = /^FABRIC_VER\s*\?=\s*(\S+)/m.exec(makefile)?.[1];
  if (found !== pin.tag) {
    throw new FabricSourceMismatchError(
      tree,
      `FABRIC_VER ${pin.tag}`,
      found === undefined ? 'no FABRIC_VER' : `FABRIC_VER ${found}`,
    );
  }
  if (!(await exists(join(tree, 'vendor', 'modules.txt')))) {
    throw new FabricSourceMismatchError(tree, 'a vendor/ tree (vendor/modules.txt)', 'none: it would need the network');
  }
}
