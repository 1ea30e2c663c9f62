// Runs every lab of docs/labs exactly as written, each command through bash from the repository root with a
// `fabric-testkit` on PATH, twice: on the in-memory network (FABRIC_TESTKIT_TARGET=mock, as the labs' README tells
// students without Docker) and on a real network in containers (skipped without Docker or the Fabric images).
import { expect } from 'chai';
import { execFile } from 'node:child_process';
import { chmod, mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import {
  fabricImages,
  missingImages,
  removeNetworkResources,
  stopDetachedChaincodeServer,
} from '@fabric-testkit/test-harness';
import { NetworkStateStore } from '../../src/commands/network-state';
import { labSteps, type LabStep } from '../support/lab-script';

const REPO = path.resolve(__dirname, '..', '..', '..', '..', '..');
const LABS = path.join(REPO, 'docs', 'labs');
const BIN = path.resolve(__dirname, '..', '..', '..', 'bin', 'fabric-testkit.js');
/** The longest one command may take (a real `up --chaincode`). */
const STEP_TIMEOUT_MS = 240_000;

interface Run {
  readonly code: number;
  readonly output: string;
}

/** A directory with a `fabric-testkit` that runs this checkout's CLI, and a state directory. */
async function sandbox(): Promise<{ bin: string; home: string; root: string }> {
  const root = await mkdtemp(path.join(tmpdir(), 'ftk-lab-'));
  const bin = path.join(root, 'bin');
  await mkdir(bin);
  const shim = path.join(bin, 'fabric-testkit');
  await writeFile(shim, `#!/bin/sh\nexec "${process.execPath}" "${BIN}" "$@"\n`);
  await chmod(shim, 0o755);
  return { bin, home: path.join(root, 'home'), root };
}

/** Stops the chaincode servers and removes the containers of every network recorded in `home`, and the records. */
async function removeRecordedNetworks(home: string): Promise<void> {
  const store = new NetworkStateStore(home);
  for (const stored of await store.list()) {
    for (const chaincode of stored.description?.chaincodes ?? []) {
      for (const server of chaincode.servers) await stopDetachedChaincodeServer(server.pid, server.packageId);
    }
    await removeNetworkResources(stored.id);
    await store.remove(stored.id);
  }
}

function runStep(step: LabStep, env: NodeJS.ProcessEnv): Promise<Run> {
  return new Promise((resolve) => {
    execFile(
      'bash',
      ['-c', step.command],
      { cwd: REPO, env, timeout: STEP_TIMEOUT_MS, maxBuffer: 16 * 1024 * 1024 },
      (error, stdout, stderr) => {
        const code = error === null ? 0 : typeof error.code === 'number' ? error.code : -1;
        resolve({ code, output: `${stdout}${stderr}` });
      },
    );
  });
}

async function labFiles(): Promise<string[]> {
  return (await readdir(LABS)).filter((f) => /^lab-\d+-.*\.md$/.test(f)).sort();
}

function describeLabs(target: 'mock' | 'network'): void {
  describe(`the labs on ${target === 'mock' ? 'the in-memory network' : 'a real network'}`, function () {
    this.timeout(target === 'mock' ? 120_000 : 20 * 60_000);
    let box: { bin: string; home: string; root: string } | undefined;

    before(async function () {
      if (target === 'network') {
        const missing = await missingImages(fabricImages()).catch((e: unknown) => [`(docker: ${String(e)})`]);
        if (missing.length > 0) {
          console.log(`    skipped: images missing: ${missing.join(', ')}`);
          this.skip();
        }
      }
      box = await sandbox();
    });

    afterEach(async () => {
      // A lab that failed half-way leaves its network: remove it and its chaincode servers before the next one,
      // with the harness directly (not the CLI under test, which may be what failed).
      if (box !== undefined) await removeRecordedNetworks(box.home);
    });

    after(async () => {
      if (box === undefined) return;
      await removeRecordedNetworks(box.home);
      await rm(box.root, { recursive: true, force: true });
    });

    function envOf(b: { bin: string; home: string }): NodeJS.ProcessEnv {
      const env: NodeJS.ProcessEnv = {
        ...process.env,
        PATH: `${b.bin}${path.delimiter}${process.env['PATH'] ?? ''}`,
        FABRIC_TESTKIT_HOME: b.home,
      };
      if (target === 'mock') env['FABRIC_TESTKIT_TARGET'] = 'mock';
      else delete env['FABRIC_TESTKIT_TARGET'];
      return env;
    }

    for (const lab of ['lab-1-first-network.md', 'lab-2-private-data.md', 'lab-3-upgrade-and-mvcc.md']) {
      it(`${lab} runs as written`, async () => {
        if (box === undefined) throw new Error('no sandbox');
        const steps = labSteps(await readFile(path.join(LABS, lab), 'utf8'));
        expect(steps.length).to.be.greaterThan(3);
        for (const step of steps) {
          const run = await runStep(step, envOf(box));
          const where = `${lab}:${step.line} "${step.command}" printed:\n${run.output}`;
          expect(run.code, `exit code of ${where}`).to.equal(step.expectedExitCode);
          for (const text of step.expectedOutput) expect(run.output, where).to.include(text);
        }
      });
    }

    it('docs/labs has no lab this test does not run', async () => {
      expect(await labFiles()).to.deep.equal([
        'lab-1-first-network.md',
        'lab-2-private-data.md',
        'lab-3-upgrade-and-mvcc.md',
      ]);
    });
  });
}

describeLabs('mock');
describeLabs('network');
