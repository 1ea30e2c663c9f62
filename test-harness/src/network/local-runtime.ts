import { spawn, type ChildProcess } from 'node:child_process';
import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { writeFiles } from '../crypto/msp';
import { FabricTestkitError } from '../errors';
import { freePort } from './free-port';
import type { NodeKind, NodePlan, NodeRuntime, NodeSpec, RunningNode } from './runtime';

/** Where the local binaries are: `fabric-ca-server`, `orderer`, `peer`. */
export interface LocalBinaries {
  readonly caServer: string;
  readonly orderer: string;
  readonly peer: string;
  /** A directory with orderer.yaml (Fabric's sampleconfig), for `FABRIC_CFG_PATH` of orderers. */
  readonly ordererConfigDir: string;
  /** A directory with `bin/detect`, `bin/build`, `bin/release` for chaincode as a service. */
  readonly ccaasBuilder: string;
}

/**
 * Runs Fabric nodes as local processes on 127.0.0.1 (for development where no images exist).
 * Every node gets free ports and its own directory below one temp directory, which `close()` removes.
 */
export class LocalProcessRuntime implements NodeRuntime {
  readonly id: string;
  readonly #binaries: LocalBinaries;
  readonly #nodes: LocalNode[] = [];
  #root: Promise<string> | undefined;

  get ccaasBuilderPath(): string {
    return this.#binaries.ccaasBuilder;
  }

  constructor(id: string, binaries: LocalBinaries) {
    this.id = id;
    this.#binaries = binaries;
  }

  async plan(name: string, kind: NodeKind): Promise<NodePlan> {
    if (kind === 'couchdb') {
      // Refused at planning, before any node starts: nothing to clean up.
      throw new FabricTestkitError(
        `${name}: local processes cannot run CouchDB; use the container runtime for stateDatabase 'couchdb'`,
      );
    }
    // One promise, so concurrent plan() calls share one temp directory.
    this.#root ??= mkdtemp(join(tmpdir(), `fabric-testkit-${this.id}-`));
    const base = join(await this.#root, name);
    const [port, operationsPort, adminPort] = await Promise.all([freePort(), freePort(), freePort()]);
    return {
      name,
      kind,
      host: '127.0.0.1',
      listenHost: '127.0.0.1',
      port,
      operationsPort,
      adminPort: kind === 'ca' ? 0 : adminPort,
      configDir: join(base, 'config'),
      dataDir: join(base, 'data'),
    };
  }

  async startNode(spec: NodeSpec): Promise<RunningNode> {
    await mkdir(spec.plan.dataDir, { recursive: true });
    await writeFiles(spec.plan.configDir, spec.files);
    const { kind } = spec.plan;
    if (kind === 'couchdb') throw new FabricTestkitError(`${spec.plan.name}: local processes cannot run CouchDB`);
    const binary = { ca: this.#binaries.caServer, orderer: this.#binaries.orderer, peer: this.#binaries.peer }[kind];
    const env =
      spec.plan.kind === 'orderer' ? { FABRIC_CFG_PATH: this.#binaries.ordererConfigDir, ...spec.env } : spec.env;
    const node = new LocalNode({ ...spec, env }, binary);
    this.#nodes.push(node);
    await node.start();
    return node;
  }

  chaincodeHost(): Promise<{ host: string }> {
    return Promise.resolve({ host: '127.0.0.1' });
  }

  async close(): Promise<void> {
    await Promise.all(this.#nodes.map((n) => n.stop()));
    if (this.#root) {
      await rm(await this.#root, { recursive: true, force: true });
    }
  }
}

class LocalNode implements RunningNode {
  readonly name: string;
  readonly #spec: NodeSpec;
  readonly #binary: string;
  #child: ChildProcess | undefined;
  #log = '';

  constructor(spec: NodeSpec, binary: string) {
    this.name = spec.plan.name;
    this.#spec = spec;
    this.#binary = binary;
  }

  hostAddress(port: number): string {
    return `127.0.0.1:${port}`;
  }

  start(): Promise<void> {
    const child = spawn(this.#binary, [...this.#spec.args], {
      env: { ...process.env, ...this.#spec.env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const append = (c: Buffer): void => {
      this.#log += c.toString();
    };
    child.stdout?.on('data', append);
    child.stderr?.on('data', append);
    this.#child = child;
    return Promise.resolve();
  }

  isRunning(): Promise<boolean> {
    const child = this.#child;
    return Promise.resolve(child !== undefined && child.exitCode === null && child.signalCode === null);
  }

  async stop(): Promise<void> {
    const child = this.#child;
    this.#child = undefined;
    if (child && child.exitCode === null && child.signalCode === null) {
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.kill('SIGTERM');
      await exited;
    }
  }

  async restart(): Promise<void> {
    await this.stop();
    await this.start();
  }

  pause(): Promise<void> {
    this.#child?.kill('SIGSTOP');
    return Promise.resolve();
  }

  unpause(): Promise<void> {
    this.#child?.kill('SIGCONT');
    return Promise.resolve();
  }

  logs(): Promise<string> {
    return Promise.resolve(this.#log);
  }

  remove(): Promise<void> {
    return this.stop();
  }
}
