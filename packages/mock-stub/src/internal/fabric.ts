import { installShimSpeedups } from './shim-speedups';
import type { LedgerSnapshot, MockChannel, MockFabric, MockFabricOptions, MockOrganization } from '../api';
import { invalidArgument } from '../errors';
import { MockOrganizationImpl } from '../identity/organization';
import { ChannelLedger } from '../ledger/channel-ledger';
import type { ResolvedOptions } from './channel-runtime';
import { MockChannelImpl } from './channel';
import { Clock } from './clock';
import { ChaincodeConnections } from './chaincode-server/chaincode-connections';

import type { Deployment } from './deployment';

interface SnapshotImpl extends LedgerSnapshot {
  readonly ledgers: ReadonlyMap<string, ChannelLedger>;
  /** Each channel's chaincode deployments: a deployment is part of the ledger's `_lifecycle` state it restores. */
  readonly deployments: ReadonlyMap<string, ReadonlyMap<string, Deployment>>;
  readonly clock: { nowMs: number; counter: number };
}

const snapshots = new WeakMap<LedgerSnapshot, SnapshotImpl>();

function resolveOptions(options: MockFabricOptions): ResolvedOptions {
  const totalQueryLimit = options.totalQueryLimit ?? 100000;
  if (!Number.isInteger(totalQueryLimit) || totalQueryLimit <= 0) {
    throw invalidArgument(`totalQueryLimit must be a positive integer, got ${totalQueryLimit}`);
  }
  return {
    stateDatabase: options.stateDatabase ?? 'leveldb',
    historyDatabase: options.historyDatabase ?? true,
    totalQueryLimit,
    determinismCheck: options.determinismCheck ?? process.env.CI !== undefined,
    applicationCapability: options.applicationCapability ?? 'V2_5',
  };
}

export class MockFabricImpl implements MockFabric {
  readonly #organizations = new Map<string, MockOrganizationImpl>();
  readonly #channels = new Map<string, MockChannelImpl>();
  readonly #options: ResolvedOptions;
  readonly #clock: Clock;
  readonly #connections = new ChaincodeConnections();

  constructor(options: MockFabricOptions = {}) {
    this.#options = resolveOptions(options);
    this.#clock = new Clock(options.deterministic);
  }

  addOrganization(mspId: string): MockOrganization {
    if (typeof mspId !== 'string' || mspId === '') throw invalidArgument('MSP id must be a non-empty string');
    if (this.#organizations.has(mspId)) throw invalidArgument(`organization [${mspId}] already exists`);
    const organization = new MockOrganizationImpl(mspId);
    this.#organizations.set(mspId, organization);
    return organization;
  }

  getOrganization(mspId: string): MockOrganization {
    const organization = this.#organizations.get(mspId);
    if (organization === undefined) throw invalidArgument(`organization [${mspId}] not found`);
    return organization;
  }

  get organizations(): readonly MockOrganization[] {
    return [...this.#organizations.values()];
  }

  createChannel(name: string, options?: { organizations?: readonly string[] }): MockChannel {
    // `core/peer`/configtx: channel names are lower case, digits, '.', '-'; start with a letter.
    if (!/^[a-z][a-z0-9.-]*$/.test(name) || name.length > 249) throw invalidArgument(`invalid channel name [${name}]`);
    if (this.#channels.has(name)) throw invalidArgument(`channel [${name}] already exists`);
    const organizations = [...(options?.organizations ?? this.#organizations.keys())];
    for (const org of organizations) this.getOrganization(org);
    if (organizations.length === 0) throw invalidArgument(`channel [${name}] needs at least one organization`);
    const channel = new MockChannelImpl(
      name,
      organizations,
      this.#options,
      this.#clock,
      this.#channels,
      this.#connections,
    );
    this.#channels.set(name, channel);
    return channel;
  }

  getChannel(name: string): MockChannel {
    const channel = this.#channels.get(name);
    if (channel === undefined) throw invalidArgument(`channel [${name}] not found`);
    return channel;
  }

  get channels(): readonly MockChannel[] {
    return [...this.#channels.values()];
  }

  snapshot(): LedgerSnapshot {
    const snapshot: SnapshotImpl = {
      takenAt: new Date(),
      ledgers: new Map([...this.#channels].map(([name, channel]) => [name, channel.ledger.clone()])),
      deployments: new Map([...this.#channels].map(([name, channel]) => [name, new Map(channel.deployments)])),
      clock: this.#clock.save(),
    };
    return registerPublic(snapshot);
  }

  close(): void {
    this.#connections.close();
  }

  restore(snapshot: LedgerSnapshot): void {
    const saved = snapshots.get(snapshot);
    if (saved === undefined) throw invalidArgument('not a snapshot of this fabric');
    for (const [name, channel] of this.#channels) {
      const ledger = saved.ledgers.get(name);
      // Channels created after the snapshot go back to an empty ledger.
      channel.ledger = ledger ? ledger.clone() : new ChannelLedger();
      // The chaincode definitions go back with the `_lifecycle` state that records them: one deployed since is gone.
      channel.deployments.clear();
      for (const [chaincode, deployment] of saved.deployments.get(name) ?? [])
        channel.deployments.set(chaincode, deployment);
    }
    this.#clock.load(saved.clock);
  }
}

function registerPublic(snapshot: SnapshotImpl): LedgerSnapshot {
  const handle: LedgerSnapshot = Object.freeze({ takenAt: snapshot.takenAt });
  snapshots.set(handle, snapshot);
  return handle;
}

/** Creates an in-memory Fabric: organizations with CAs, channels, chaincodes, ledgers. */
export function createMockFabric(options?: MockFabricOptions): MockFabric {
  installShimSpeedups();
  return new MockFabricImpl(options);
}
