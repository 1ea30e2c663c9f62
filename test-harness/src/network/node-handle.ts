import { waitForPeerGrpc, type PeerEndpoint } from '../lifecycle/endorser-client';
import { FabricTestkitError } from '../errors';
import type { NodePlan, RunningNode } from './runtime';
import type { FabricNode, FabricPeer } from './started-network';
import { httpGet, waitForCouchDb, waitForHealthz } from './wait';

/** A started node's public handle; `start()` and `restart()` return once the node is healthy again. */
export class FabricNodeHandle implements FabricNode {
  readonly #node: RunningNode;
  readonly #plan: NodePlan;
  readonly #timeoutMs: number;
  readonly #serving: (() => Promise<void>) | undefined;

  /** `serving` checks the node serves after a (re)start, besides `/healthz` (a CA's `cainfo`). */
  constructor(node: RunningNode, plan: NodePlan, timeoutMs: number, serving?: () => Promise<void>) {
    this.#node = node;
    this.#plan = plan;
    this.#timeoutMs = timeoutMs;
    this.#serving = serving;
  }

  get name(): string {
    return this.#plan.name;
  }

  get kind(): NodePlan['kind'] {
    return this.#plan.kind;
  }

  /** Read on each access: host ports can change when a container starts again. */
  get operationsUrl(): string {
    return `http://${this.#node.hostAddress(this.#plan.operationsPort)}`;
  }

  stop(): Promise<void> {
    return this.#node.stop();
  }

  async start(): Promise<void> {
    await this.#node.start();
    await this.ready();
  }

  async restart(): Promise<void> {
    await this.#node.restart();
    await this.ready();
  }

  pause(): Promise<void> {
    return this.#node.pause();
  }

  unpause(): Promise<void> {
    return this.#node.unpause();
  }

  logs(): Promise<string> {
    return this.#node.logs();
  }

  async metrics(): Promise<string> {
    if (this.#plan.kind === 'couchdb') {
      throw new FabricTestkitError(`${this.name}: CouchDB serves metrics to its admin only; read the peer's instead`);
    }
    return (await httpGet(`${this.operationsUrl}/metrics`)).body;
  }

  async disconnect(): Promise<void> {
    if (!this.#node.disconnect) {
      throw new FabricTestkitError(`${this.name}: this runtime cannot disconnect nodes (containers only)`);
    }
    await this.#node.disconnect();
  }

  async reconnect(): Promise<void> {
    if (!this.#node.reconnect) {
      throw new FabricTestkitError(`${this.name}: this runtime cannot reconnect nodes (containers only)`);
    }
    await this.#node.reconnect();
    await this.ready();
  }

  protected hostAddress(port: number): string {
    return this.#node.hostAddress(port);
  }

  /** Waits until the node is healthy again after a (re)start. */
  protected async ready(): Promise<void> {
    const isRunning = (): Promise<boolean> => this.#node.isRunning();
    if (this.#plan.kind === 'couchdb') {
      await waitForCouchDb(this.operationsUrl, this.#plan.name, this.#timeoutMs, isRunning);
    } else if (this.#plan.kind !== 'ca') {
      await waitForHealthz(this.operationsUrl, this.#plan.name, this.#timeoutMs, isRunning);
    }
    await this.#serving?.();
  }

  protected get timeoutMs(): number {
    return this.#timeoutMs;
  }
}

/** A peer's handle: adds its gRPC endpoint as this process reaches it. */
export class FabricPeerHandle extends FabricNodeHandle implements FabricPeer {
  readonly #plan: NodePlan;
  readonly #tlsCaCertificate: string;

  constructor(node: RunningNode, plan: NodePlan, timeoutMs: number, tlsCaCertificate: string) {
    super(node, plan, timeoutMs);
    this.#plan = plan;
    this.#tlsCaCertificate = tlsCaCertificate;
  }

  protected override async ready(): Promise<void> {
    await super.ready();
    await waitForPeerGrpc(this.endpoint, this.#plan.name, this.timeoutMs);
  }

  get endpoint(): PeerEndpoint {
    return {
      address: this.hostAddress(this.#plan.port),
      tlsCaCertificate: this.#tlsCaCertificate,
      serverName: this.#plan.name,
    };
  }
}
