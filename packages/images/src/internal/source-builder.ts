import { access, cp, mkdir, mkdtemp, rename, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { DockerClient } from '../docker-client';
import { BUILD_LABELS, IMAGE_NAMESPACE, type ImageComponent } from '../images';
import type { ProgressListener } from '../progress';
import type { FabricCaPin, FabricPin, ModuleSource } from '../versions';
import type { AptArchive } from './apt-sources';
import { ensureBaseImage } from './base-image';
import type { GoToolchain } from './go-toolchain';
import type { Buildable, FabricComponent, ImageBuilder } from './plan';
import type { Runner } from './run';
import { ensureTool, GCC } from './tools';

/** The binaries of each Fabric image, as in Fabric's Makefile (`TOOLS_EXES` for tools). */
export const FABRIC_BINARIES: Readonly<Record<FabricComponent, readonly string[]>> = {
  peer: ['peer'],
  orderer: ['orderer'],
  tools: ['configtxgen', 'configtxlator', 'cryptogen', 'discover', 'ledgerutil', 'osnadmin', 'peer'],
};
const CA_BINARIES = ['fabric-ca-server', 'fabric-ca-client'];
const CCAAS_STEPS = ['detect', 'build', 'release'];

/** Where the Dockerfiles and our ccaas builder module live (shipped with the package in build/). */
export const BUILD_ASSETS_DIR = join(__dirname, '..', '..', '..', 'build');

/** What the source builder needs. */
export interface SourceBuilderOptions {
  readonly docker: DockerClient;
  readonly go: GoToolchain;
  readonly run: Runner;
  /** Compiled binaries are kept here, per module version, and reused unless `rebuild`. */
  readonly cacheDir: string;
  readonly rebuild: boolean;
  readonly onProgress: ProgressListener;
  /** Where debootstrap gets packages from; default the machine's apt sources. */
  readonly aptArchive?: () => Promise<AptArchive | undefined>;
}

/**
 * Builds the images from Go modules: compiles the binaries (static: CGO off for Fabric, cgo linked statically
 * for fabric-ca's sqlite), then `docker build`s each image on the local minimal Debian base with the layout of
 * Fabric's own Dockerfiles.
 */
export class SourceImageBuilder implements ImageBuilder {
  constructor(private readonly options: SourceBuilderOptions) {}

  async buildFabric(pin: Buildable<FabricPin>, components: readonly FabricComponent[]): Promise<void> {
    const { go } = this.options;
    const goVersion = await go.version();
    const names = [...new Set(components.flatMap((component) => FABRIC_BINARIES[component]))];
    const out = this.outputDir(pin.build);
    const ldflags = fabricLdflags(pin);
    await this.compileAll(pin.build, out, names, { cgo: false, modMod: true, ldflags, sampleconfig: true });
    if (components.includes('peer')) await this.compileCcaas(out);
    const base = await ensureBaseImage(
      this.options.docker,
      this.options.run,
      this.options.onProgress,
      this.options.aptArchive,
    );
    for (const component of components) {
      await this.buildImage(component, pin.tag, pin.build, base, goVersion, out, { FABRIC_VER: pin.fabricVer });
    }
  }

  async buildCa(pin: Buildable<FabricCaPin>): Promise<void> {
    const { go } = this.options;
    const goVersion = await go.version();
    await ensureTool(this.options.run, GCC, this.options.onProgress);
    const out = this.outputDir(pin.build);
    // sqlite needs cgo; link it statically so the binary runs on any base. The official image build sets no
    // ldflags (its Version comes from the source) and the pkcs11 tag, which a static binary cannot honour.
    const ldflags = '-linkmode external -extldflags "-static"';
    await this.compileAll(pin.build, out, CA_BINARIES, { cgo: true, tags: ['netgo', 'osusergo'], ldflags });
    const base = await ensureBaseImage(
      this.options.docker,
      this.options.run,
      this.options.onProgress,
      this.options.aptArchive,
    );
    await this.buildImage('ca', pin.tag, pin.build, base, goVersion, out, {});
  }

  private outputDir(source: ModuleSource): string {
    const name = `${source.module.split('/').pop() ?? 'module'}@${source.version}`;
    return join(this.options.cacheDir, name);
  }

  private async compileAll(
    source: ModuleSource,
    out: string,
    names: readonly string[],
    how: { cgo: boolean; modMod?: boolean; tags?: string[]; ldflags: string; sampleconfig?: boolean },
  ): Promise<void> {
    const { go, onProgress, rebuild } = this.options;
    const moduleVersion = `${source.module}@${source.version}`;
    const todo: string[] = [];
    for (const name of names) {
      if (!rebuild && (await exists(join(out, 'bin', name)))) {
        onProgress({ step: 'compile', status: 'skipped', subject: name, detail: `compiled before, in ${out}` });
      } else todo.push(name);
    }
    if (todo.length === 0 && (how.sampleconfig !== true || (await exists(join(out, 'sampleconfig'))))) return;

    onProgress({ step: 'download', status: 'start', subject: moduleVersion, detail: 'through the Go module proxy' });
    let started = Date.now();
    const moduleDir = await go.download(source.module, source.version);
    const work = await mkdtemp(join(tmpdir(), 'fabric-testkit-build-'));
    try {
      const dir = await go.prepare(moduleDir, work, moduleVersion);
      onProgress({ step: 'download', status: 'done', subject: moduleVersion, elapsedMs: Date.now() - started });
      await mkdir(join(out, 'bin'), { recursive: true });
      if (how.sampleconfig === true) {
        await rm(join(out, 'sampleconfig'), { recursive: true, force: true });
        await cp(join(dir, 'sampleconfig'), join(out, 'sampleconfig'), { recursive: true });
      }
      for (const name of todo) {
        onProgress({ step: 'compile', status: 'start', subject: name, detail: how.cgo ? 'cgo, static' : 'CGO off' });
        started = Date.now();
        const partial = join(out, 'bin', `.${name}.${process.pid}.partial`);
        await go.compile({ dir, pkg: `./cmd/${name}`, output: partial, ...how });
        await rename(partial, join(out, 'bin', name));
        onProgress({ step: 'compile', status: 'done', subject: name, elapsedMs: Date.now() - started });
      }
    } finally {
      await rm(work, { recursive: true, force: true });
    }
  }

  private async compileCcaas(out: string): Promise<void> {
    const { go, onProgress, rebuild } = this.options;
    const dir = join(BUILD_ASSETS_DIR, 'ccaas-builder');
    const target = join(out, 'ccaas');
    if (!rebuild && (await exists(join(target, CCAAS_STEPS[2] ?? 'release')))) {
      onProgress({
        step: 'compile',
        status: 'skipped',
        subject: 'ccaas builder',
        detail: `compiled before, in ${out}`,
      });
      return;
    }
    onProgress({
      step: 'compile',
      status: 'start',
      subject: 'ccaas builder',
      detail: 'go test, then detect/build/release',
    });
    const started = Date.now();
    await go.test(dir, ['./...']);
    await mkdir(target, { recursive: true });
    for (const step of CCAAS_STEPS) {
      await go.compile({ dir, pkg: `./cmd/${step}`, output: join(target, step), cgo: false });
    }
    onProgress({ step: 'compile', status: 'done', subject: 'ccaas builder', elapsedMs: Date.now() - started });
  }

  private async buildImage(
    component: ImageComponent,
    tag: string,
    source: ModuleSource,
    base: string,
    goVersion: string,
    out: string,
    buildArgs: Record<string, string>,
  ): Promise<void> {
    const ref = `${IMAGE_NAMESPACE}/fabric-${component}:${tag}`;
    const { docker, onProgress } = this.options;
    onProgress({ step: 'image-build', status: 'start', subject: ref, detail: `on ${base}` });
    const started = Date.now();
    const previous = await docker.imageId(ref);
    const context = await mkdtemp(join(tmpdir(), 'fabric-testkit-context-'));
    try {
      await assembleContext(component, out, context);
      await docker.build({
        context,
        dockerfile: join(BUILD_ASSETS_DIR, 'docker', `${component}.Dockerfile`),
        tags: [ref],
        buildArgs: { BASE_IMAGE: base, ...buildArgs },
        labels: imageLabels(component, tag, source, goVersion, base),
      });
    } finally {
      await rm(context, { recursive: true, force: true });
    }
    // A rebuild leaves the image it replaced untagged; remove it (docker refuses while a container uses it).
    const replaced = previous !== undefined && previous !== (await docker.imageId(ref));
    const removed = replaced && (await docker.removeImage(previous));
    const detail = removed ? `removed the image it replaced (${previous.slice(7, 19)})` : undefined;
    onProgress({ step: 'image-build', status: 'done', subject: ref, elapsedMs: Date.now() - started, detail });
  }
}

async function assembleContext(component: ImageComponent, out: string, context: string): Promise<void> {
  const binaries = component === 'ca' ? CA_BINARIES : FABRIC_BINARIES[component];
  await mkdir(join(context, 'bin'), { recursive: true });
  for (const name of binaries) await cp(join(out, 'bin', name), join(context, 'bin', name));
  if (component !== 'ca') await cp(join(out, 'sampleconfig'), join(context, 'sampleconfig'), { recursive: true });
  if (component === 'peer') await cp(join(out, 'ccaas'), join(context, 'ccaas'), { recursive: true });
}

/** The `-X` flags Fabric's Makefile passes (`METADATA_VAR`), with the release's `FABRIC_VER`. */
export function fabricLdflags(pin: Buildable<FabricPin>): string {
  const pkg = `${pin.build.module}/common/metadata`;
  const vars = {
    Version: pin.fabricVer,
    CommitSHA: pin.build.commit.slice(0, 7),
    BaseDockerLabel: 'org.hyperledger.fabric',
    DockerNamespace: IMAGE_NAMESPACE,
  };
  return Object.entries(vars)
    .map(([name, value]) => `-X ${pkg}.${name}=${value}`)
    .join(' ');
}

/** OCI labels like the official images' (docker/metadata-action), plus where this build came from. */
export function imageLabels(
  component: ImageComponent,
  tag: string,
  source: ModuleSource,
  goVersion: string,
  base: string,
): Record<string, string> {
  return {
    'org.opencontainers.image.title': `fabric-${component}`,
    'org.opencontainers.image.description': `Hyperledger Fabric ${component}, built from Go module ${source.module}`,
    [BUILD_LABELS.version]: tag,
    [BUILD_LABELS.revision]: source.commit,
    'org.opencontainers.image.source': `https://${source.module}`,
    'org.opencontainers.image.licenses': 'Apache-2.0',
    'org.opencontainers.image.base.name': base,
    [BUILD_LABELS.builtFrom]: 'go-module',
    [BUILD_LABELS.goModule]: `${source.module}@${source.version}`,
    [BUILD_LABELS.goVersion]: goVersion,
  };
}

async function exists(path: string): Promise<boolean> {
  return access(path).then(
    () => true,
    () => false,
  );
}
