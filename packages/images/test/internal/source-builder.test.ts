import { expect } from 'chai';
import { cp, mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { FabricSourceMismatchError, FabricSourceNotFoundError } from '../../src/errors';
import { baseImageRef } from '../../src/internal/base-image';
import { GoToolchain } from '../../src/internal/go-toolchain';
import { fabricLdflags, SourceImageBuilder } from '../../src/internal/source-builder';
import type { ProgressEvent } from '../../src/progress';
import { FABRIC_CA_PINS, FABRIC_PINS, type FabricCaPin, type FabricPin } from '../../src/versions';
import { FakeDocker, fakeRunner, type RecordedCall } from '../support/fakes';

function pinned<T extends { readonly tag: string }>(pins: readonly T[], tag: string): T {
  const pin = pins.find((candidate) => candidate.tag === tag);
  if (pin === undefined) throw new Error(`no pin ${tag}`);
  return pin;
}
/** 2.5.0: built from the Go module. */
const FABRIC: FabricPin = pinned(FABRIC_PINS, '2.5.0');
const CA: FabricCaPin = pinned(FABRIC_CA_PINS, '1.5.21');
const ARCHIVE = { mirror: 'http://mirror.invalid/debian', suite: 'bookworm' };

describe('SourceImageBuilder (go and docker faked)', () => {
  let root: string;
  let moduleDir: string;
  let docker: FakeDocker;
  let events: ProgressEvent[];

  beforeEach(async () => {
    root = await mkdtemp(join(tmpdir(), 'source-builder-test-'));
    moduleDir = join(root, 'module');
    await mkdir(join(moduleDir, 'sampleconfig', 'msp'), { recursive: true });
    for (const file of ['core.yaml', 'orderer.yaml', 'configtx.yaml', 'msp/config.yaml']) {
      await writeFile(join(moduleDir, 'sampleconfig', file), file);
    }
    // The base image exists, so no debootstrap runs in these tests.
    docker = new FakeDocker([baseImageRef(ARCHIVE.suite)]);
    events = [];
  });

  afterEach(async () => {
    await rm(root, { recursive: true, force: true });
  });

  function fakeGo(): { go: GoToolchain; calls: RecordedCall[]; run: ReturnType<typeof fakeRunner>['run'] } {
    const { run, calls } = fakeRunner((call) => {
      if (call.command === 'sh') return { stdout: '/usr/bin/found' };
      if (call.args[0] === 'version') return { stdout: 'go version go1.26.8 linux/amd64' };
      if (call.args[0] === 'mod' && call.args[2] === '-json') return { stdout: JSON.stringify({ Dir: moduleDir }) };
      if (call.args[0] === 'build') {
        const output = call.args[call.args.indexOf('-o') + 1] ?? '';
        return { stdout: output };
      }
      return {};
    });
    // The fake "compiles" by writing the output file the real go build would.
    const writing: typeof run = async (command, args, options) => {
      const result = await run(command, args, options);
      if (args[0] === 'build') {
        const output = args[args.indexOf('-o') + 1] ?? '';
        await mkdir(join(output, '..'), { recursive: true });
        await writeFile(output, `binary ${output}`);
      }
      return result;
    };
    return { go: new GoToolchain(writing, 'go'), calls, run: writing };
  }

  it('compiles the Fabric binaries once, then builds each image with its binaries, config and labels', async () => {
    const { go, calls, run } = fakeGo();
    const builder = new SourceImageBuilder({
      docker,
      go,
      run,
      cacheDir: join(root, 'cache'),
      rebuild: false,
      onProgress: (event) => events.push(event),
      aptArchive: () => Promise.resolve(ARCHIVE),
    });
    await builder.buildFabric(FABRIC, ['peer', 'orderer', 'tools']);

    const built = calls.filter((call) => call.args[0] === 'build').map((call) => call.args.at(-1));
    expect(built).to.deep.equal([
      './cmd/peer',
      './cmd/orderer',
      './cmd/configtxgen',
      './cmd/configtxlator',
      './cmd/cryptogen',
      './cmd/discover',
      './cmd/ledgerutil',
      './cmd/osnadmin',
      './cmd/detect',
      './cmd/build',
      './cmd/release',
    ]);
    expect(calls.some((call) => call.args[0] === 'test' && call.args[1] === './...')).to.be.true;
    expect(docker.builds.map((build) => build.tags)).to.deep.equal([
      ['hyperledger/fabric-peer:2.5.0'],
      ['hyperledger/fabric-orderer:2.5.0'],
      ['hyperledger/fabric-tools:2.5.0'],
    ]);
    expect(docker.contexts[0]).to.include.members([
      'bin/peer',
      'ccaas/build',
      'ccaas/detect',
      'ccaas/release',
      'config/core.yaml',
      'config/msp/config.yaml', // Fabric 2 images carry the sample MSP
    ]);
    expect(docker.contexts[2]).to.include.members(['bin/configtxgen', 'bin/osnadmin', 'bin/peer', 'bin/ledgerutil']);
    const peer = docker.builds[0];
    expect(peer?.buildArgs.FABRIC_VER).to.equal('v2.5.0');
    expect(peer?.dockerfile).to.match(/build\/docker\/peer\.Dockerfile$/);
    expect(peer?.labels).to.include({
      'org.opencontainers.image.version': '2.5.0',
      'org.opencontainers.image.revision': 'bd8e24856939',
      'fabric-testkit.built-from': 'go-module',
      'fabric-testkit.source': 'github.com/hyperledger/fabric@v1.4.0-rc1.0.20230401164317-bd8e24856939',
      'fabric-testkit.go-version': 'go version go1.26.8 linux/amd64',
    });

    expect(docker.removed).to.be.empty; // nothing was replaced

    // A second build reuses the compiled binaries.
    const before = calls.length;
    await builder.buildFabric(FABRIC, ['orderer']);
    expect(calls.slice(before).filter((call) => call.args[0] === 'build')).to.be.empty;
    expect(
      events.filter((event) => event.status === 'skipped' && event.step === 'compile').map((e) => e.subject),
    ).to.deep.equal(['orderer']);
  });

  describe('from a release tree (offline, vendor/)', () => {
    const RELEASE: FabricPin = pinned(FABRIC_PINS, '3.1.5');

    async function releaseTreeAt(dir: string, version: string): Promise<void> {
      await mkdir(join(dir, 'vendor'), { recursive: true });
      await mkdir(join(dir, 'ccaas_builder'), { recursive: true });
      await writeFile(join(dir, 'Makefile'), `BASE_VERSION = x\nFABRIC_VER ?= ${version}\n`);
      await writeFile(join(dir, 'vendor', 'modules.txt'), '# vendored\n');
      await cp(join(moduleDir, 'sampleconfig'), join(dir, 'sampleconfig'), { recursive: true });
    }

    function builderWith(
      fabricSource: string,
      go: GoToolchain,
      run: ReturnType<typeof fakeRunner>['run'],
    ): SourceImageBuilder {
      return new SourceImageBuilder({
        docker,
        go,
        run,
        cacheDir: join(root, 'cache'),
        rebuild: false,
        fabricSource,
        onProgress: (event) => events.push(event),
        aptArchive: () => Promise.resolve(ARCHIVE),
      });
    }

    it("compiles with -mod=vendor and no proxy, Fabric's own ccaas_builder, and the 3.x image layout", async () => {
      const tree = join(root, 'mirror', 'fabric-v3.1.5');
      await releaseTreeAt(tree, '3.1.5');
      const { go, calls, run } = fakeGo();
      await builderWith(join(root, 'mirror'), go, run).buildFabric(RELEASE, ['peer', 'orderer']);

      const builds = calls.filter((call) => call.args[0] === 'build');
      const fabricBuilds = builds.filter((call) => call.options.cwd === tree);
      expect(fabricBuilds.map((call) => call.args.at(-1))).to.deep.equal(['./cmd/peer', './cmd/orderer']);
      for (const call of fabricBuilds) {
        expect(call.args).to.include('-mod=vendor');
        expect(call.options.env?.GOPROXY).to.equal('off');
      }
      const ccaas = builds.filter((call) => call.options.cwd === join(tree, 'ccaas_builder'));
      expect(ccaas.map((call) => call.args.at(-1))).to.deep.equal(['./cmd/detect', './cmd/build', './cmd/release']);
      expect(calls.some((call) => call.args[0] === 'mod' && call.args[1] === 'download')).to.be.false;

      expect(docker.contexts[0]).to.include.members(['bin/peer', 'config/core.yaml', 'ccaas/release']);
      expect(docker.contexts[0]?.some((file) => file.includes('msp'))).to.be.false; // Fabric 3 dropped it
      expect(docker.contexts[1]).to.include.members(['bin/orderer', 'config/orderer.yaml', 'config/configtx.yaml']);
      expect(docker.builds[0]?.labels).to.include({
        'org.opencontainers.image.version': '3.1.5',
        'org.opencontainers.image.revision': '86c1172bec37e6590c6b1ae6f847833df48d65fc',
        'fabric-testkit.built-from': 'release-source',
        'fabric-testkit.source': 'fabric-v3.1.5.tar.gz',
      });
      expect(fabricLdflags(RELEASE)).to.contain('-X github.com/hyperledger/fabric/common/metadata.Version=v3.1.5');
      expect(fabricLdflags(RELEASE)).to.contain('CommitSHA=86c1172');
    });

    it('bad input: refuses a tree of another release, an archive with another checksum, and a directory with neither', async () => {
      const { go, calls, run } = fakeGo();
      const wrongTree = join(root, 'wrong');
      await releaseTreeAt(wrongTree, '2.5.16');
      const attempt = (dir: string): Promise<unknown> =>
        builderWith(dir, go, run)
          .buildFabric(RELEASE, ['peer'])
          .then(
            () => undefined,
            (error: unknown) => error,
          );

      const wrongVersion = await attempt(wrongTree);
      expect(wrongVersion).to.be.instanceOf(FabricSourceMismatchError);
      expect(wrongVersion).to.have.property('found', 'FABRIC_VER 2.5.16');

      const archives = join(root, 'archives');
      await mkdir(archives);
      await writeFile(join(archives, 'fabric-v3.1.5.tar.gz'), 'not the release');
      const wrongArchive = await attempt(archives);
      expect(wrongArchive).to.be.instanceOf(FabricSourceMismatchError);
      expect(String(wrongArchive)).to.contain(
        'expected SHA-256 01ebc9b42c57a7d2011b55aaa541adadf8ebad697c1a8b59b38c502f8f2c21f6',
      );
      expect(calls.some((call) => call.command === 'tar')).to.be.false; // checked before unpacking

      const empty = join(root, 'empty');
      await mkdir(empty);
      expect(await attempt(empty)).to.be.instanceOf(FabricSourceNotFoundError);
      expect(calls.filter((call) => call.args[0] === 'build')).to.be.empty;
    });
  });

  it('compiles fabric-ca with cgo, statically, builds its image and removes the one it replaced', async () => {
    docker.images.add('hyperledger/fabric-ca:1.5.21');
    const { go, calls, run } = fakeGo();
    const builder = new SourceImageBuilder({
      docker,
      go,
      run,
      cacheDir: join(root, 'cache'),
      rebuild: true,
      onProgress: (event) => events.push(event),
      aptArchive: () => Promise.resolve(ARCHIVE),
    });
    await builder.buildCa(CA);
    const builds = calls.filter((call) => call.args[0] === 'build');
    expect(builds.map((call) => call.args.at(-1))).to.deep.equal(['./cmd/fabric-ca-server', './cmd/fabric-ca-client']);
    expect(builds[0]?.options.env?.CGO_ENABLED).to.equal('1');
    expect(builds[0]?.args).to.include.members(['netgo osusergo', '-linkmode external -extldflags "-static"']);
    expect(docker.builds.map((build) => build.tags)).to.deep.equal([['hyperledger/fabric-ca:1.5.21']]);
    expect(docker.contexts[0]).to.deep.equal(['bin/fabric-ca-client', 'bin/fabric-ca-server']);
    expect(docker.removed).to.deep.equal(['sha256:hyperledger/fabric-ca:1.5.21']);
    expect(events.at(-1)?.detail).to.match(/^removed the image it replaced/);
  });

  it("stamps the binaries the way Fabric's Makefile does", () => {
    expect(fabricLdflags(FABRIC)).to.equal(
      '-X github.com/hyperledger/fabric/common/metadata.Version=v2.5.0 ' +
        '-X github.com/hyperledger/fabric/common/metadata.CommitSHA=bd8e248 ' +
        '-X github.com/hyperledger/fabric/common/metadata.BaseDockerLabel=org.hyperledger.fabric ' +
        '-X github.com/hyperledger/fabric/common/metadata.DockerNamespace=hyperledger',
    );
  });
});
