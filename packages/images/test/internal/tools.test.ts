import { expect } from 'chai';
import { MissingToolError } from '../../src/errors';
import type { ProgressEvent } from '../../src/progress';
import { COUCHDB_BUILD_TOOLS, DEBOOTSTRAP, ensureTool, GCC } from '../../src/internal/tools';
import { fakeRunner } from '../support/fakes';

describe('ensureTool', () => {
  it('does nothing when the command exists', async () => {
    const { run, calls } = fakeRunner(() => ({ stdout: '/usr/bin/gcc\n' }));
    await ensureTool(run, GCC, () => undefined, false);
    expect(calls).to.have.length(1);
    expect(calls[0]?.args).to.deep.equal(['-c', 'command -v "$1"', 'sh', 'gcc']);
  });

  it('throws MissingToolError with the remedy when it cannot install (not root)', async () => {
    const { run } = fakeRunner(() => ({ code: 1 }));
    const error = await ensureTool(run, DEBOOTSTRAP, () => undefined, false).then(
      () => undefined,
      (caught: unknown) => caught,
    );
    expect(error).to.be.instanceOf(MissingToolError);
    expect(String(error)).to.contain('install debootstrap (Debian/Ubuntu: apt-get install debootstrap)');
  });

  it('installs the packages with apt-get as root, and reports it', async () => {
    let installed = false;
    const { run, calls } = fakeRunner((call) => {
      if (call.command === 'apt-get' && call.args[0] === 'install') installed = true;
      if (call.command === 'sh') {
        const found = call.args[3] === 'apt-get' || installed;
        return found ? { stdout: `/usr/bin/${String(call.args[3])}` } : { code: 1 };
      }
      return {};
    });
    const events: ProgressEvent[] = [];
    await ensureTool(run, GCC, (event) => events.push(event), true);
    expect(calls.filter((call) => call.command === 'apt-get').map((call) => call.args)).to.deep.equal([
      ['update', '-qq'],
      ['install', '-y', '-qq', 'gcc', 'libc6-dev'],
    ]);
    expect(events.map((event) => event.status)).to.deep.equal(['start', 'done']);
  });

  it('reports a failed apt-get install', async () => {
    const { run } = fakeRunner((call) => {
      if (call.command === 'sh') return call.args[3] === 'apt-get' ? { stdout: '/usr/bin/apt-get' } : { code: 1 };
      return call.args[0] === 'install' ? { code: 100 } : {};
    });
    const events: ProgressEvent[] = [];
    const error = await ensureTool(run, GCC, (event) => events.push(event), true).then(
      () => undefined,
      (caught: unknown) => caught,
    );
    expect(error).to.be.instanceOf(MissingToolError);
    expect(String(error)).to.contain('apt-get could not install gcc libc6-dev');
    expect(events.map((event) => event.status)).to.deep.equal(['start', 'failed']);
  });

  it('counts a tool as installed only with the other commands and files it needs', async () => {
    let installed = false;
    const { run, calls } = fakeRunner((call) => {
      if (call.command === 'apt-get' && call.args[0] === 'install') installed = true;
      if (call.command !== 'sh') return {};
      if (call.args.length > 4) return installed ? {} : { code: 1 }; // the check of the other commands and files
      return { stdout: `/usr/bin/${String(call.args[3])}` };
    });
    await ensureTool(run, COUCHDB_BUILD_TOOLS, () => undefined, true);

    const checks = calls.filter((call) => call.command === 'sh' && call.args.length > 4);
    expect(checks).to.have.length(2);
    expect(checks[0]?.args.slice(3)).to.include.members(['rebar', 'g++', '/usr/include/unicode/ucol.h']);
    const install = calls.find((call) => call.args[0] === 'install');
    expect(install?.args).to.include.members(['erlang-nox', 'erlang-dev', 'rebar3', 'libicu-dev', 'build-essential']);
  });
});
