import { expect } from 'chai';
import { mkdtemp, readFile, rm, stat, writeFile, chmod, mkdir } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { GoProxyUnreachableError, ImageBuildError, MissingToolError, ModuleNotServedError } from '../../src/errors';
import { classifyGoFailure, GoToolchain } from '../../src/internal/go-toolchain';
import { fakeRunner, type RecordedCall } from '../support/fakes';

const GO_VERSION = { stdout: 'go version go1.26.8 linux/amd64\n' };

async function rejection(promise: Promise<unknown>): Promise<unknown> {
  return promise.then(
    () => undefined,
    (error: unknown) => error,
  );
}

describe('GoToolchain', () => {
  it('reports a missing go command as MissingToolError with where to get Go', async () => {
    const { run } = fakeRunner(() => ({ notFound: true, code: -2 }));
    const error = await rejection(new GoToolchain(run, 'go').version());
    expect(error).to.be.instanceOf(MissingToolError);
    expect(String(error)).to.contain('install Go (https://go.dev/dl/');
  });

  it('resolves a module download to its directory', async () => {
    const { run, calls } = fakeRunner((call) =>
      call.args[0] === 'version' ? GO_VERSION : { stdout: '{"Path":"m","Version":"v1","Dir":"/mod/m@v1"}' },
    );
    expect(await new GoToolchain(run, 'go').download('m', 'v1')).to.equal('/mod/m@v1');
    expect(calls[1]?.args).to.deep.equal(['mod', 'download', '-json', 'm@v1']);
  });

  it('tells a refused module version from an unreachable proxy', async () => {
    const answer =
      (error: string) =>
      (call: RecordedCall): Partial<{ code: number; stdout: string }> => {
        if (call.args[0] === 'version') return GO_VERSION;
        if (call.args[0] === 'env') return { stdout: 'https://proxy.invalid\n' };
        return { code: 1, stdout: JSON.stringify({ Path: 'm', Version: 'v1', Error: error }) };
      };
    const refused = fakeRunner(answer('reading https://proxy.invalid/m/@v/v1.info: 403 Forbidden'));
    const notServed = await rejection(new GoToolchain(refused.run, 'go').download('m', 'v1'));
    expect(notServed).to.be.instanceOf(ModuleNotServedError);
    expect(String(notServed)).to.contain('GOPROXY=https://proxy.invalid');

    const offline = fakeRunner(
      answer('Get "https://proxy.invalid/m/@v/v1.info": dial tcp: lookup proxy.invalid: no such host'),
    );
    expect(await rejection(new GoToolchain(offline.run, 'go').download('m', 'v1'))).to.be.instanceOf(
      GoProxyUnreachableError,
    );
  });

  it('classifies other download failures as a build error', () => {
    expect(classifyGoFailure('m@v1', 'off', 'module lookup disabled by GOPROXY=off')).to.be.instanceOf(ImageBuildError);
    expect(classifyGoFailure('m@v1', 'x', 'connection refused')).to.be.instanceOf(GoProxyUnreachableError);
    expect(classifyGoFailure('m@v1', 'x', 'This module version is not available')).to.be.instanceOf(
      ModuleNotServedError,
    );
  });

  it('compiles with CGO off or on, -mod=mod, tags and ldflags as asked', async () => {
    const { run, calls } = fakeRunner(() => ({}));
    const go = new GoToolchain(run, 'go');
    await go.compile({ dir: '/w', pkg: './cmd/peer', output: '/o/peer', cgo: false, mod: 'mod', ldflags: '-X a=b' });
    await go.compile({ dir: '/w', pkg: './cmd/x', output: '/o/x', cgo: true, tags: ['netgo', 'osusergo'] });
    expect(calls[0]?.args).to.deep.equal([
      'build',
      '-buildvcs=false',
      '-trimpath',
      '-o',
      '/o/peer',
      '-mod=mod',
      '-ldflags',
      '-X a=b',
      './cmd/peer',
    ]);
    expect(calls[0]?.options.env?.CGO_ENABLED).to.equal('0');
    expect(calls[0]?.options.cwd).to.equal('/w');
    expect(calls[1]?.args).to.deep.equal([
      'build',
      '-buildvcs=false',
      '-trimpath',
      '-o',
      '/o/x',
      '-tags',
      'netgo osusergo',
      './cmd/x',
    ]);
    expect(calls[1]?.options.env?.CGO_ENABLED).to.equal('1');
  });

  it('reports a compile error with go output, and a download failure during a compile as such', async () => {
    const failing = fakeRunner((call) =>
      call.args[0] === 'env' ? { stdout: 'p' } : { code: 1, stderr: './main.go:3: undefined: x' },
    );
    const error = await rejection(
      new GoToolchain(failing.run, 'go').compile({ dir: '/w', pkg: './cmd/a', output: '/o', cgo: false }),
    );
    expect(error).to.be.instanceOf(ImageBuildError);
    expect(String(error)).to.contain('undefined: x');

    const offline = fakeRunner((call) =>
      call.args[0] === 'env' ? { stdout: 'p' } : { code: 1, stderr: 'go: downloading x v1\ndial tcp: i/o timeout' },
    );
    const netError = await rejection(
      new GoToolchain(offline.run, 'go').compile({ dir: '/w', pkg: './cmd/a', output: '/o', cgo: false }),
    );
    expect(netError).to.be.instanceOf(GoProxyUnreachableError);
  });

  it('copies a read-only module to a writable directory and downloads its dependencies there', async () => {
    const root = await mkdtemp(join(tmpdir(), 'gotoolchain-test-'));
    try {
      const moduleDir = join(root, 'mod');
      await mkdir(join(moduleDir, 'cmd'), { recursive: true });
      await writeFile(join(moduleDir, 'go.mod'), 'module m\n');
      await chmod(join(moduleDir, 'go.mod'), 0o444);
      await chmod(join(moduleDir, 'cmd'), 0o555);
      const { run, calls } = fakeRunner(() => ({}));
      const dir = await new GoToolchain(run, 'go').prepare(moduleDir, root, 'm@v1');
      expect(await readFile(join(dir, 'go.mod'), 'utf8')).to.equal('module m\n');
      expect((await stat(join(dir, 'go.mod'))).mode & 0o200).to.equal(0o200);
      expect((await stat(join(dir, 'cmd'))).mode & 0o200).to.equal(0o200);
      expect(calls.map((call) => [call.args, call.options.cwd])).to.deep.equal([[['mod', 'download'], dir]]);
    } finally {
      await chmod(join(root, 'mod', 'cmd'), 0o755).catch(() => undefined);
      await rm(root, { recursive: true, force: true });
    }
  });

  it('runs go test and reports failures', async () => {
    const { run } = fakeRunner(() => ({ code: 1, stdout: '--- FAIL: TestDetect' }));
    const error = await rejection(new GoToolchain(run, 'go').test('/w', ['./...']));
    expect(error).to.be.instanceOf(ImageBuildError);
    expect(String(error)).to.contain('FAIL: TestDetect');
  });
});
