import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** A Fabric CA server for tests: TLS on, on 127.0.0.1, in a temp home. */
export interface TestCaServer {
  readonly url: string;
  readonly tlsCaCertificates: string;
  stop(): Promise<void>;
}

/** The local fabric-ca-server binary, when the environment names one. */
export function caServerBinary(): string | undefined {
  return process.env.FABRIC_TESTKIT_CA_BIN;
}

/** Starts `fabric-ca-server` from {@link caServerBinary} with registrar `admin:adminpw`. */
export async function startLocalCaServer(binary: string): Promise<TestCaServer> {
  const home = await mkdtemp(join(tmpdir(), 'fabric-testkit-ca-'));
  const port = await freePort();
  const child = spawn(
    binary,
    [
      'start',
      '-b',
      'admin:adminpw',
      '--home',
      home,
      '--address',
      '127.0.0.1',
      '--port',
      String(port),
      '--tls.enabled',
      '--csr.hosts',
      'localhost,127.0.0.1',
      '--operations.listenaddress',
      '127.0.0.1:0',
    ],
    { stdio: ['ignore', 'ignore', 'pipe'] },
  );
  let log = '';
  child.stderr?.on('data', (c: Buffer) => (log += c.toString()));
  await waitFor(
    () => log.includes(`Listening on https://127.0.0.1:${port}`),
    child,
    () => log,
  );
  return {
    url: `https://127.0.0.1:${port}`,
    tlsCaCertificates: await readFile(join(home, 'ca-cert.pem'), 'utf8'),
    stop: async () => {
      child.kill('SIGTERM');
      await new Promise((resolve) => (child.exitCode === null ? child.once('exit', resolve) : resolve(undefined)));
      await rm(home, { recursive: true, force: true });
    },
  };
}

async function waitFor(ready: () => boolean, child: ChildProcess, log: () => string): Promise<void> {
  const deadline = Date.now() + 20_000;
  while (!ready()) {
    if (child.exitCode !== null) {
      throw new Error(`fabric-ca-server exited with ${child.exitCode}: ${log()}`);
    }
    if (Date.now() > deadline) {
      child.kill('SIGKILL');
      throw new Error(`fabric-ca-server did not listen within 20 s: ${log()}`);
    }
    await new Promise((r) => setTimeout(r, 50));
  }
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

/** Starts a CA from the local binary when one is named; otherwise resolves undefined (the caller skips). */
export async function startTestCaServer(): Promise<TestCaServer | undefined> {
  const binary = caServerBinary();
  return binary ? startLocalCaServer(binary) : undefined;
}
