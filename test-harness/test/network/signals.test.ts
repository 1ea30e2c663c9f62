import { spawn } from 'node:child_process';
import { expect } from 'chai';

const SIGNALS = require.resolve('../../src/network/signals.js');

/** A process with two networks' clean-ups (one slow), which reports each finished clean-up on stdout. */
const PROGRAM = `
  const { onTerminationSignal } = require(${JSON.stringify(SIGNALS)});
  const later = (ms, name) => () => new Promise((r) => setTimeout(() => { process.stdout.write(name + ' cleaned\\n'); r(); }, ms));
  onTerminationSignal(later(50, 'fast'));
  onTerminationSignal(later(600, 'slow'));
  const removed = onTerminationSignal(later(10, 'stopped'));
  removed();
  process.stdout.write('ready\\n');
  setTimeout(() => process.exit(0), 10000);
`;

function runAndSignal(signals: NodeJS.Signals[]): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['-e', PROGRAM], { stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
    child.stdout.on('data', (c: Buffer) => {
      stdout += c.toString();
      if (stdout === 'ready\n') signals.forEach((s, i) => setTimeout(() => child.kill(s), i * 100));
    });
    child.on('error', reject);
    child.on('exit', (code) => resolve({ code, stdout, stderr }));
  });
}

describe('clean-up on SIGINT and SIGTERM', function () {
  this.timeout(20_000);

  it('runs every registered network clean-up before exiting 130, not only the first to finish', async () => {
    const ended = await runAndSignal(['SIGINT']);
    expect(ended.code).to.equal(130);
    expect(ended.stdout).to.equal('ready\nfast cleaned\nslow cleaned\n');
  });

  it('exits 143 on SIGTERM, and a second signal during clean-up does not cut it short', async () => {
    const ended = await runAndSignal(['SIGTERM', 'SIGINT']);
    expect(ended.code).to.equal(143);
    expect(ended.stdout).to.equal('ready\nfast cleaned\nslow cleaned\n');
    expect(ended.stderr).to.match(/SIGINT again; still removing containers/);
  });
});
