import { FabricTestkitError } from '../errors';
import { approveAndCommit, installAndServe, type DeployMember, type ServedPackage } from './chaincode-deploy';
import type { RunningChaincodeServer } from './chaincode-server';
import type { GatewayConnection } from './gateway-connection';
import type { ChaincodeOptions } from './options';
import type { NodeRuntime } from './runtime';

/** A chaincode definition committed on a channel of a started network. */
export interface DeployedChaincode {
  readonly name: string;
  readonly channel: string;
  readonly version: string;
  readonly sequence: number;
  /** The package each member organization approved, by MSP ID. */
  readonly packageIds: ReadonlyMap<string, string>;
}

/**
 * The chaincodes of a started network: what is committed on which channel, and which packages are installed and
 * served. A package is installed and served once per organization and reused by every channel that commits the
 * same chaincode (name, version, module, META-INF): a chaincode-as-a-service package serves every channel of its
 * peer, as one installed package does on a real peer.
 */
export class ChaincodeDeployments {
  readonly #runtime: NodeRuntime;
  readonly #connect: (organization: string) => GatewayConnection;
  /** Served packages by package key, then MSP ID. */
  readonly #packages = new Map<string, Map<string, ServedPackage>>();
  /** Committed definitions by channel, then chaincode name. */
  readonly #committed = new Map<string, Map<string, DeployedChaincode>>();
  readonly #servers: RunningChaincodeServer[] = [];
  /** Deployments run one at a time, so two channels committing one chaincode share its packages. */
  #queue: Promise<unknown> = Promise.resolve();

  constructor(runtime: NodeRuntime, connect: (organization: string) => GatewayConnection) {
    this.#runtime = runtime;
    this.#connect = connect;
  }

  /** Every chaincode server started so far, in start order. */
  get servers(): readonly RunningChaincodeServer[] {
    return [...this.#servers];
  }

  /** The committed definition of `name` on `channel`, if any. */
  committed(channel: string, name: string): DeployedChaincode | undefined {
    return this.#committed.get(channel)?.get(name);
  }

  /**
   * Installs and serves the chaincode for each member that does not serve this package yet, then approves and
   * commits its definition with `sequence`. Servers started here are stopped again when the definition fails.
   */
  commit(chaincode: ChaincodeOptions, members: readonly DeployMember[], sequence: number): Promise<DeployedChaincode> {
    const next = this.#queue.then(() => this.#commitNow(chaincode, members, sequence));
    this.#queue = next.catch(() => undefined);
    return next;
  }

  async #commitNow(
    chaincode: ChaincodeOptions,
    members: readonly DeployMember[],
    sequence: number,
  ): Promise<DeployedChaincode> {
    const key = packageKey(chaincode);
    const served = this.#packages.get(key) ?? new Map<string, ServedPackage>();
    const started: ServedPackage[] = [];
    try {
      for (const member of members) {
        if (served.has(member.crypto.mspId)) continue;
        const pkg = await installAndServe(this.#runtime, chaincode, member);
        started.push(pkg);
        served.set(member.crypto.mspId, pkg);
      }
      const packageIds = new Map(
        members.map((m) => [m.crypto.mspId, served.get(m.crypto.mspId)?.packageId ?? unserved(m.crypto.mspId)]),
      );
      await approveAndCommit({ chaincode, sequence, members, packageIds, connect: this.#connect });
      this.#packages.set(key, served);
      this.#servers.push(...started.map((s) => s.server));
      const deployed: DeployedChaincode = {
        name: chaincode.name,
        channel: chaincode.channel,
        version: chaincode.version ?? '1.0',
        sequence,
        packageIds,
      };
      const byName = this.#committed.get(chaincode.channel) ?? new Map<string, DeployedChaincode>();
      byName.set(chaincode.name, deployed);
      this.#committed.set(chaincode.channel, byName);
      return deployed;
    } catch (e) {
      for (const [mspId, pkg] of [...served]) if (started.includes(pkg)) served.delete(mspId);
      await Promise.all(started.map((pkg) => pkg.server.stop()));
      throw e;
    }
  }

  /** Stops every chaincode server. */
  async stop(): Promise<void> {
    await Promise.all(this.#servers.map((s) => s.stop()));
  }
}

/** What makes two deployments the same package: the label's name and version, the module, and its META-INF. */
function packageKey(chaincode: ChaincodeOptions): string {
  return JSON.stringify([chaincode.name, chaincode.version ?? '1.0', chaincode.chaincode, chaincode.metaInf ?? null]);
}

function unserved(mspId: string): never {
  throw new FabricTestkitError(`internal: no chaincode package served for ${mspId}`);
}
