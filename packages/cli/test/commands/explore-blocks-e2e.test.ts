/**
 * `fabric-testkit explore` and `blocks` on a network `up` started: the real CLI in its own processes, reading the
 * channel's blocks through the peer's qscc as the recorded admin.
 */
import { spawn } from 'node:child_process';
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { expect } from 'chai';
import { CLI_BIN, runCli, type CliRun } from '../support/run-cli';
import type { BlockView, OverviewView } from '@fabric-testkit/explorer';
import { fabricImages, missingImages, removeNetworkResources } from '@fabric-testkit/test-harness';

const cli = (home: string, ...args: string[]): Promise<CliRun> => runCli(home, args);

describe('fabric-testkit explore / blocks on a network `up` started', function () {
  this.timeout(180_000);
  let home: string | undefined;
  let id: string | undefined;

  before(async function () {
    const missing = await missingImages(fabricImages()).catch((e: unknown) => [`(docker: ${String(e)})`]);
    if (missing.length > 0) {
      console.log(`    skipped: images missing: ${missing.join(', ')}`);
      this.skip();
    }
    home = await mkdtemp(path.join(tmpdir(), 'ftk-explore-'));
    const up = await cli(home, 'up', '--orgs', '1');
    id = (await readdir(path.join(home, 'networks')).catch(() => []))[0]?.replace(/\.json$/, '');
    expect(up.code, up.stderr).to.equal(0);
  });

  after(async function () {
    this.timeout(60_000);
    // Only this suite's network: other suites may have networks of their own running.
    if (id !== undefined) await removeNetworkResources(id);
    if (home !== undefined) await rm(home, { recursive: true, force: true });
  });

  it('blocks --json prints the channel genesis block as the explorer model', async () => {
    const run = await cli(home ?? '', 'blocks', '--json');
    expect(run.code, run.stderr).to.equal(0);
    const blocks = JSON.parse(run.stdout) as BlockView[];
    expect(blocks[0]).to.deep.include({ channel: 'mychannel', number: 0 });
    expect(blocks[0]?.transactions[0]).to.deep.include({ validationCode: 'VALID', type: 'CONFIG', txNumber: 0 });
  });

  it('blocks prints each block and transaction as text; --from past the height prints none', async () => {
    const run = await cli(home ?? '', 'blocks', '--network', id ?? '');
    expect(run.code, run.stderr).to.equal(0);
    expect(run.stdout).to.contain('block 0 of mychannel: 1 transaction\n  tx 0 VALID channel configuration\n');
    const none = await cli(home ?? '', 'blocks', '--from', '99');
    expect(none.stdout).to.equal('no blocks from 99 on mychannel\n');
  });

  it('explore serves the page for the network until SIGINT', async () => {
    const child = spawn(process.execPath, [CLI_BIN, 'explore', id ?? ''], {
      env: { ...process.env, FABRIC_TESTKIT_HOME: home },
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    try {
      let output = '';
      const url = await new Promise<string>((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`explore printed no URL within 30 s:\n${output}`)), 30_000);
        child.stdout.setEncoding('utf8');
        child.stdout.on('data', (chunk: string) => {
          output += chunk;
          const found = /: (http:\/\/127\.0\.0\.1:\d+\/)$/m.exec(output);
          if (found?.[1] === undefined) return;
          clearTimeout(timer);
          resolve(found[1]);
        });
        child.once('exit', (code) => reject(new Error(`explore exited (${code}) before serving:\n${output}`)));
      });
      const overview = (await (await fetch(new URL('/api/overview', url))).json()) as OverviewView;
      expect(overview.source).to.contain(`network ${id ?? ''}`);
      expect(overview.organizations).to.deep.equal(['Org1MSP']);
      expect(overview.channels[0]).to.deep.include({ name: 'mychannel', height: 1 });
      const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
      child.kill('SIGINT');
      expect(await exited).to.equal(0);
    } finally {
      if (child.exitCode === null) child.kill('SIGKILL');
    }
  });
});
