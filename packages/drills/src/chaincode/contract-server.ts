import { spawn, type ChildProcess } from 'node:child_process';
import { connect, createServer } from 'node:net';

/** A contract package served as chaincode-as-a-service by `fabric-chaincode-node server` in a child process. */
export interface RunningContractServer {
  readonly packageId: string;
  /** `host:port` the server listens on. */
  readonly address: string;
  /** Whether the server process still runs. */
  readonly running: boolean;
  /** Stops the server (SIGTERM) and waits for the process to exit. */
  stop(): Promise<void>;
}

/**
 * Serves a fabric-contract-api package (a directory whose `package.json` `main` exports `contracts`) under the
 * package ID a peer installed, with fabric-shim's own `fabric-chaincode-node server`, and waits until the port
 * accepts connections. The server runs in a child process: fabric-shim's protobuf classes and fabric-gateway's
 * clash in one process.
 */
export async function startContractServer(
  modulePath: string,
  packageId: string,
  host: string,
  port: number,
  timeoutMs = 30_000,
): Promise<RunningContractServer> {
  const address = `${host}:${port}`;
  const child = spawn(
    process.execPath,
    [
      require.resolve('fabric-shim/cli.js'),
      'server',
      `--chaincode-address=${address}`,
      `--chaincode-id=${packageId}`,
      `--module-path=${modulePath}`,
    ],
    { stdio: ['ignore', 'ignore', 'pipe'], env: { ...process.env, CORE_CHAINCODE_LOGGING_LEVEL: 'warning' } },
  );
  let stderr = '';
  child.stderr?.on('data', (chunk: Buffer) => {
    stderr = (stderr + chunk.toString()).slice(-4000);
  });
  try {
    await waitForListening(child, host, port, timeoutMs, () => stderr);
  } catch (e) {
    await stopChild(child);
    throw e;
  }
  return {
    packageId,
    address,
    get running() {
      return child.exitCode === null && child.signalCode === null;
    },
    stop: () => stopChild(child),
  };
}

async function waitForListening(
  child: ChildProcess,
  host: string,
  port: number,
  timeoutMs: number,
  stderr: () => string,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null || child.signalCode !== null) {
      throw new Error(`chaincode server exited (${child.exitCode ?? child.signalCode}): ${stderr().trim()}`);
    }
    if (await canConnect(host, port)) {
      return;
    }
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error(`chaincode server on ${host}:${port} did not listen within ${timeoutMs} ms: ${stderr().trim()}`);
}

function canConnect(host: string, port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect({ host, port });
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => {
      socket.destroy();
      resolve(false);
    });
  });
}

async function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) {
    return;
  }
  const exited = new Promise((resolve) => child.once('exit', resolve));
  child.kill('SIGTERM');
  await exited;
}

/** A TCP port free on `host` right now. */
export function freePort(host: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, host, () => {
      const address = server.address();
      const port = typeof address === 'object' && address !== null ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}
