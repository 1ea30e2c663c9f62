/**
 * This package served as chaincode-as-a-service by fabric-shim's own `fabric-chaincode-node server`, in a child
 * process, under the package ID the peer returned when it installed the ccaas package. One server per
 * organization, as each organization runs its own: the shim's `getMspID()` is the process's
 * `CORE_PEER_LOCALMSPID`, which the contract compares with the client's MSP before writing private data.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { connect, createServer } from 'node:net';
import { resolve } from 'node:path';

/** The package directory: this file runs from `dist/test/integration`. */
export const PACKAGE_DIR = resolve(__dirname, '..', '..', '..');

export interface RunningChaincodeServer {
  stop(): Promise<void>;
}

/** Starts the server on `host:port` and returns once the port accepts connections. */
export async function startChaincodeServer(
  mspId: string,
  packageId: string,
  host: string,
  port: number,
  timeoutMs = 30_000,
): Promise<RunningChaincodeServer> {
  const child = spawn(
    process.execPath,
    [
      require.resolve('fabric-shim/cli.js'),
      'server',
      `--chaincode-address=${host}:${port}`,
      `--chaincode-id=${packageId}`,
      `--module-path=${PACKAGE_DIR}`,
    ],
    {
      stdio: ['ignore', 'ignore', 'pipe'],
      env: { ...process.env, CORE_CHAINCODE_LOGGING_LEVEL: 'warning', CORE_PEER_LOCALMSPID: mspId },
    },
  );
  let stderr = '';
  child.stderr?.on('data', (chunk: Buffer) => {
    stderr = (stderr + chunk.toString()).slice(-4000);
  });
  const deadline = Date.now() + timeoutMs;
  while (!(await canConnect(host, port))) {
    if (child.exitCode !== null || child.signalCode !== null || Date.now() > deadline) {
      await stopChild(child);
      throw new Error(`chaincode server on ${host}:${port} is not listening: ${stderr.trim()}`);
    }
    await new Promise((r) => setTimeout(r, 50));
  }
  return { stop: () => stopChild(child) };
}

/** A TCP port free on `host` right now. */
export function freePort(host: string): Promise<number> {
  return new Promise((resolvePort, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, host, () => {
      const address = server.address();
      const port = typeof address === 'object' && address !== null ? address.port : 0;
      server.close(() => resolvePort(port));
    });
  });
}

function canConnect(host: string, port: number): Promise<boolean> {
  return new Promise((done) => {
    const socket = connect({ host, port });
    socket.once('connect', () => {
      socket.destroy();
      done(true);
    });
    socket.once('error', () => {
      socket.destroy();
      done(false);
    });
  });
}

async function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise((r) => child.once('exit', r));
  child.kill('SIGTERM');
  await exited;
}
