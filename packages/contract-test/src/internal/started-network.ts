/** The running network behind {@link StartedMockNetwork}. Internal. */
import * as path from 'node:path';
import { readPackagedIndexes } from './couchdb-indexes';
import { checkClassTransformer, checkDecoratorMetadata } from './contract-checks';
import type { Context } from 'fabric-contract-api';
import type {
  ChaincodeDefinition,
  ChaincodeServer,
  LedgerSnapshot,
  MockChannel,
  MockFabric,
  MockIdentity,
} from '@fabric-testkit/mock-stub';
import type {
  ChaincodeClient,
  ChaincodeClientOptions,
  ChaincodeRef,
  ContextOptions,
  ContextResult,
  DeployedChaincode,
  DeployOptions,
  EndorsedTransaction,
  IdentityCreateOptions,
  LedgerView,
  StartedMockNetwork,
  TransactionResult,
} from '../types';
import { ChaincodeClientImpl, commitBlock, commitOrThrow } from './chaincode-client';
import { buildChaincode, DeployedChaincodeImpl, loadContractPackage, ServedChaincode } from './deployment';
import { LedgerViewImpl } from './ledger-view';
import { openChaincodeEvents } from './chaincode-events';
import type { ChaincodeEvents, ChaincodeEventsOptions } from '../events';

/** The deployments of each snapshot this package took. */
const deploymentsAt = new WeakMap<LedgerSnapshot, Map<string, Map<string, DeployedChaincodeImpl | ServedChaincode>>>();

export class StartedMockNetworkImpl implements StartedMockNetwork {
  /** Deployments by chaincode name, then channel. */
  private readonly deployments = new Map<string, Map<string, DeployedChaincodeImpl | ServedChaincode>>();
  private readonly identities = new Map<string, { identity: MockIdentity; options: string }>();
  private stopped = false;

  constructor(private readonly mockFabric: MockFabric) {}

  get fabric(): MockFabric {
    this.assertRunning();
    return this.mockFabric;
  }

  async deploy(options: DeployOptions): Promise<DeployedChaincode> {
    const channel = this.channel(options.channel);
    if (options.server !== undefined) return this.deployServed(channel, options, options.server);
    const pkg = await loadContractPackage(options);
    checkClassTransformer();
    checkDecoratorMetadata(pkg.contracts);
    const chaincode = buildChaincode(pkg, options.objects ?? []);
    channel.deploy({
      name: options.name,
      chaincode,
      version: pkg.version,
      ...definitionOptions(options),
      couchDbIndexes: pkg.couchDbIndexes,
      collectionIndexes: pkg.collectionIndexes,
    });
    return this.record(new DeployedChaincodeImpl(options.name, channel.name, pkg.version, chaincode));
  }

  /** A chaincode some program serves (any language): the peer dials its address, as for chaincode as a service. */
  private deployServed(channel: MockChannel, options: DeployOptions, server: ChaincodeServer): DeployedChaincode {
    const inProcessOnly = (['contracts', 'serializers', 'metadata', 'objects'] as const).filter(
      (option) => options[option] !== undefined,
    );
    if (inProcessOnly.length > 0) {
      throw new Error(
        `deploy ${options.name}: ${inProcessOnly.join(', ')} describe chaincode run in process; a chaincode server ` +
          `(server: ${JSON.stringify(server.address)}) brings its own. Give one or the other`,
      );
    }
    const version = options.version ?? '1.0';
    // With a server, modulePath only names the package whose META-INF indexes the peer installs with it.
    const packaged =
      options.modulePath === undefined
        ? { couchDbIndexes: [], collectionIndexes: {} }
        : readPackagedIndexes(path.resolve(options.modulePath));
    channel.deploy({
      name: options.name,
      chaincode: { address: server.address },
      version,
      ...definitionOptions(options),
      couchDbIndexes: options.couchDbIndexes ?? packaged.couchDbIndexes,
      collectionIndexes: options.collectionIndexes ?? packaged.collectionIndexes,
    });
    const address =
      typeof server.address === 'string'
        ? server.address
        : Object.entries(server.address)
            .map(([org, at]) => `${at} (${org})`)
            .join(', ');
    return this.record(new ServedChaincode(options.name, channel.name, version, address));
  }

