import { expect } from 'chai';
import { ImageBuildError } from '../../src/errors';
import { baseImageRef, ensureBaseImage } from '../../src/internal/base-image';
import type { ProgressEvent } from '../../src/progress';
import { FakeDocker, fakeRunner } from '../support/fakes';

describe('ensureBaseImage', () => {
  const archive = { mirror: 'http://mirror.invalid/debian', suite: 'bookworm' };

  it('reuses the local base image of the suite without running anything', async () => {
    const docker = new FakeDocker([baseImageRef('bookworm')]);
    const { run, calls } = fakeRunner(() => ({}));
    const events: ProgressEvent[] = [];
    const ref = await ensureBaseImage(
      docker,
      run,
      (event) => events.push(event),
      () => Promise.resolve(archive),
    );
    expect(ref).to.equal('fabric-testkit/debian-minbase:bookworm');
    expect(calls).to.be.empty;
    expect(events).to.deep.equal([{ step: 'base-image', status: 'skipped', subject: ref, detail: 'present locally' }]);
  });

  it('says how to name an archive when apt has none', async () => {
    const { run } = fakeRunner(() => ({}));
    const error = await ensureBaseImage(
      new FakeDocker(),
      run,
      () => undefined,
      () => Promise.resolve(undefined),
    ).then(
      () => undefined,
      (caught: unknown) => caught,
    );
    expect(error).to.be.instanceOf(ImageBuildError);
    expect(String(error)).to.contain('set FABRIC_TESTKIT_DEBIAN_MIRROR and FABRIC_TESTKIT_DEBIAN_SUITE');
  });

  it('bootstraps, trims, tars and imports the root file system when the image is missing (as root)', async function () {
    if (process.getuid?.() !== 0) this.skip();
    const docker = new FakeDocker();
    const { run, calls } = fakeRunner((call) => (call.command === 'sh' ? { stdout: '/usr/sbin/x' } : {}));
    const events: ProgressEvent[] = [];
    const ref = await ensureBaseImage(
      docker,
      run,
      (event) => events.push(event),
      () => Promise.resolve(archive),
    );
    expect(docker.imports).to.deep.equal([ref]);
    const debootstrap = calls.find((call) => call.command === 'debootstrap');
    expect(debootstrap?.args.slice(0, 3)).to.deep.equal(['--variant=minbase', '--include=tzdata,curl,jq', 'bookworm']);
    expect(debootstrap?.args[4]).to.equal(archive.mirror);
    expect(calls.some((call) => call.command === 'tar')).to.be.true;
    expect(events.map((event) => event.status)).to.deep.equal(['start', 'done']);
  });

  it('reports a failed debootstrap with its output', async function () {
    if (process.getuid?.() !== 0) this.skip();
    const { run } = fakeRunner((call) =>
      call.command === 'debootstrap' ? { code: 1, stderr: 'E: Failed getting release file' } : { stdout: '/x' },
    );
    const error = await ensureBaseImage(
      new FakeDocker(),
      run,
      () => undefined,
      () => Promise.resolve(archive),
    ).then(
      () => undefined,
      (caught: unknown) => caught,
    );
    expect(error).to.be.instanceOf(ImageBuildError);
    expect(String(error)).to.contain('Failed getting release file');
  });
});
