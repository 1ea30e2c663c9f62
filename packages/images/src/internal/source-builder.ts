import { cp, mkdir, mkdtemp, rename, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { DockerClient } from '../docker-client';
import { BUILD_LABELS, IMAGE_NAMESPACE, type ImageComponent } from '../images';
import type { ProgressListener } from '../progress';
import { ImageNotBuildableError } from '../errors';
import { type FabricCaPin, type FabricPin, type ModuleSource, type ReleaseSource } from '../versions';
import type { AptArchive } from './apt-sources';
import { ensureBaseImage } from './base-image';
import { exists } from './files';
import { buildImage } from './image-build';
import type { GoToolchain } from './go-toolchain';
import type { FabricComponent, ImageBuilder } from './plan';
import { releaseSourceNeeded } from './release-needs';
import { releaseTree } from './release-source';
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
/** Our ccaas builder, for a Fabric tree without Fabric's own (a Go module zip). */
const OWN_CCAAS_BUILDER_DIR = join(BUILD_ASSETS_DIR, 'ccaas-builder');

/** What the source builder needs. */
export interface SourceBuilderOptions {
  readonly docker: DockerClient;
  readonly go: GoToolchain;
  readonly run: Runner;
  /** Compiled binaries (and unpacked release archives) are kept here and reused unless `rebuild`. */
  readonly cacheDir: string;
  readonly rebuild: boolean;
  readonly onProgress: ProgressListener;
  /** Directory with Fabric release source (archives or trees); needed for pins built from a release. */
  readonly fabricSource?: string;
  /** Where debootstrap gets packages from; default the machine's apt sources. */
  readonly aptArchive?: () => Promise<AptArchive | undefined>;
}

/** Where an image's binaries came from, for its labels and its cache directory. */
export interface BuildOrigin {
  readonly builtFrom: 'go-module' | 'release-source';
  /** `MODULE@VERSION`, or the release archive's name. */
  readonly from: string;
  /** The source commit. */
  readonly commit: string;
  /** The repository, for example `github.com/hyperledger/fabric`. */
  readonly repository: string;
}

/** A source tree to compile in, and what to do when done with it. */
interface SourceTree {
  readonly dir: string;
  readonly mod: 'mod' | 'vendor';
  /** Fabric's official ccaas builder module in this tree, when it has one. */
  readonly ccaasBuilderDir?: string;
  release(): Promise<void>;
}

const FABRIC_REPOSITORY = 'github.com/hyperledger/fabric';

/**
 * Builds the images from source: compiles the binaries (static: CGO off for Fabric, cgo linked statically for
 * fabric-ca's sqlite) from a Fabric release tree (offline, `-mod=vendor`) or a Go module, then `docker build`s each
 * image on the local minimal Debian base with the layout of Fabric's own Dockerfiles for that release.
 */
export class SourceImageBuilder implements ImageBuilder {
  constructor(private readonly options: SourceBuilderOptions) {}

  async buildFabric(pin: FabricPin, components: readonly FabricComponent[]): Promise<void> {
    const { go } = this.options;
    const goVersion = await go.version();
    const names = [...new Set(components.flatMap((component) => FABRIC_BINARIES[component]))];
    const origin = fabricOrigin(pin);
    const out = join(this.options.cacheDir, cacheName(origin));
    const tree = this.fabricTree(pin);
    const how = { cgo: false, ldflags: fabricLdflags(pin), sampleconfig: true };
    await this.compileAll(`Fabric ${pin.tag}`, out, names, how, tree.open);
    if (components.includes('peer')) await this.compileCcaas(out, tree.open);
    const base = await ensureBaseImage(
      this.options.docker,
      this.options.run,
      this.options.onProgress,
      this.options.aptArchive,
    );
    const layout = configLayout(pin);
    for (const component of components) {
      await this.buildImage(component, pin.tag, origin, base, goVersion, out, layout, { FABRIC_VER: pin.fabricVer });
    }
  }

  async buildCa(pin: FabricCaPin): Promise<void> {
    const { go } = this.options;
    const goVersion = await go.version();
    await ensureTool(this.options.run, GCC, this.options.onProgress);
    const origin = moduleOrigin(pin.build);
    const out = join(this.options.cacheDir, cacheName(origin));
    // sqlite needs cgo; link it statically so the binary runs on any base. The official image build sets no
    // ldflags (its Version comes from the source) and the pkcs11 tag, which a static binary cannot honour.
    const ldflags = '-linkmode external -extldflags "-static"';
    const how = { cgo: true, tags: ['netgo', 'osusergo'], ldflags };
    await this.compileAll(`Fabric CA ${pin.tag}`, out, CA_BINARIES, how, () => this.moduleTree(pin.build));
    const base = await ensureBaseImage(
      this.options.docker,
      this.options.run,
      this.options.onProgress,
      this.options.aptArchive,
    );
    await this.buildImage('ca', pin.tag, origin, base, goVersion, out, configLayout(undefined), {});
  }

  /** The tree a Fabric pin is compiled from, opened only when something must be compiled. */
  private fabricTree(pin: FabricPin): { open: () => Promise<SourceTree> } {
    const { release, build } = pin;
    if (release !== undefined) {
      return { open: () => this.releaseTree({ ...pin, release }) };
    }
    if (build !== undefined) return { open: () => this.moduleTree(build) };
    throw new ImageNotBuildableError([`Fabric ${pin.tag}`], 'the pin names neither a release archive nor a Go module');
  }

  private async releaseTree(pin: FabricPin & { readonly release: ReleaseSource }): Promise<SourceTree> {
    const { fabricSource, cacheDir, run, onProgress } = this.options;
    if (fabricSource === undefined) {
      throw new ImageNotBuildableError([`Fabric ${pin.tag}`], releaseSourceNeeded(pin.release));
    }
    const dir = await releaseTree({ pin, sourceDir: fabricSource, cacheDir, run, onProgress });
    return { dir, mod: 'vendor', ccaasBuilderDir: join(dir, 'ccaas_builder'), release: () => Promise.resolve() };
  }

  /** Downloads a Go module into a writable scratch copy (removed on release). */
  private async moduleTree(source: ModuleSource): Promise<SourceTree> {
    const { go, onProgress } = this.options;
    const moduleVersion = `${source.module}@${source.version}`;
    onProgress({ step: 'download', status: 'start', subject: moduleVersion, detail: 'through the Go module proxy' });
    const started = Date.now();
    const moduleDir = await go.download(source.module, source.version);
    const work = await mkdtemp(join(tmpdir(), 'fabric-testkit-build-'));
    try {
      const dir = await go.prepare(moduleDir, work, moduleVersion);
      onProgress({ step: 'download', status: 'done', subject: moduleVersion, elapsedMs: Date.now() - started });
      return { dir, mod: 'mod', release: () => rm(work, { recursive: true, force: true }) };
    } catch (error) {
      await rm(work, { recursive: true, force: true });
      throw error;
    }
  }

  private async compileAll(
    what: string,
    out: string,
    names: readonly string[],
    how: { cgo: boolean; tags?: string[]; ldflags: string; sampleconfig?: boolean },
    openTree: () => Promise<SourceTree>,
  ): Promise<void> {
    const { go, onProgress, rebuild } = this.options;
    const todo: string[] = [];
    for (const name of names) {
      if (!rebuild && (await exists(join(out, 'bin', name)))) {
        onProgress({ step: 'compile', status: 'skipped', subject: name, detail: `compiled before, in ${out}` });
      } else todo.push(name);
    }
    if (todo.length === 0 && (how.sampleconfig !== true || (await exists(join(out, 'sampleconfig'))))) return;

    const tree = await openTree();
    try {
      await mkdir(join(out, 'bin'), { recursive: true });
      if (how.sampleconfig === true) {
        await rm(join(out, 'sampleconfig'), { recursive: true, force: true });
        await cp(join(tree.dir, 'sampleconfig'), join(out, 'sampleconfig'), { recursive: true });
      }
      for (const name of todo) {
        const detail = `${what}, ${how.cgo ? 'cgo, static' : 'CGO off'}${tree.mod === 'vendor' ? ', offline (vendor/)' : ''}`;
        onProgress({ step: 'compile', status: 'start', subject: name, detail });
        const started = Date.now();
        const partial = join(out, 'bin', `.${name}.${process.pid}.partial`);
        await go.compile({ dir: tree.dir, pkg: `./cmd/${name}`, output: partial, mod: tree.mod, ...how });
        await rename(partial, join(out, 'bin', name));
        onProgress({ step: 'compile', status: 'done', subject: name, elapsedMs: Date.now() - started });
      }
    } finally {
      await tree.release();
    }
  }

  /**
   * The ccaas external builder of the peer image: Fabric's own `ccaas_builder` module from a release tree (its two
   * small dependencies come through the Go module proxy), or ours where the tree has none (a Go module zip leaves
   * nested modules out). Tested first with `go test`, as Fabric's Makefile does.
   */
  private async compileCcaas(out: string, openTree: () => Promise<SourceTree>): Promise<void> {
    const { go, onProgress, rebuild } = this.options;
    const target = join(out, 'ccaas');
    if (!rebuild && (await exists(join(target, CCAAS_STEPS[2] ?? 'release')))) {
      const detail = `compiled before, in ${out}`;
      onProgress({ step: 'compile', status: 'skipped', subject: 'ccaas builder', detail });
      return;
    }
    const tree = await openTree();
    try {
      const official = tree.ccaasBuilderDir !== undefined && (await exists(tree.ccaasBuilderDir));
      const dir = official && tree.ccaasBuilderDir !== undefined ? tree.ccaasBuilderDir : OWN_CCAAS_BUILDER_DIR;
      const which = official ? "Fabric's ccaas_builder" : 'our ccaas builder (the module has no ccaas_builder)';
      onProgress({
        step: 'compile',
        status: 'start',
        subject: 'ccaas builder',
        detail: `${which}: go test, then build`,
      });
      const started = Date.now();
      await go.test(dir, ['./...']);
      await mkdir(target, { recursive: true });
      for (const step of CCAAS_STEPS) {
        await go.compile({ dir, pkg: `./cmd/${step}`, output: join(target, step), cgo: false });
      }
      onProgress({ step: 'compile', status: 'done', subject: 'ccaas builder', elapsedMs: Date.now() - started });
    } finally {
      await tree.release();
    }
  }

  private async buildImage(
    component: ImageComponent,
    tag: string,
    origin: BuildOrigin,
    base: string,
    goVersion: string,
    out: string,
    layout: ConfigLayout,
    buildArgs: Record<string, string>,
  ): Promise<void> {
    const ref = `${IMAGE_NAMESPACE}/fabric-${component}:${tag}`;
    const request = {
      ref,
      base,
      dockerfile: join(BUILD_ASSETS_DIR, 'docker', `${component}.Dockerfile`),
      buildArgs,
      labels: imageLabels(component, tag, origin, goVersion, base),
      assemble: (context: string) => assembleContext(component, out, context, layout),
    };
    await buildImage(this.options.docker, request, this.options.onProgress);
  }
}

function fabricOrigin(pin: FabricPin): BuildOrigin {
  if (pin.release !== undefined) {
    return {
      builtFrom: 'release-source',
      from: pin.release.archive,
      commit: pin.release.commit,
      repository: FABRIC_REPOSITORY,
    };
  }
  if (pin.build !== undefined) return moduleOrigin(pin.build);
  throw new ImageNotBuildableError([`Fabric ${pin.tag}`], 'the pin names neither a release archive nor a Go module');
}

function moduleOrigin(source: ModuleSource): BuildOrigin {
  return {
    builtFrom: 'go-module',
    from: `${source.module}@${source.version}`,
    commit: source.commit,
    repository: source.module,
  };
}

/** The cache directory of one origin's binaries, for example `fabric@v1.4.0-rc1…` or `fabric-v3.1.5`. */
function cacheName(origin: BuildOrigin): string {
  return origin.builtFrom === 'go-module'
    ? (origin.from.split('/').pop() ?? 'module')
    : origin.from.replace(/\.tar\.gz$/, '');
}

/**
 * What each image carries in FABRIC_CFG_PATH, as the release's own Dockerfiles (images/<name>/Dockerfile) copy it:
 * Fabric 3 dropped the sample MSP from the peer and orderer images.
 */
interface ConfigLayout {
  readonly sampleMsp: boolean;
}

function configLayout(pin: FabricPin | undefined): ConfigLayout {
  const major = Number(/^(\d+)\./.exec(pin?.tag ?? '')?.[1] ?? 0);
  return { sampleMsp: pin !== undefined && major < 3 };
}

/** Config files of each image (in FABRIC_CFG_PATH), from the release's sampleconfig. */
const CONFIG_FILES: Readonly<Record<ImageComponent, readonly string[]>> = {
  peer: ['core.yaml'],
  orderer: ['orderer.yaml', 'configtx.yaml'],
  tools: [],
  ca: [],
};

/** The build context: `bin/`, `config/` (what goes to FABRIC_CFG_PATH) and, for the peer, `ccaas/`. */
async function assembleContext(
  component: ImageComponent,
  out: string,
  context: string,
  layout: ConfigLayout,
): Promise<void> {
  const binaries = component === 'ca' ? CA_BINARIES : FABRIC_BINARIES[component];
  await mkdir(join(context, 'bin'), { recursive: true });
  await mkdir(join(context, 'config'), { recursive: true });
  for (const name of binaries) await cp(join(out, 'bin', name), join(context, 'bin', name));
  const sampleconfig = join(out, 'sampleconfig');
  if (component === 'tools') await cp(sampleconfig, join(context, 'config'), { recursive: true });
  for (const file of CONFIG_FILES[component]) await cp(join(sampleconfig, file), join(context, 'config', file));
  if (layout.sampleMsp && (component === 'peer' || component === 'orderer')) {
    await cp(join(sampleconfig, 'msp'), join(context, 'config', 'msp'), { recursive: true });
  }
  if (component === 'peer') await cp(join(out, 'ccaas'), join(context, 'ccaas'), { recursive: true });
}

/** The `-X` flags Fabric's Makefile passes (`METADATA_VAR`), with the release's `FABRIC_VER`. */
export function fabricLdflags(pin: FabricPin): string {
  const pkg = `${FABRIC_REPOSITORY}/common/metadata`;
  const vars = {
    Version: pin.fabricVer,
    CommitSHA: fabricOrigin(pin).commit.slice(0, 7),
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
  origin: BuildOrigin,
  goVersion: string,
  base: string,
): Record<string, string> {
  const from = origin.builtFrom === 'go-module' ? `Go module ${origin.from}` : `release source ${origin.from}`;
  return {
    'org.opencontainers.image.title': `fabric-${component}`,
    'org.opencontainers.image.description': `Hyperledger Fabric ${component}, built from ${from}`,
    [BUILD_LABELS.version]: tag,
    [BUILD_LABELS.revision]: origin.commit,
    'org.opencontainers.image.source': `https://${origin.repository}`,
    'org.opencontainers.image.licenses': 'Apache-2.0',
    'org.opencontainers.image.base.name': base,
    [BUILD_LABELS.builtFrom]: origin.builtFrom,
    [BUILD_LABELS.source]: origin.from,
    [BUILD_LABELS.goVersion]: goVersion,
  };
}