  private record<T extends DeployedChaincodeImpl | ServedChaincode>(deployed: T): T {
    const byChannel = this.deployments.get(deployed.name) ?? new Map<string, DeployedChaincodeImpl | ServedChaincode>();
    byChannel.set(deployed.channel, deployed);
    this.deployments.set(deployed.name, byChannel);
    return deployed;
  }

  identity(mspId: string, name: string, options: IdentityCreateOptions = {}): MockIdentity {
    this.assertRunning();
    const id = `${mspId}\u0000${name}`;
    const existing = this.identities.get(id);
    if (existing !== undefined) {
      // Asked again with other attributes or role: the first identity would silently win; say so instead.
      const asked = describeIdentityOptions(options);
      if (Object.keys(options).length > 0 && asked !== existing.options) {
        throw new Error(
          `identity ${name}@${mspId} already exists with ${existing.options}, not ${asked}; ` +
            'use another name for an identity with other attributes or role, or call identity() with no options to get it',
        );
      }
      return existing.identity;
    }
    const identity = this.mockFabric.getOrganization(mspId).createIdentity({ name, ...options });
    this.identities.set(id, { identity, options: describeIdentityOptions(options) });
    return identity;
  }

  chaincode(chaincode: ChaincodeRef, options: ChaincodeClientOptions = {}): ChaincodeClient {
    const deployed = this.deployment(chaincode, options.channel);
    const channel = this.channel(deployed.channel);
    return new ChaincodeClientImpl(channel, deployed.name, {
      ...options,
      as: options.as ?? this.defaultIdentity(channel),
    });
  }

  async block(
    transactions: readonly (EndorsedTransaction | Promise<EndorsedTransaction>)[],
  ): Promise<TransactionResult[]> {
    const endorsed = await Promise.all(transactions.map((transaction) => Promise.resolve(transaction)));
    const channels = new Set(endorsed.map((transaction) => transaction.endorsement.channel));
    if (channels.size !== 1)
      throw new Error(`block: transactions must be on one channel, got ${[...channels].join(', ') || 'none'}`);
    const [channelName] = channels;
    return commitBlock(
      this.channel(channelName),
      endorsed.map((transaction) => transaction.endorsement),
    );
  }

  ledger(channel?: string): LedgerView {
    return new LedgerViewImpl(this.channel(channel));
  }

  events(chaincode: ChaincodeRef, options: ChaincodeEventsOptions = {}): ChaincodeEvents {
    const deployed = this.deployment(chaincode, options.channel);
    return openChaincodeEvents(this.channel(deployed.channel), deployed.name, options);
  }

  async context<T>(
    chaincode: ChaincodeRef,
    options: ContextOptions,
    fn: (ctx: Context) => T | Promise<T>,
  ): Promise<ContextResult<T>> {
    const deployed = this.deployment(chaincode, undefined);
    if (deployed instanceof ServedChaincode) {
      throw new Error(
        `context(): chaincode ${deployed.name} is served by a program at ${deployed.address}, not run in this process; ` +
          'context() runs a function inside an in-process contract (deploy with contracts or modulePath)',
      );
    }
    const channel = this.channel(deployed.channel);
    const client = new ChaincodeClientImpl(channel, deployed.name, {
      ...this.chaincodeOptions(options),
      as: options.as ?? this.defaultIdentity(channel),
    });
    let outcome: { value: T } | { error: unknown } | undefined;
    const { fcn, unregister } = deployed.chaincode.registerDirectCall(async (ctx) => {
      try {
        outcome = { value: await fn(ctx) };
      } catch (error) {
        outcome = { error };
        throw error;
      }
    });
    try {
      const endorsement = await channel.endorse(client.request(fcn, [options.contract ?? '']));
      if (outcome === undefined)
        throw new Error(`context: the chaincode did not run (${endorsement.response.message})`);
      if ('error' in outcome) throw outcome.error;
      const base = { value: outcome.value, txId: endorsement.txId, endorsement };
      if (options.commit !== true) return base;
      const committed = await commitOrThrow(channel, endorsement);
      return { ...base, validationCode: committed.validationCode, blockNumber: committed.blockNumber };
    } finally {
      unregister();
    }
  }

