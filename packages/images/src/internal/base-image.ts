import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { DockerClient } from '../docker-client';
import { ImageBuildError } from '../errors';
import type { ProgressListener } from '../progress';
import { findAptArchive, MIRROR_ENV, SUITE_ENV, type AptArchive } from './apt-sources';
import { outputTail, type Runner } from './run';
import { DEBOOTSTRAP, ensureTool } from './tools';

/** Packages added to minbase: tzdata as in every official image, curl and jq as in fabric-tools. */
const EXTRA_PACKAGES = ['tzdata', 'curl', 'jq'];
/** Removed from the root file system after debootstrap: package caches, docs and translations. */
const TRIM = ['var/cache/apt/archives', 'var/lib/apt/lists', 'usr/share/doc', 'usr/share/man', 'usr/share/locale'];

/** The local base image for a suite, for example `fabric-testkit/debian-minbase:bookworm`. */
export function baseImageRef(suite: string): string {
  return `fabric-testkit/debian-minbase:${suite}`;
}

/**
 * Makes sure the local base image exists: a `debootstrap --variant=minbase` root file system of the machine's
 * own distribution, imported once and kept. It gives built images a shell and coreutils, like the official
 * Ubuntu-based images. Resolves to its reference.
 */
export async function ensureBaseImage(
  docker: DockerClient,
  run: Runner,
  onProgress: ProgressListener,
  archiveLookup: () => Promise<AptArchive | undefined> = () => findAptArchive(),
): Promise<string> {
  const archive = await archiveLookup();
  if (archive === undefined) {
    throw new ImageBuildError(
      'base image',
      `No Debian or Ubuntu archive found in /etc/apt/sources.list(.d); set ${MIRROR_ENV} and ${SUITE_ENV}.`,
    );
  }
  const ref = baseImageRef(archive.suite);
  if (await docker.hasImage(ref)) {
    onProgress({ step: 'base-image', status: 'skipped', subject: ref, detail: 'present locally' });
    return ref;
  }
  if (process.getuid?.() !== 0) {
    throw new ImageBuildError('base image', `debootstrap needs root to make ${ref}; run as root (as CI does).`);
  }
  await ensureTool(run, DEBOOTSTRAP, onProgress);
  onProgress({
    step: 'base-image',
    status: 'start',
    subject: ref,
    detail: `debootstrap --variant=minbase ${archive.suite}`,
  });
  const started = Date.now();
  const work = await mkdtemp(join(tmpdir(), 'fabric-testkit-rootfs-'));
  try {
    const rootfs = join(work, 'rootfs');
    const args = ['--variant=minbase', `--include=${EXTRA_PACKAGES.join(',')}`, archive.suite, rootfs, archive.mirror];
    const boot = await run('debootstrap', args);
    if (boot.code !== 0) throw new ImageBuildError(`debootstrap ${archive.suite}`, outputTail(boot));
    for (const path of TRIM) {
      await rm(join(rootfs, path), { recursive: true, force: true });
      await mkdir(join(rootfs, path, path.startsWith('var/') ? 'partial' : ''), { recursive: true });
    }
    const tarball = join(work, 'rootfs.tar');
    const tar = await run('tar', ['-C', rootfs, '--numeric-owner', '-cf', tarball, '.']);
    if (tar.code !== 0) throw new ImageBuildError('tar root file system', outputTail(tar));
    await docker.importRootFs(tarball, ref, [
      'CMD ["/bin/bash"]',
      'ENV PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin',
      `LABEL fabric-testkit.base=debootstrap-minbase-${archive.suite}`,
    ]);
  } finally {
    await rm(work, { recursive: true, force: true });
  }
  onProgress({ step: 'base-image', status: 'done', subject: ref, elapsedMs: Date.now() - started });
  return ref;
}
