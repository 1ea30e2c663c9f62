import { expect } from 'chai';
import { ensureCouchDbImageWith } from '../src/couchdb';
import { DockerEngineUnavailableError, ImageNotBuildableError } from '../src/errors';
import type { ProgressEvent } from '../src/progress';
import { COUCHDB_IMAGE, COUCHDB_SOURCE_ENV } from '../src/versions';
import { FakeCouchDbBuilder, FakeDocker } from './support/fakes';

/** Where the archive is; the fake builder never reads it. */
const SOURCE = '/mirror/couchdb-src';
const NO_ENV = {};

async function rejection(promise: Promise<unknown>): Promise<unknown> {
  return promise.then(
    () => undefined,
    (caught: unknown) => caught,
  );
}

describe('ensureCouchDbImage: present, else pulled, else built', () => {
  it('is couchdb:3.4.3, the official name', () => {
    expect(COUCHDB_IMAGE).to.equal('couchdb:3.4.3');
  });

  it('does nothing when the image is present, and says so', async () => {
    const docker = new FakeDocker([COUCHDB_IMAGE]);
    const builder = new FakeCouchDbBuilder();
    const events: ProgressEvent[] = [];
    const result = await ensureCouchDbImageWith(docker, builder, { onProgress: (e) => events.push(e) }, NO_ENV);

    expect(result).to.include({ ref: 'couchdb:3.4.3', outcome: 'present' });
    expect(result.elapsedMs).to.be.a('number');
    expect(docker.pulls).to.be.empty;
    expect(builder.calls).to.be.empty;
    expect(events).to.deep.equal([
      { step: 'check', status: 'done', subject: COUCHDB_IMAGE, detail: 'present locally, nothing to do' },
    ]);
  });

  it('pulls it when missing, and does not build', async () => {
    const docker = new FakeDocker();
    docker.pullable.add(COUCHDB_IMAGE);
    const builder = new FakeCouchDbBuilder();
    const result = await ensureCouchDbImageWith(docker, builder, {}, NO_ENV);

    expect(result.outcome).to.equal('pulled');
    expect(docker.pulls).to.deep.equal([COUCHDB_IMAGE]);
    expect(builder.calls).to.be.empty;
  });

  it('builds it from the source directory when it cannot be pulled', async () => {
    const docker = new FakeDocker();
    const builder = new FakeCouchDbBuilder();
    const events: ProgressEvent[] = [];
    const options = { source: SOURCE, onProgress: (e: ProgressEvent) => events.push(e) };
    const result = await ensureCouchDbImageWith(docker, builder, options, NO_ENV);

    expect(result.outcome).to.equal('built');
    expect(builder.calls).to.deep.equal([{ tag: '3.4.3', sourceDir: SOURCE }]);
    expect(events.map((e) => `${e.step} ${e.status}`)).to.deep.equal(['check done', 'pull start', 'pull failed']);
    expect(events[2]?.detail).to.equal('no registry');
  });

  it(`takes the source directory from ${COUCHDB_SOURCE_ENV}`, async () => {
    const builder = new FakeCouchDbBuilder();
    await ensureCouchDbImageWith(new FakeDocker(), builder, { pull: false }, { [COUCHDB_SOURCE_ENV]: SOURCE });
    expect(builder.calls).to.deep.equal([{ tag: '3.4.3', sourceDir: SOURCE }]);
  });

  it('rebuilds a present image without pulling when asked to', async () => {
    const docker = new FakeDocker([COUCHDB_IMAGE]);
    docker.pullable.add(COUCHDB_IMAGE);
    const builder = new FakeCouchDbBuilder();
    const events: ProgressEvent[] = [];
    const options = { source: SOURCE, rebuild: true, onProgress: (e: ProgressEvent) => events.push(e) };
    const result = await ensureCouchDbImageWith(docker, builder, options, NO_ENV);

    expect(result.outcome).to.equal('built');
    expect(docker.pulls).to.be.empty;
    expect(builder.calls).to.have.length(1);
    expect(events.map((e) => e.detail)).to.deep.equal(['rebuild requested', 'rebuild requested']);
  });

  it('refuses to build without a source directory, naming the variable and the archive', async () => {
    const docker = new FakeDocker();
    const builder = new FakeCouchDbBuilder();
    const error = await rejection(ensureCouchDbImageWith(docker, builder, { pull: false, source: ' ' }, NO_ENV));

    expect(error).to.be.instanceOf(ImageNotBuildableError);
    if (!(error instanceof ImageNotBuildableError)) return;
    expect(error.images).to.deep.equal([COUCHDB_IMAGE]);
    expect(error.message).to.equal(
      'couchdb:3.4.3 is not present and could not be pulled, and cannot be built: it is built from ' +
        "CouchDB's source: pass --couchdb-source DIR (or set FABRIC_TESTKIT_COUCHDB_SOURCE=DIR) with DIR holding " +
        'couchdb-3.4.3-with-deps.tar.gz, or pull or `docker load` couchdb:3.4.3 where a registry can be reached.',
    );
    expect(builder.calls).to.be.empty;
  });

  it('fails with DockerEngineUnavailableError before looking for the image when no engine answers', async () => {
    const docker = new FakeDocker();
    docker.engineUp = false;
    const error = await rejection(ensureCouchDbImageWith(docker, new FakeCouchDbBuilder(), { source: SOURCE }));
    expect(error).to.be.instanceOf(DockerEngineUnavailableError);
    expect(docker.pulls).to.be.empty;
  });
});
