import { expect } from 'chai';
import { readFileSync, statSync } from 'node:fs';
import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CouchDbSourceMismatchError, CouchDbSourceNotFoundError, ImageBuildError } from '../../src/errors';
import { baseImageRef } from '../../src/internal/base-image';
import { CouchDbSourceBuilder } from '../../src/internal/couchdb-builder';
import { fileSha256 } from '../../src/internal/files';
import { runCommand, type RunResult } from '../../src/internal/run';
import type { ProgressEvent } from '../../src/progress';
import type { CouchDbPin } from '../../src/versions';
import { FakeDocker, fakeRunner, type RecordedCall } from '../support/fakes';

const ARCHIVE = { mirror: 'http://mirror.invalid/debian', suite: 'bookworm' };

async function rejection(promise: Promise<unknown>): Promise<unknown> {
  return promise.then(
    () => undefined,
    (caught: unknown) => caught,
  );
}

describe('CouchDbSourceBuilder (commands and docker faked, the archive real)', () => {
  let root: string;
  let source: string;
  let cache: string;
  let pin: CouchDbPin;
  let docker: FakeDocker;
  let events: ProgressEvent[];

  beforeEach(async () => {
    root = await mkdtemp(join(tmpdir(), 'couchdb-builder-test-'));
    source = join(root, 'source');
    cache = join(root, 'cache');
    // A tiny archive shaped like the real one: couchdb-9.9.9/ with configure (and no bin/).
    const tree = join(root, 'tree', 'couchdb-9.9.9');
    await mkdir(join(tree, 'src', 'snappy'), { recursive: true });
    await mkdir(join(tree, 'src', 'jiffy'));
    await mkdir(join(tree, 'rel'));
    await mkdir(join(tree, 'bin'));
    for (const file of ['configure', 'rel/reltool.config', 'bin/erlang-version.escript']) {
      await writeFile(join(tree, file), '#!/bin/sh\n');
    }
    await writeFile(join(root, 'rebar'), 'rebar');
    await mkdir(source);
    const archive = join(source, 'couchdb-9.9.9-with-deps.tar.gz');
    const tar = await runCommand('tar', ['-czf', archive, '-C', join(root, 'tree'), 'couchdb-9.9.9']);
    expect(tar.code).to.equal(0);
    const sha256 = await fileSha256(archive);
    pin = {
      tag: '9.9.9',
      archive: 'couchdb-9.9.9-with-deps.tar.gz',
      commit: 'abc',
      sha256,
      dependencies: ['snappy', 'jiffy'],
    };
    docker = new FakeDocker([baseImageRef(ARCHIVE.suite)]);
    events = [];
  });

  afterEach(async () => {
    await rm(root, { recursive: true, force: true });
  });

  /** Tools are installed; tar really unpacks; `make release` writes rel/couchdb and prints lines. */
  function fakeRun(answer: (call: RecordedCall) => Partial<RunResult> | undefined = () => undefined): {
    builder: CouchDbSourceBuilder;
    calls: RecordedCall[];
  } {
    const { run, calls } = fakeRunner((call) => {
      const given = answer(call);
      if (given !== undefined) return given;
      if (call.command === 'sh') return { stdout: join(root, 'rebar') };
      if (call.command === 'dpkg-query') return { stdout: 'libicu-dev installed\nlibicu72 installed\n' };
      return {};
    });
    const real: typeof run = async (command, args, options) => {
      const result = await run(command, args, options);
      if (command === 'tar') return runCommand(command, args, options);
      if (command === 'make' && result.code === 0) {
        const rel = join(options?.cwd ?? '', 'rel', 'couchdb');
        await mkdir(join(rel, 'bin'), { recursive: true });
        await writeFile(join(rel, 'bin', 'couchdb'), '#!/bin/sh\n');
        for (const line of ['==> rel (compile)', '', 'made']) options?.onLine?.(line);
      }
      return result;
    };
    const builder = new CouchDbSourceBuilder({
      docker,
      run: real,
      cacheDir: cache,
      rebuild: false,
      onProgress: (event) => events.push(event),
      aptArchive: () => Promise.resolve(ARCHIVE),
      heartbeatMs: 0,
    });
    return { builder, calls };
  }

  it('unpacks the checked archive, runs the recipe and make release, and builds the image on the base', async () => {
    const { builder, calls } = fakeRun();
    await builder.buildCouchDb(pin, source);

    const commands = calls.filter((c) => c.command !== 'sh').map((c) => [c.command, ...c.args].join(' '));
    expect(commands).to.deep.equal([
      `tar -xzf ${join(source, pin.archive)} -C ${String(calls.find((c) => c.command === 'tar')?.args[3])}`,
      'git init -q',
      'git add -A',
      'git -c user.name=fabric-testkit -c user.email=fabric-testkit@localhost -c commit.gpgsign=false commit -qm 9.9.9',
      'git tag 9.9.9',
      './configure --disable-docs --disable-fauxton --disable-spidermonkey --js-engine=quickjs --without-proper',
      'make release',
      'dpkg-query -W -f ${Package} ${db:Status-Status}\\n libicu*',
      'apt-get download libicu72 tini',
    ]);
    expect(docker.builds).to.have.length(1);
    const build = docker.builds[0];
    expect(build?.tags).to.deep.equal(['couchdb:9.9.9']);
    expect(build?.dockerfile).to.match(/build\/docker\/couchdb\.Dockerfile$/);
    expect(build?.buildArgs).to.deep.equal({
      BASE_IMAGE: 'fabric-testkit/debian-minbase:bookworm',
      COUCHDB_VERSION: '9.9.9',
    });
    expect(build?.labels).to.include({
      'org.opencontainers.image.version': '9.9.9',
      'org.opencontainers.image.revision': 'abc',
      'fabric-testkit.built-from': 'source-archive',
      'fabric-testkit.source': 'couchdb-9.9.9-with-deps.tar.gz',
    });
    expect(docker.contexts[0]).to.deep.equal([
      '10-docker-default.ini',
      'couchdb/bin/couchdb',
      'docker-entrypoint.sh',
      'vm.args',
    ]);
    // The release stays in the cache; the scratch tree is gone.
    expect(await readdir(join(cache, 'couchdb-9.9.9'))).to.deep.equal(['release']);
    const steps = events.map((e) => `${e.step} ${e.status}`);
    expect(steps).to.deep.equal([
      'unpack start',
      'unpack done',
      'compile start',
      'compile running',
      'compile running',
      'compile done',
      'base-image skipped',
      'image-build start',
      'download start',
      'download done',
      'image-build done',
    ]);
    expect(events[3]).to.include({ subject: 'couchdb 9.9.9', detail: '==> rel (compile)' });
  });

  it('copies the host rebar and rebar3 into the tree, makes erlfmt a no-op and adds src/fauxton', async () => {
    const seen: Record<string, string> = {};
    const { builder } = fakeRun((call) => {
      if (call.command !== 'make') return undefined;
      const tree = call.options.cwd ?? '';
      for (const file of ['bin/rebar', 'bin/rebar3', 'bin/erlfmt']) {
        const stat = statSync(join(tree, file));
        seen[file] = `${(stat.mode & 0o777).toString(8)} ${readFileSync(join(tree, file), 'utf8')}`;
      }
      seen.fauxton = String(statSync(join(tree, 'src', 'fauxton')).isDirectory());
      return undefined;
    });
    await builder.buildCouchDb(pin, source);
    expect(seen).to.deep.equal({
      'bin/rebar': '755 rebar',
      'bin/rebar3': '755 rebar',
      'bin/erlfmt': '755 #!/bin/sh\nexit 0\n',
      fauxton: 'true',
    });
  });

  it('reuses the compiled release on the next build', async () => {
    await fakeRun().builder.buildCouchDb(pin, source);
    events = [];
    const { builder, calls } = fakeRun();
    await builder.buildCouchDb(pin, source);

    expect(calls.some((c) => c.command === 'make' || c.command === 'tar')).to.be.false;
    expect(events[0]).to.deep.include({ step: 'compile', status: 'skipped', subject: 'couchdb 9.9.9' });
    expect(docker.builds).to.have.length(2);
  });

  it('refuses an archive whose SHA-256 is not the pinned one, before unpacking it', async () => {
    const { builder, calls } = fakeRun();
    const error = await rejection(builder.buildCouchDb({ ...pin, sha256: 'f'.repeat(64) }, source));

    expect(error).to.be.instanceOf(CouchDbSourceMismatchError);
    expect(String(error)).to.contain(`expected SHA-256 ${'f'.repeat(64)}, found SHA-256 ${pin.sha256}`);
    expect(calls.some((c) => c.command === 'tar')).to.be.false;
    expect(await readdir(join(cache, 'couchdb-9.9.9'))).to.deep.equal([]);
  });

  it('refuses an archive without the dependencies under src/, before compiling anything', async () => {
    const { builder, calls } = fakeRun();
    const error = await rejection(builder.buildCouchDb({ ...pin, dependencies: ['snappy', 'meck', 'recon'] }, source));

    expect(error).to.be.instanceOf(CouchDbSourceMismatchError);
    expect(String(error)).to.contain(
      'expected couchdb-9.9.9/ with configure, rel/reltool.config, bin/erlang-version.escript and its dependencies ' +
        'under src/ (snappy, meck, recon), found no src/meck, src/recon.',
    );
    expect(calls.some((c) => c.command === 'git' || c.command === 'make')).to.be.false;
  });

  it('names the directory and archive when the archive is not there', async () => {
    const { builder } = fakeRun();
    const error = await rejection(builder.buildCouchDb({ ...pin, archive: 'couchdb-1.0.0-with-deps.tar.gz' }, source));

    expect(error).to.be.instanceOf(CouchDbSourceNotFoundError);
    expect(String(error)).to.contain(`${source} does not hold couchdb-1.0.0-with-deps.tar.gz`);
    expect(String(error)).to.contain('FABRIC_TESTKIT_COUCHDB_SOURCE');
  });

  it('fails with the tail of make output, keeping nothing half-built in the cache', async () => {
    const { builder } = fakeRun((call) =>
      call.command === 'make' ? { code: 2, stderr: 'ERROR: compile failed\nmake: *** [release] Error 1' } : undefined,
    );
    const error = await rejection(builder.buildCouchDb(pin, source));

    expect(error).to.be.instanceOf(ImageBuildError);
    if (!(error instanceof ImageBuildError)) return;
    expect(error.step).to.equal('make release (CouchDB)');
    expect(error.output).to.equal('ERROR: compile failed\nmake: *** [release] Error 1');
    expect(await readdir(join(cache, 'couchdb-9.9.9'))).to.deep.equal([]);
    expect(events.at(-1)).to.include({ step: 'compile', status: 'failed' });
    expect(docker.builds).to.be.empty;
  });

  it('fails when a recipe step fails', async () => {
    const { builder } = fakeRun((call) => (call.args[0] === 'tag' ? { code: 128, stderr: 'tag exists' } : undefined));
    const error = await rejection(builder.buildCouchDb(pin, source));
    expect(error).to.be.instanceOf(ImageBuildError);
    expect(error).to.have.property('step', 'git tag 9.9.9');
  });

  it('refreshes apt lists once when apt-get download fails, then fails with its output', async () => {
    let downloads = 0;
    const { builder, calls } = fakeRun((call) => {
      if (call.command === 'apt-get' && call.args[0] === 'download') {
        downloads += 1;
        return downloads === 1 ? { code: 100, stderr: 'E: Unable to locate package tini' } : {};
      }
      return undefined;
    });
    await builder.buildCouchDb(pin, source);
    expect(calls.filter((c) => c.command === 'apt-get').map((c) => c.args[0])).to.deep.equal([
      'download',
      'update',
      'download',
    ]);

    const failing = fakeRun((call) =>
      call.command === 'apt-get' ? { code: 100, stderr: 'E: no network' } : undefined,
    );
    const error = await rejection(failing.builder.buildCouchDb(pin, source));
    expect(error).to.be.instanceOf(ImageBuildError);
    expect(error).to.have.property('step', 'apt-get download libicu72 tini');
  });

  it('fails when no ICU runtime package is installed', async () => {
    const { builder } = fakeRun((call) =>
      call.command === 'dpkg-query' ? { stdout: 'libicu-dev installed\n' } : undefined,
    );
    const error = await rejection(builder.buildCouchDb(pin, source));
    expect(error).to.be.instanceOf(ImageBuildError);
    expect(error).to.have.property('step', 'find the ICU runtime package');
  });

  it('refuses an archive without the expected top folder', async () => {
    const other = join(root, 'other');
    await mkdir(join(other, 'something-else'), { recursive: true });
    const archive = join(source, 'odd.tar.gz');
    await runCommand('tar', ['-czf', archive, '-C', other, 'something-else']);
    const { builder } = fakeRun();
    const error = await rejection(
      builder.buildCouchDb({ ...pin, archive: 'odd.tar.gz', sha256: await fileSha256(archive) }, source),
    );
    expect(error).to.be.instanceOf(CouchDbSourceMismatchError);
    expect(String(error)).to.contain('found no configure, rel/reltool.config, bin/erlang-version.escript, src/snappy');
  });

  it('fails when tar cannot unpack the archive', async () => {
    const broken = join(source, 'broken.tar.gz');
    await writeFile(broken, 'not gzip');
    const { builder } = fakeRun();
    const error = await rejection(
      builder.buildCouchDb({ ...pin, archive: 'broken.tar.gz', sha256: await fileSha256(broken) }, source),
    );
    expect(error).to.be.instanceOf(ImageBuildError);
    expect(error).to.have.property('step', 'unpack broken.tar.gz');
    expect(await readFile(broken, 'utf8')).to.equal('not gzip');
  });
});
