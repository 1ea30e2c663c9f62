import type { DockerClient } from '../docker-client';
import { ImageNotBuildableError } from '../errors';
import { IMAGE_COMPONENTS, imageRef, type ImageComponent } from '../images';
import type { ProgressListener } from '../progress';
import type { FabricCaPin, FabricPin, ResolvedVersions } from '../versions';
import { releaseSourceNeeded } from './release-needs';

/** How an image came to be present. */
export type ImageOutcome = 'present' | 'pulled' | 'built';

/** One image after `ensureImages`. */
export interface ImageStatus {
  readonly component: ImageComponent;
  /** The official reference, for example `hyperledger/fabric-peer:2.5.16`. */
  readonly ref: string;
  readonly outcome: ImageOutcome;
}

/** A Fabric component that is built from the Fabric module. */
export type FabricComponent = Exclude<ImageComponent, 'ca'>;

/** Builds images from source; `ensureImages` calls it only for images that are still missing. */
export interface ImageBuilder {
  buildFabric(pin: FabricPin, components: readonly FabricComponent[]): Promise<void>;
  buildCa(pin: FabricCaPin): Promise<void>;
}

/** What the plan needs besides the versions. */
export interface PlanOptions {
  readonly components: readonly ImageComponent[];
  readonly pull: boolean;
  readonly rebuild: boolean;
  readonly pullTimeoutMs: number;
  readonly onProgress: ProgressListener;
  /** Directory with Fabric release source; without it a pin built from a release cannot be built. */
  readonly fabricSource?: string;
}

/**
 * Makes sure each image exists: 1. present locally (unless rebuilding) → nothing to do; 2. else pull it
 * (unless pulls are off or rebuilding); 3. else build it from source (the release tree or the Go module), all
 * missing Fabric images from one compile. Resolves to each image's outcome, in the order of `components`.
 */
export async function runPlan(
  docker: DockerClient,
  builder: ImageBuilder,
  versions: ResolvedVersions,
  options: PlanOptions,
): Promise<ImageStatus[]> {
  const wanted = IMAGE_COMPONENTS.filter((component) => options.components.includes(component));
  const outcomes = new Map<ImageComponent, ImageOutcome>();
  const missing: ImageComponent[] = [];
  for (const component of wanted) {
    if (await checkPresent(docker, imageRef(component, versions), options)) outcomes.set(component, 'present');
    else missing.push(component);
  }

  const toBuild = await pullMissing(docker, versions, missing, options);
  for (const component of toBuild) outcomes.set(component, 'built');
  await buildMissing(builder, versions, toBuild, options.fabricSource);

  return wanted.map((component) => ({
    component,
    ref: imageRef(component, versions),
    outcome: outcomes.get(component) ?? 'pulled',
  }));
}

async function pullMissing(
  docker: DockerClient,
  versions: ResolvedVersions,
  missing: readonly ImageComponent[],
  options: PlanOptions,
): Promise<ImageComponent[]> {
  const stillMissing: ImageComponent[] = [];
  for (const component of missing) {
    if (!(await tryPull(docker, imageRef(component, versions), options))) stillMissing.push(component);
  }
  return stillMissing;
}

/** How one image is checked and pulled. */
export type PullOptions = Pick<PlanOptions, 'pull' | 'rebuild' | 'pullTimeoutMs' | 'onProgress'>;

/** Whether an image is present (and not to be rebuilt), reporting the `check` step. */
export async function checkPresent(docker: DockerClient, ref: string, options: PullOptions): Promise<boolean> {
  if (options.rebuild) {
    options.onProgress({ step: 'check', status: 'skipped', subject: ref, detail: 'rebuild requested' });
    return false;
  }
  const present = await docker.hasImage(ref);
  const detail = present ? 'present locally, nothing to do' : 'not present';
  options.onProgress({ step: 'check', status: 'done', subject: ref, detail });
  return present;
}

/** Pulls a missing image unless pulls are off or a rebuild is asked for; resolves whether it was pulled. */
export async function tryPull(docker: DockerClient, ref: string, options: PullOptions): Promise<boolean> {
  if (options.rebuild || !options.pull) {
    const detail = options.rebuild ? 'rebuild requested' : 'pulls turned off';
    options.onProgress({ step: 'pull', status: 'skipped', subject: ref, detail });
    return false;
  }
  options.onProgress({ step: 'pull', status: 'start', subject: ref });
  const started = Date.now();
  const result = await docker.pull(ref, options.pullTimeoutMs);
  const elapsedMs = Date.now() - started;
  if (result.pulled) options.onProgress({ step: 'pull', status: 'done', subject: ref, elapsedMs });
  else options.onProgress({ step: 'pull', status: 'failed', subject: ref, elapsedMs, detail: result.reason });
  return result.pulled;
}

async function buildMissing(
  builder: ImageBuilder,
  versions: ResolvedVersions,
  toBuild: readonly ImageComponent[],
  fabricSource: string | undefined,
): Promise<void> {
  const fabric = toBuild.filter((component): component is FabricComponent => component !== 'ca');
  // Refuse before compiling anything, so a release without its source fails fast and names every image it affects.
  const { release } = versions.fabric;
  if (fabric.length > 0 && release !== undefined && fabricSource === undefined) {
    throw new ImageNotBuildableError(
      fabric.map((component) => imageRef(component, versions)),
      releaseSourceNeeded(release),
    );
  }
  if (fabric.length > 0) await builder.buildFabric(versions.fabric, fabric);
  if (toBuild.includes('ca')) await builder.buildCa(versions.ca);
}