  snapshot(): LedgerSnapshot {
    const snapshot = this.fabric.snapshot();
    deploymentsAt.set(snapshot, new Map([...this.deployments].map(([name, byChannel]) => [name, new Map(byChannel)])));
    return snapshot;
  }

  restore(snapshot: LedgerSnapshot): void {
    this.fabric.restore(snapshot);
    // The deployments go back with the ledgers' chaincode definitions (MockFabric.restore).
    this.deployments.clear();
    for (const [name, byChannel] of deploymentsAt.get(snapshot) ?? []) this.deployments.set(name, new Map(byChannel));
  }

  stop(): Promise<void> {
    this.stopped = true;
    this.mockFabric.close();
    return Promise.resolve();
  }

  async [Symbol.asyncDispose](): Promise<void> {
    await this.stop();
  }

  private chaincodeOptions(options: ContextOptions): Omit<ChaincodeClientOptions, 'as'> {
    return {
      ...(options.transient === undefined ? {} : { transient: options.transient }),
      ...(options.endorsingOrganizations === undefined
        ? {}
        : { endorsingOrganizations: options.endorsingOrganizations }),
    };
  }

  private defaultIdentity(channel: MockChannel): MockIdentity {
    const first = channel.organizations[0];
    if (first === undefined) throw new Error(`channel ${channel.name} has no organizations to take an identity from`);
    return this.mockFabric.getOrganization(first).admin;
  }

  private channel(name: string | undefined): MockChannel {
    this.assertRunning();
    if (name !== undefined) return this.mockFabric.getChannel(name);
    const [only, ...others] = this.mockFabric.channels;
    if (only === undefined) throw new Error('the network has no channel: add one with withChannel()');
    if (others.length > 0) throw new Error('the network has several channels: name one');
    return only;
  }

  private deployment(chaincode: ChaincodeRef, channel: string | undefined): DeployedChaincodeImpl | ServedChaincode {
    this.assertRunning();
    const name = typeof chaincode === 'string' ? chaincode : chaincode.name;
    const wanted =
      channel ?? (typeof chaincode === 'object' && 'channel' in chaincode ? String(chaincode.channel) : undefined);
    const byChannel = this.deployments.get(name);
    if (byChannel === undefined) throw new Error(`chaincode ${name} is not deployed`);
    if (wanted !== undefined) {
      const deployed = byChannel.get(wanted);
      if (deployed === undefined) throw new Error(`chaincode ${name} is not deployed on channel ${wanted}`);
      return deployed;
    }
    if (byChannel.size > 1) throw new Error(`chaincode ${name} is deployed on several channels: name one`);
    const [deployed] = byChannel.values();
    if (deployed === undefined) throw new Error(`chaincode ${name} is not deployed`);
    return deployed;
  }

  private assertRunning(): void {
    if (this.stopped) throw new Error('the mock network is stopped');
  }
}

/** Role and attributes in words, the same for equal options whatever their key order. */
function describeIdentityOptions(options: IdentityCreateOptions): string {
  const attributes = Object.entries(options.attributes ?? {}).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return `role ${options.role ?? 'client'} and attributes ${JSON.stringify(Object.fromEntries(attributes))}`;
}

/** The chaincode definition's options a deploy passes on as given, whatever runs the chaincode. */
function definitionOptions(
  options: DeployOptions,
): Partial<Pick<ChaincodeDefinition, 'endorsementPolicy' | 'collections' | 'initRequired' | 'installedOn'>> {
  return {
    ...(options.endorsementPolicy === undefined ? {} : { endorsementPolicy: options.endorsementPolicy }),
    ...(options.collections === undefined ? {} : { collections: options.collections }),
    ...(options.initRequired === undefined ? {} : { initRequired: options.initRequired }),
    ...(options.installedOn === undefined ? {} : { installedOn: options.installedOn }),
  };
}
