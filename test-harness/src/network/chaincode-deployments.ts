import { FabricTestkitError } from '../errors';
import type { CommittedDefinition } from '../lifecycle/lifecycle-gateway';
import {
  approveAndCommit,
  approveDefinition,
  commitDefinition,
  installAndServe,
  readinessOf,
  type ChaincodeDefinitionStep,
  type DeployMember,
  type ServedPackage,
} from './chaincode-deploy';
import type { RunningChaincodeServer } from './chaincode-server';
import { reportCoverage, type ChaincodeCoverage } from './chaincode-coverage';
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
  /** The commit's transaction ID. */
  readonly transactionId: string;
  /** The block the commit is in. */
  readonly blockNumber: number;
}

/** A chaincode installed on organizations' peers and served for them: package and server by MSP ID. */
export interface ServedChaincode {
  readonly name: string;
  readonly version: string;
  readonly packageIds: ReadonlyMap<string, string>;
  readonly servers: ReadonlyMap<string, RunningChaincodeServer>;
}

/**
 * The chaincodes of a started network: what is committed on which channel, what each organization approved, and
 * which packages are installed and served. A package is installed and served once per organization and reused by
 * every channel and sequence that uses the same chaincode (name, version, module, META-INF): a chaincode-as-a-service
 * package serves every channel of its peer, as one installed package does on a real peer.
 */
export class ChaincodeDeployments {
  readonly #runtime: NodeRuntime;
  readonly #connect: (organization: string) => GatewayConnection;
  /** Served packages by package key, then MSP ID. */
  readonly #packages = new Map<string, Map<string, ServedPackage>>();
  /** Committed definitions by channel, then chaincode name. */
  readonly #committed = new Map<string, Map<string, DeployedChaincode>>();
  /** The package each organization approved, by definition key (channel, name, sequence), then MSP ID. */
  readonly #approved = new Map<string, Map<string, string>>();
  readonly #servers: RunningChaincodeServer[] = [];
  /** Lifecycle operations run one at a time, so two channels committing one chaincode share its packages. */
  #queue: Promise<unknown> = Promise.resolve();

  readonly #coverage: ChaincodeCoverage | undefined;

