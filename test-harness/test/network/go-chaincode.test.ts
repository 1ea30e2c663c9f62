import { expect } from 'chai';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startChaincodeProgram } from '../../src/network/chaincode-program';
import { freePort, isPortInUse } from '../../src/network/free-port';
import { GoBuildError, goChaincodeProblems, goChaincodeProgram } from '../../src/network/go-chaincode';
import { GO_LISTENER as LISTENER, goPackage } from '../support/go-listener';

describe('Go chaincode ({ go: DIR }): built with go build, cached by content, served as a program', function () {
  this.timeout(180_000);
  const dirs: string[] = [];
  after(() => dirs.forEach((dir) => rmSync(dir, { recursive: true, force: true })));

  it('builds once, serves the binary with the ccaas variables, and reuses the build for the same content', async () => {
    // Content no earlier run built (builds are cached by content across runs).
    const dir = goPackage(`${LISTENER}\n// run ${randomUUID()}\n`);
    dirs.push(dir);
    const lines: string[] = [];
    const program = await goChaincodeProgram({ go: dir }, (line) => lines.push(line));
    expect(lines[0]).to.equal(`building Go chaincode ${dir} (go build; cached for its content after this)`);
    const port = await freePort();
    const server = await startChaincodeProgram(program, 'cc_1.0:abc', '127.0.0.1', port, 20_000);
    expect(await isPortInUse(port)).to.equal(true);
    await server.stop();
    // A package's node_modules or dist do not change what go build reads: the same build serves it.
    mkdirSync(join(dir, 'dist'));
    writeFileSync(join(dir, 'dist', 'x.js'), '1');
    const again: string[] = [];
    expect((await goChaincodeProgram({ go: dir }, (line) => again.push(line))).server.command).to.equal(
      program.server.command,
    );
    expect(again).to.deep.equal([]);
  });

  it("fails with the compiler's output, naming the package", async () => {
    const dir = goPackage('package main\n\nfunc main() { undefinedThing() }\n');
    dirs.push(dir);
    const error = await goChaincodeProgram({ go: dir }, () => undefined).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(error).to.be.instanceOf(GoBuildError);
    expect(String(error)).to.match(
      new RegExp(`go build of chaincode ${dir} failed \\(exit code 1\\):\\n[\\s\\S]*undefined: undefinedThing`),
    );
  });

  it('checks the definition before anything starts', () => {
    const dir = mkdtempSync(join(tmpdir(), 'go-chaincode-test-'));
    dirs.push(dir);
    expect(goChaincodeProblems({ go: 'relative' })).to.deep.equal([
      'go "relative" must be an absolute path to the chaincode\'s Go main package directory',
    ]);
    expect(goChaincodeProblems({ go: dir })).to.deep.equal([
      `Go chaincode ${dir} has no go.mod; give the directory of a Go module's main package`,
    ]);
  });

  it('builds without optimizations for Delve and runs it under dlv exec --headless, continued unless waiting', async () => {
    const dir = goPackage(`${LISTENER}\n// debug ${randomUUID()}\n`);
    dirs.push(dir);
    const lines: string[] = [];
    const running = await goChaincodeProgram({ go: dir }, (line) => lines.push(line), { port: 2345, wait: false });
    expect(lines[0]).to.equal(
      `building Go chaincode ${dir} (go build -gcflags=all=-N -l; cached for its content after this)`,
    );
    expect(running.server.command).to.match(/(^|\/)dlv$/);
    expect(running.server.args?.slice(0, 1)).to.deep.equal(['exec']);
    expect(running.server.args?.slice(2)).to.deep.equal([
      '--headless',
      '--listen=127.0.0.1:2345',
      '--api-version=2',
      '--accept-multiclient',
      '--continue',
    ]);
    const waiting = await goChaincodeProgram({ go: dir }, () => undefined, { port: 2345, wait: true });
    expect(waiting.server.args).not.to.include('--continue');
    expect(waiting.server.args?.[1]).to.equal(running.server.args?.[1]);
  });
});
