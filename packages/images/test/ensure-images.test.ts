import { expect } from 'chai';
import { defaultCacheDir, ensureImagesWith } from '../src/ensure-images';
import { DockerEngineUnavailableError, ImageNotBuildableError, UnknownVersionError } from '../src/errors';
import type { ProgressEvent } from '../src/progress';
import { FABRIC_SOURCE_ENV } from '../src/versions';
import { FakeBuilder, FakeDocker } from './support/fakes';

const PEER = 'hyperledger/fabric-peer:2.5.16';
const ORDERER = 'hyperledger/fabric-orderer:2.5.16';
const TOOLS = 'hyperledger/fabric-tools:2.5.16';
/** Where the release archives are; the fake builder never reads it. */
const SOURCE = '/mirror/fabric-src';
const CA = 'hyperledger/fabric-ca:1.5.21';
const ALL = [PEER, ORDERER, TOOLS, CA];

describe('ensureImages: present, else pulled, else built', () => {
  it('does nothing when every image is present, and says so per image', async () => {
    const docker = new FakeDocker(ALL);
    const builder = new FakeBuilder();
    const events: ProgressEvent[] = [];
    const result = await ensureImagesWith(docker, builder, { onProgress: (event) => events.push(event) });

    expect(result.images.map((image) => [image.ref, image.outcome])).to.deep.equal(ALL.map((ref) => [ref, 'present']));
    expect(docker.pulls).to.be.empty;
    expect(builder.fabricCalls).to.be.empty;
    expect(builder.caCalls).to.be.empty;
    expect(events.map((event) => event.detail)).to.deep.equal(Array(4).fill('present locally, nothing to do'));
  });

  it('pulls missing images and builds only what could not be pulled, Fabric images in one build', async () => {
    const docker = new FakeDocker([PEER]);
    docker.pullable.add(CA);
    const builder = new FakeBuilder();
    const result = await ensureImagesWith(docker, builder, { fabricSource: SOURCE });

    expect(docker.pulls).to.deep.equal([ORDERER, TOOLS, CA]);
    expect(builder.fabricCalls).to.deep.equal([{ tag: '2.5.16', components: ['orderer', 'tools'] }]);
    expect(builder.caCalls).to.be.empty;
    expect(result.images.map((image) => image.outcome)).to.deep.equal(['present', 'built', 'built', 'pulled']);
  });

  it('does not pull when pulls are off', async () => {
    const docker = new FakeDocker();
    docker.pullable = new Set(ALL);
    const builder = new FakeBuilder();
    const events: ProgressEvent[] = [];
    await ensureImagesWith(docker, builder, {
      pull: false,
      fabricSource: SOURCE,
      onProgress: (event) => events.push(event),
    });

    expect(docker.pulls).to.be.empty;
    expect(builder.fabricCalls).to.deep.equal([{ tag: '2.5.16', components: ['peer', 'orderer', 'tools'] }]);
    expect(builder.caCalls).to.deep.equal(['1.5.21']);
    expect(events.filter((event) => event.step === 'pull').map((event) => event.detail)).to.deep.equal(
      Array(4).fill('pulls turned off'),
    );
  });

  it('rebuilds present images without pulling when asked to', async () => {
    const docker = new FakeDocker(ALL);
    const builder = new FakeBuilder();
    const result = await ensureImagesWith(docker, builder, { rebuild: true, fabricSource: SOURCE });

    expect(docker.pulls).to.be.empty;
    expect(builder.fabricCalls).to.have.length(1);
    expect(builder.caCalls).to.deep.equal(['1.5.21']);
    expect(result.images.every((image) => image.outcome === 'built')).to.be.true;
  });

  it('works on the components asked for only', async () => {
    const docker = new FakeDocker();
    const builder = new FakeBuilder();
    const result = await ensureImagesWith(docker, builder, { components: ['orderer', 'peer'], fabricSource: SOURCE });

    expect(result.images.map((image) => image.ref)).to.deep.equal([PEER, ORDERER]);
    expect(builder.fabricCalls).to.deep.equal([{ tag: '2.5.16', components: ['peer', 'orderer'] }]);
    expect(builder.caCalls).to.be.empty;
  });

  it('refuses to build a release pin without its source, before building anything, naming what to give', async () => {
    const docker = new FakeDocker();
    const builder = new FakeBuilder();
    const saved = process.env[FABRIC_SOURCE_ENV];
    delete process.env[FABRIC_SOURCE_ENV];
    const error = await ensureImagesWith(docker, builder, { fabric: '3.1' })
      .then(
        () => undefined,
        (caught: unknown) => caught,
      )
      .finally(() => {
        if (saved !== undefined) process.env[FABRIC_SOURCE_ENV] = saved;
      });
    expect(error).to.be.instanceOf(ImageNotBuildableError);
    if (!(error instanceof ImageNotBuildableError)) return;
    expect(error.images).to.deep.equal([
      'hyperledger/fabric-peer:3.1.5',
      'hyperledger/fabric-orderer:3.1.5',
      'hyperledger/fabric-tools:3.1.5',
    ]);
    expect(error.message).to.contain(
      "cannot be built: it is built from Fabric's release source: pass --fabric-source DIR (or set " +
        'FABRIC_TESTKIT_FABRIC_SOURCE=DIR) with DIR holding fabric-v3.1.5.tar.gz or its unpacked tree',
    );
    expect(builder.fabricCalls).to.be.empty;
    expect(builder.caCalls).to.be.empty;
  });

  it('builds a release pin when its source is given, and the Go-module pin 2.5.0 without it', async () => {
    const builder = new FakeBuilder();
    await ensureImagesWith(new FakeDocker([CA]), builder, { fabric: '3.1', fabricSource: SOURCE });
    await ensureImagesWith(new FakeDocker([CA]), builder, { fabric: '2.5.0' });
    expect(builder.fabricCalls.map((call) => call.tag)).to.deep.equal(['3.1.5', '2.5.0']);
  });

  it('uses a pulled release pin like any other image', async () => {
    const docker = new FakeDocker([CA]);
    docker.pullable = new Set(['peer', 'orderer', 'tools'].map((c) => `hyperledger/fabric-${c}:3.1.5`));
    const result = await ensureImagesWith(docker, new FakeBuilder(), { fabric: '3.1' });
    expect(result.images.map((image) => image.outcome)).to.deep.equal(['pulled', 'pulled', 'pulled', 'present']);
  });

  it('fails with DockerEngineUnavailableError before looking at any image when no engine answers', async () => {
    const docker = new FakeDocker();
    docker.engineUp = false;
    const error = await ensureImagesWith(docker, new FakeBuilder(), {}).then(
      () => undefined,
      (caught: unknown) => caught,
    );
    expect(error).to.be.instanceOf(DockerEngineUnavailableError);
    expect(docker.pulls).to.be.empty;
  });

  it('bad input 8: refuses a Fabric version that is not pinned before asking Docker anything', async () => {
    const docker = new FakeDocker();
    docker.engineUp = false;
    const error = await ensureImagesWith(docker, new FakeBuilder(), { fabric: '2.4' }).then(
      () => undefined,
      (caught: unknown) => caught,
    );
    expect(error).to.be.instanceOf(UnknownVersionError);
    expect(error).to.have.property(
      'message',
      'Fabric version 2.4 is not pinned; pick one of 2.5.0, 2.5.16, 3.1.5 (or a line such as 2.5).',
    );
    expect(docker.pulls).to.be.empty;
  });

  it('keeps its build cache under XDG_CACHE_HOME, or where FABRIC_TESTKIT_CACHE_DIR says', () => {
    expect(defaultCacheDir({ XDG_CACHE_HOME: '/x' })).to.equal('/x/fabric-testkit/images');
    expect(defaultCacheDir({ FABRIC_TESTKIT_CACHE_DIR: '/y' })).to.equal('/y');
    expect(defaultCacheDir({})).to.match(/\.cache\/fabric-testkit\/images$/);
  });
});
