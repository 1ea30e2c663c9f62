import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { DockerClient } from '../docker-client';
import type { ProgressListener } from '../progress';

/** One image to build: its Dockerfile, and how to fill a fresh build context. */
export interface ImageBuildRequest {
  readonly ref: string;
  /** The base image (`BASE_IMAGE` build argument). */
  readonly base: string;
  readonly dockerfile: string;
  readonly buildArgs: Readonly<Record<string, string>>;
  readonly labels: Readonly<Record<string, string>>;
  /** Writes the build context into the (empty, temporary) directory given. */
  assemble(context: string): Promise<void>;
}

/**
 * `docker build`s one image from a temporary context on the base image, reporting the `image-build` step. A rebuild
 * leaves the image it replaced untagged; that one is removed (docker refuses while a container uses it).
 */
export async function buildImage(
  docker: DockerClient,
  request: ImageBuildRequest,
  onProgress: ProgressListener,
): Promise<void> {
  const { ref, base } = request;
  onProgress({ step: 'image-build', status: 'start', subject: ref, detail: `on ${base}` });
  const started = Date.now();
  const previous = await docker.imageId(ref);
  const context = await mkdtemp(join(tmpdir(), 'fabric-testkit-context-'));
  try {
    await request.assemble(context);
    await docker.build({
      context,
      dockerfile: request.dockerfile,
      tags: [ref],
      buildArgs: { BASE_IMAGE: base, ...request.buildArgs },
      labels: request.labels,
    });
  } finally {
    await rm(context, { recursive: true, force: true });
  }
  const replaced = previous !== undefined && previous !== (await docker.imageId(ref));
  const removed = replaced && (await docker.removeImage(previous));
  const detail = removed ? `removed the image it replaced (${previous.slice(7, 19)})` : undefined;
  onProgress({ step: 'image-build', status: 'done', subject: ref, elapsedMs: Date.now() - started, detail });
}