  constructor(
    runtime: NodeRuntime,
    connect: (organization: string) => GatewayConnection,
    coverage?: ChaincodeCoverage,
  ) {
    this.#runtime = runtime;
    this.#connect = connect;
    this.#coverage = coverage;
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
   * Installs and serves the chaincode for each of `members` that does not serve this package yet (or whose server
   * was stopped: it gets a new package and server), then approves and commits its definition with `sequence`.
   * Servers started here are stopped again when the definition fails.
   */
  deploy(chaincode: ChaincodeOptions, members: readonly DeployMember[], sequence: number): Promise<DeployedChaincode> {
    // Only the installs run one at a time (two channels deploying one chaincode share its packages); definitions on
    // different channels are approved and committed side by side, as a fixture's fresh channels are.
    const started: ServedPackage[] = [];
    const install = this.#serially(() => this.#install(chaincode, members, started));
    return install.then(
      async (installed) => {
        try {
          const step = this.#step(chaincode, members, sequence, installed.packageIds);
          this.#recordApprovals(step, members);
          return this.#recordCommit(step, await approveAndCommit(step));
        } catch (e) {
          await this.#forget(chaincode, started);
          throw e;
        }
      },
      async (e: unknown) => {
        await this.#forget(chaincode, started);
        throw e;
      },
    );
  }

  /** Installs and serves the chaincode for each of `members` that does not serve it yet. */
  install(chaincode: ChaincodeOptions, members: readonly DeployMember[]): Promise<ServedChaincode> {
    return this.#serially(async () => {
      const started: ServedPackage[] = [];
      try {
        return await this.#install(chaincode, members, started);
      } catch (e) {
        await this.#forget(chaincode, started);
        throw e;
      }
    });
  }

  /** Approves the definition with `sequence` for `approvers`, each with its package (default: the one it serves). */
  approve(
    chaincode: ChaincodeOptions,
    members: readonly DeployMember[],
    approvers: readonly DeployMember[],
    sequence: number,
    packageIds: ReadonlyMap<string, string> = new Map(),
  ): Promise<void> {
    return this.#serially(async () => {
      const served = this.#packages.get(packageKey(chaincode));
      const chosen = new Map(
        approvers.map((m) => {
          const mspId = m.crypto.mspId;
          return [mspId, packageIds.get(mspId) ?? served?.get(mspId)?.packageId ?? notInstalled(chaincode, mspId)];
        }),
      );
      const step = this.#step(chaincode, members, sequence, chosen);
      await approveDefinition(step, approvers);
      this.#recordApprovals(step, approvers);
    });
  }

  /** Which organizations approved the definition with `sequence`, by MSP ID. */
  readiness(
    chaincode: ChaincodeOptions,
    members: readonly DeployMember[],
    sequence: number,
  ): Promise<Record<string, boolean>> {
    return readinessOf(this.#step(chaincode, members, sequence, new Map()));
  }

  /**
   * Commits the definition with `sequence`. Waits for discovery to show the chaincode on every member's peers
   * only when every member approved a package the harness serves (otherwise no peer could endorse it).
   */
  commit(chaincode: ChaincodeOptions, members: readonly DeployMember[], sequence: number): Promise<DeployedChaincode> {
    return this.#serially(async () => {
      const approved = this.#approved.get(definitionKey(chaincode, sequence)) ?? new Map<string, string>();
      const servedIds = new Set(
        [...this.#packages.values()].flatMap((byMsp) => [...byMsp.values()]).map((p) => p.packageId),
      );
      const servable = members.every((m) => servedIds.has(approved.get(m.crypto.mspId) ?? ''));
      const step = this.#step(chaincode, members, sequence, approved);
      return this.#recordCommit(step, await commitDefinition(step, servable));
    });
  }

  /** Stops every chaincode server, then writes their coverage when the network measures it. */
  async stop(): Promise<void> {
    await Promise.all(this.#servers.map((s) => s.stop()));
    await reportCoverage(this.#coverage);
  }

  #serially<T>(operation: () => Promise<T>): Promise<T> {
    const next = this.#queue.then(operation);
    this.#queue = next.catch(() => undefined);
    return next;
  }

  async #install(
    chaincode: ChaincodeOptions,
    members: readonly DeployMember[],
    started: ServedPackage[],
  ): Promise<ServedChaincode> {
    const key = packageKey(chaincode);
    const served = this.#packages.get(key) ?? new Map<string, ServedPackage>();
    this.#packages.set(key, served);
    for (const [index, member] of members.entries()) {
      if (served.get(member.crypto.mspId)?.server.running === true) continue;
      const pkg = await installAndServe(this.#runtime, chaincode, member, index, this.#coverage);
      started.push(pkg);
      this.#servers.push(pkg.server);
      served.set(member.crypto.mspId, pkg);
    }
    const mine = members.map((m) => [m.crypto.mspId, served.get(m.crypto.mspId) ?? unserved(m.crypto.mspId)] as const);
    return {
      name: chaincode.name,
      version: chaincode.version ?? '1.0',
      packageIds: new Map(mine.map(([mspId, pkg]) => [mspId, pkg.packageId])),
      servers: new Map(mine.map(([mspId, pkg]) => [mspId, pkg.server])),
    };
  }

  /** Forgets and stops the packages served by an operation that failed. */
  async #forget(chaincode: ChaincodeOptions, started: readonly ServedPackage[]): Promise<void> {
    const served = this.#packages.get(packageKey(chaincode));
    for (const [mspId, pkg] of [...(served ?? [])]) if (started.includes(pkg)) served?.delete(mspId);
    for (const pkg of started) this.#servers.splice(this.#servers.indexOf(pkg.server), 1);
    await Promise.all(started.map((pkg) => pkg.server.stop()));
  }

  #step(
    chaincode: ChaincodeOptions,
    members: readonly DeployMember[],
    sequence: number,
    packageIds: ReadonlyMap<string, string>,
  ): ChaincodeDefinitionStep {
    return { chaincode, sequence, members, packageIds, connect: this.#connect };
  }

  #recordApprovals(step: ChaincodeDefinitionStep, approvers: readonly DeployMember[]): void {
    const key = definitionKey(step.chaincode, step.sequence);
    const approved = this.#approved.get(key) ?? new Map<string, string>();
    for (const m of approvers) approved.set(m.crypto.mspId, step.packageIds.get(m.crypto.mspId) ?? '');
    this.#approved.set(key, approved);
  }

  #recordCommit(step: ChaincodeDefinitionStep, commit: CommittedDefinition): DeployedChaincode {
    const { chaincode, sequence } = step;
    const deployed: DeployedChaincode = {
      name: chaincode.name,
      channel: chaincode.channel,
      version: chaincode.version ?? '1.0',
      sequence,
      packageIds: new Map(this.#approved.get(definitionKey(chaincode, sequence))),
      transactionId: commit.transactionId,
      blockNumber: commit.blockNumber,
    };
    const byName = this.#committed.get(chaincode.channel) ?? new Map<string, DeployedChaincode>();
    byName.set(chaincode.name, deployed);
    this.#committed.set(chaincode.channel, byName);
    return deployed;
  }
}

/** What makes two deployments the same package: the label's name and version, the module, and its META-INF. */
function packageKey(chaincode: ChaincodeOptions): string {
  return JSON.stringify([chaincode.name, chaincode.version ?? '1.0', chaincode.chaincode, chaincode.metaInf ?? null]);
}

/** One definition of a chaincode on a channel: its sequence (Fabric keeps one approval per org and sequence). */
function definitionKey(chaincode: ChaincodeOptions, sequence: number): string {
  return JSON.stringify([chaincode.channel, chaincode.name, sequence]);
}

function unserved(mspId: string): never {
  throw new FabricTestkitError(`internal: no chaincode package served for ${mspId}`);
}

function notInstalled(chaincode: ChaincodeOptions, mspId: string): never {
  throw new FabricTestkitError(
    `chaincode ${chaincode.name} version ${chaincode.version ?? '1.0'} is not installed for ${mspId}; ` +
      'install it with installChaincode first, or give the package ID to approve',
  );
}
