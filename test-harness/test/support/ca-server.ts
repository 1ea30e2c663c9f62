import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CaClient } from '../../src/ca/ca-client';
import { ContainerRuntime } from '../../src/containers/container-runtime';
import { missingImages } from '../../src/containers/image-check';
import { createRootCa, issueTlsServerCertificate } from '../../src/crypto/ca-root';
import { newNetworkId } from '../../src/network/fabric-network';
import { caSpec } from '../../src/network/node-specs';
import { waitUntil } from '../../src/network/wait';
import { testImages } from './container-runtime';

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

/** Starts the CA image in a container (TLS on, root and TLS certificate made by the harness). */
export async function startContainerCaServer(): Promise<TestCaServer> {
  const runtime = new ContainerRuntime(newNetworkId(), { images: testImages() });
  try {
    const plan = await runtime.plan('ca.test', 'ca');
    const root = await createRootCa('ca.test', 'TestOrg');
    const tls = await issueTlsServerCertificate(root, [plan.host, 'localhost', '127.0.0.1']);
    const node = await runtime.startNode(caSpec(plan, root, tls));
    const url = `https://${node.hostAddress(plan.port)}`;
    const probe = new CaClient({ url, tlsCaCertificates: root.certificate });
    await waitUntil('ca.test cainfo', 30_000, async () => {
      await probe.getCaInfo();
      return true;
    }).finally(() => probe.close());
    return { url, tlsCaCertificates: root.certificate, stop: () => runtime.close() };
  } catch (e) {
    await runtime.close();
    throw e;
  }
}

/**
 * Starts a CA from the local binary when FABRIC_TESTKIT_CA_BIN names one, else from the CA image when the engine
 * has it; otherwise resolves undefined (the caller skips).
 */
export async function startTestCaServer(): Promise<TestCaServer | undefined> {
  const binary = caServerBinary();
  if (binary) {
    return startLocalCaServer(binary);
  }
  const missing = await missingImages(testImages()).catch(() => ['docker']);
  return missing.length === 0 ? startContainerCaServer() : undefined;
}
