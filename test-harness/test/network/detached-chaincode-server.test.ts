import { expect } from 'chai';
import { spawnSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { createServer, connect } from 'node:net';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import {
  isChaincodeServerRunning,
  startDetachedChaincodeServer,
  stopDetachedChaincodeServer,
} from '../../src/network/detached-chaincode-server';
import { freePort } from '../../src/network/free-port';
import { GO_LISTENER, goPackage } from '../support/go-listener';

const KV = { modulePath: require.resolve('../fixtures/kv-chaincode'), exportName: 'KvChaincode' };
const UNSERVABLE = {
  modulePath: require.resolve('../fixtures/unservable-chaincode'),
  exportName: 'UnservableChaincode',
};

/** The processes whose command line holds `text`. */
function processesNaming(text: string): string[] {
  return readdirSync('/proc').filter((pid) => {
    if (!/^\d+$/.test(pid)) return false;
    try {
      return readFileSync(`/proc/${pid}/cmdline`, 'utf8').includes(text);
    } catch {
      return false;
    }
  });
}

function accepts(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect({ host: '127.0.0.1', port }, () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });
}

describe('detached chaincode servers (for a command line that deploys and exits)', function () {
  this.timeout(30_000);
  let dir: string;
  beforeEach(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'ftk-detached-'));
  });
  afterEach(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('serves after the process that started it exited, until stopped by process ID', async () => {
    const port = await freePort();
    const logFile = path.join(dir, 'kv.log');
    // Started by a child process that exits right after: the server must outlive it.
    const starter = spawnSync(
      process.execPath,
      [
        '-e',
        `require(${JSON.stringify(require.resolve('../../src/network/detached-chaincode-server'))})
          .startDetachedChaincodeServer({ chaincode: ${JSON.stringify(KV)}, packageId: 'kv_1.0:detached',
            host: '127.0.0.1', port: ${port}, logFile: ${JSON.stringify(logFile)} })
          .then((s) => { process.stdout.write(String(s.pid)); }, (e) => { console.error(e); process.exit(1); });`,
      ],
      { encoding: 'utf8', timeout: 25_000 },
    );
    expect(starter.status, starter.stderr).to.equal(0);
    const pid = Number(starter.stdout);
    try {
      expect(isChaincodeServerRunning(pid, 'kv_1.0:detached')).to.equal(true);
      expect(await accepts(port)).to.equal(true);
      // A process ID whose command line does not name the package is not taken for the server.
      expect(isChaincodeServerRunning(pid, 'other_1.0:x')).to.equal(false);
    } finally {
      await stopDetachedChaincodeServer(pid, 'kv_1.0:detached');
    }
    expect(isChaincodeServerRunning(pid, 'kv_1.0:detached')).to.equal(false);
    expect(await accepts(port)).to.equal(false);
  });

  it('fails with the reason when the program cannot serve, leaving nothing running', async () => {
    const logFile = path.join(dir, 'unservable.log');
    const error: unknown = await startDetachedChaincodeServer({
      chaincode: UNSERVABLE,
      packageId: 'bad_1.0:x',
      host: '127.0.0.1',
      port: await freePort(),
      logFile,
    }).catch((e: unknown) => e);
    expect(String(error)).to.include(
      'chaincode server bad_1.0:x failed: "error: unservable-chaincode refuses to be served"',
    );
    expect(processesNaming('bad_1.0:x')).to.deep.equal([]);
  });

  it('refuses a port already in use', async () => {
    const server = createServer();
    const port = await new Promise<number>((resolve) => {
      server.listen(0, '127.0.0.1', () => {
        const address = server.address();
        resolve(typeof address === 'object' && address !== null ? address.port : 0);
      });
    });
    try {
      const error: unknown = await startDetachedChaincodeServer({
        chaincode: KV,
        packageId: 'kv_1.0:busy',
        host: '127.0.0.1',
        port,
        logFile: path.join(dir, 'busy.log'),
      }).catch((e: unknown) => e);
      expect(String(error)).to.include(
        `chaincode server port 127.0.0.1:${port} is already in use; not starting kv_1.0:busy`,
      );
    } finally {
      server.close();
    }
  });

  describe('a Go chaincode ({ go: DIR })', function () {
    this.timeout(180_000);

    it('serves its binary with the ccaas variables until stopped, known by its CHAINCODE_ID', async () => {
      const go = goPackage(GO_LISTENER, dir);
      const port = await freePort();
      const logFile = path.join(dir, 'go.log');
      const server = await startDetachedChaincodeServer({
        chaincode: { go },
        packageId: 'gocc_1.0:detached',
        host: '127.0.0.1',
        port,
        logFile,
      });
      try {
        expect(server.address).to.equal(`127.0.0.1:${port}`);
        expect(await accepts(port)).to.equal(true);
        // The binary's command line does not name the package; its environment does.
        expect(isChaincodeServerRunning(server.pid, 'gocc_1.0:detached')).to.equal(true);
        expect(isChaincodeServerRunning(server.pid, 'other_1.0:x')).to.equal(false);
      } finally {
        await stopDetachedChaincodeServer(server.pid, 'gocc_1.0:detached');
      }
      expect(isChaincodeServerRunning(server.pid, 'gocc_1.0:detached')).to.equal(false);
      expect(readFileSync(logFile, 'utf8')).to.include('serving gocc_1.0:detached');
    });

    it('fails with its exit code and the end of its log when it exits before it listens', async () => {
      const go = goPackage(
        `package main

import (
	"fmt"
	"os"
)

func main() {
	fmt.Println("no ledger for me")
	os.Exit(3)
}
`,
        dir,
      );
      const port = await freePort();
      const error: unknown = await startDetachedChaincodeServer({
        chaincode: { go },
        packageId: 'goexit_1.0:x',
        host: '127.0.0.1',
        port,
        logFile: path.join(dir, 'exit.log'),
      }).catch((e: unknown) => e);
      expect(String(error)).to.include(
        `chaincode server goexit_1.0:x exited with 3 before it listened on 127.0.0.1:${port}; its log ends:\nno ledger for me`,
      );
    });
  });
});
