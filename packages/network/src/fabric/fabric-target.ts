/**
 * The real-network target: the two-target API over test-harness's `FabricNetwork` (CAs, orderers and peers in
 * containers; chaincode served from this host as a service) and fabric-gateway clients of CA-issued identities.
 */
import {
  FabricNetwork,
  waitForBlock,
  type ChaincodeModule,
  type StartedFabricNetwork,
} from '@fabric-testkit/test-harness';
import { chaincodeProgramOf } from '../chaincode/chaincode-source';
import type { ChaincodeEvents, ChaincodeEventsOptions, StartedMockNetwork } from '@fabric-testkit/contract-test';
import type { Network } from '@hyperledger/fabric-gateway';
import {
  fabricLedgerSource,
  startExplorer,
  type ExplorerOptions,
  type RunningExplorer,
} from '@fabric-testkit/explorer';
import { NetworkDefinitionError, TargetUnsupportedError } from '../errors';
import type { NetworkDefinition } from '../network-definition';
import type {
  ChaincodeClient,
  ChaincodeClientOptions,
  ChaincodeRef,
  DeployedChaincode,
  DeployOptions,
  EndorsedTransaction,
  Identity,
  IdentityOptions,
  StartedNetwork,
  TransactionRecord,
  TransactionResult,
} from '../types';
import { openFabricEvents } from './fabric-events';
import { FabricChaincodeClient, isFabricEndorsed, type FabricEndorsed } from './fabric-client';
import { fromGatewayError } from './gateway-errors';
import { readTransactionRecord } from './ledger-records';
import { orgNameOf } from './org-names';
import { validationCodeName } from './validation-codes';
import { connected, registerIdentity, type RegisteredIdentity } from './registered-identity';

/** Starts a real network of a definition: one CA and peer per organization, a Raft orderer, the channels. */
export async function startFabricTarget(definition: NetworkDefinition): Promise<StartedNetwork> {
  let builder = new FabricNetwork({
    ...(definition.fabricVersion === undefined ? {} : { fabricVersion: definition.fabricVersion }),
    ...(definition.stateDatabase === undefined ? {} : { stateDatabase: definition.stateDatabase }),
    ...(definition.chaincodeCoverage === undefined ? {} : { chaincodeCoverage: definition.chaincodeCoverage }),
    ...(definition.totalQueryLimit === undefined
      ? {}
      : { queryLimits: { totalQueryLimit: definition.totalQueryLimit } }),
  });
  for (const mspId of definition.organizations) builder = builder.withOrganization({ name: orgNameOf(mspId), mspId });
  for (const channel of definition.channels) builder = builder.withChannel(channelOptions(definition, channel.name));
  const started = Date.now();
  definition.progress?.(`starting a Fabric network: ${definition.organizations.join(', ')}`);
  const fabric = await builder.start();
  definition.progress?.(`network ${fabric.id} up in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  return new FabricTarget(fabric, definition);
}

function channelOptions(
  definition: NetworkDefinition,
  logical: string,
  name = logical,
): Parameters<StartedFabricNetwork['createChannel']>[0] {
  const channel = definition.channels.find((c) => c.name === logical);
  if (channel === undefined) throw new NetworkDefinitionError(`the network has no channel ${logical}`);
  return {
    name,
    members: channel.members.map(orgNameOf),
    // A block step submits its transactions back to back: they must land in one block (see block()).
    batchTimeout: definition.batchTimeout ?? DEFAULT_BATCH_TIMEOUT,
  };
}

/**
 * Long enough for the back-to-back submits of `block()` to be cut into one block, each waiting for the orderer's
 * answer before the next is sent (100 ms was not, on a busy 2-core machine); every submit waits for it.
 */
const DEFAULT_BATCH_TIMEOUT = '250ms';

/** A fixture on a real network: the deploys its first run made, and fresh channels for the next calls, made ahead. */
interface FixturePlan {
  readonly deploys: DeployOptions[];
  readonly ready: Promise<Incarnation>[];
}

/**
 * How many fresh channels a fixture keeps in the making while tests run. A fresh channel with its definitions takes a
 * few seconds and a short test a fraction of one; a few made side by side keep up with a suite.
 */
const FIXTURE_CHANNELS_AHEAD = 3;

/** The network's channels as a test sees them (logical names) and as the network has them (physical names). */
type Incarnation = ReadonlyMap<string, string>;

/** A committed definition on a physical channel, with the options it came from. */
interface Committed {
  readonly options: string;
  readonly deployed: DeployedChaincode;
}

class FabricTarget implements StartedNetwork {
  readonly target = 'network';
  readonly #fabric: StartedFabricNetwork;
  readonly #definition: NetworkDefinition;
  readonly #identities = new Map<string, { identity: Identity; registered: Promise<RegisteredIdentity> }>();
  readonly #registered = new Map<Identity, Promise<RegisteredIdentity>>();
  /** Admin connections to each peer, by `org/peer index`, for waiting on blocks and reading the ledger. */
  readonly #peerConnections = new Map<string, RegisteredIdentity>();
  readonly #committed = new Map<string, Map<string, Committed>>();
  readonly #fixtures = new Map<(network: StartedNetwork) => Promise<unknown>, FixturePlan>();
  #incarnation: Incarnation;
  #incarnations = 0;
  #recording: DeployOptions[] | undefined;
  #stopping = false;

  constructor(fabric: StartedFabricNetwork, definition: NetworkDefinition) {
    this.#fabric = fabric;
    this.#definition = definition;
    this.#incarnation = new Map(definition.channels.map((c) => [c.name, c.name]));
  }

  get organizations(): readonly string[] {
    return this.#definition.organizations;
  }

  get channels(): readonly string[] {
    return this.#definition.channels.map((c) => c.name);
  }

  get mock(): StartedMockNetwork {
    throw new TargetUnsupportedError(
      'network',
      'network.mock: a real network has no in-memory peer; use network.fabric',
    );
  }

  get fabric(): StartedFabricNetwork {
    return this.#fabric;
  }

  async deploy(options: DeployOptions): Promise<DeployedChaincode> {
    const logical = this.#channelName(options.channel);
    const physical = this.#physical(logical);
    const key = optionsKey(options);
    const committed = this.#committed.get(physical)?.get(options.name);
    this.#recording?.push(options);
    // A fixture's fresh channel has its definitions committed ahead: the same deploy finds it there.
    if (committed?.options === key) return { ...committed.deployed, channel: logical };
    const deployed = await this.#fabric.deployChaincode(this.#chaincodeOptions(options, physical));
    return this.#record(physical, key, { ...deployed, channel: logical });
  }

  async upgrade(options: DeployOptions): Promise<DeployedChaincode> {
    const logical = this.#channelName(options.channel);
    const physical = this.#physical(logical);
    const deployed = await this.#fabric.upgradeChaincode(this.#chaincodeOptions(options, physical));
    return this.#record(physical, optionsKey(options), { ...deployed, channel: logical });
  }

  identity(mspId: string, name: string, options: IdentityOptions = {}): Promise<Identity> {
    const key = `${name}@${mspId}`;
    const attributes = { ...options.attributes };
    const known = this.#identities.get(key);
    if (known !== undefined) {
      if (
        options.attributes !== undefined &&
        JSON.stringify(known.identity.attributes) !== JSON.stringify(attributes)
      ) {
        return Promise.reject(
          new Error(
            `identity ${key} exists with attributes ${JSON.stringify(known.identity.attributes)}, not ` +
              `${JSON.stringify(attributes)}: a CA enrolls a name once; use another name for other attributes`,
          ),
        );
      }
      return known.registered.then(() => known.identity);
    }
    if (!this.organizations.includes(mspId)) {
      return Promise.reject(
        new Error(`organization ${mspId} is not in the network (${this.organizations.join(', ')})`),
      );
    }
    const identity: Identity = { mspId, name, attributes };
    const registered = registerIdentity(this.#fabric, orgNameOf(mspId), name, attributes);
    this.#identities.set(key, { identity, registered });
    this.#registered.set(identity, registered);
    return registered.then(() => identity);
  }

  chaincode(chaincode: ChaincodeRef, options: ChaincodeClientOptions = {}): ChaincodeClient {
    const name = typeof chaincode === 'string' ? chaincode : chaincode.name;
    const fromRef = typeof chaincode === 'object' && 'channel' in chaincode ? String(chaincode.channel) : undefined;
    const logical = this.#channelName(options.channel ?? fromRef);
    const physical = this.#physical(logical);
    if (this.#committed.get(physical)?.get(name) === undefined) throw new Error(`chaincode ${name} is not deployed`);
    const { as, channel: _channel, ...rest } = options;
    return new FabricChaincodeClient(name, logical, physical, as ?? this.#admin(logical), rest, {
      registered: (identity) => this.#registeredOf(identity),
      commit: (channel, transactions) => this.#commit(logical, channel, transactions),
    });
  }

  async block(
    transactions: readonly (EndorsedTransaction | Promise<EndorsedTransaction>)[],
  ): Promise<TransactionResult[]> {
    const endorsed = await Promise.all(transactions.map((t) => Promise.resolve(t)));
    const fabricEndorsed = endorsed.map((t) => {
      if (!isFabricEndorsed(t)) {
        throw new Error(
          'network.block: the transaction was not endorsed on this network; endorse it with a client of it',
        );
      }
      return t;
    });
    const channels = [...new Set(fabricEndorsed.map((t) => t.fabricChannel))];
    const [channel, ...others] = channels;
    if (channel === undefined || others.length > 0) {
      throw new Error(`block: transactions must be on one channel, got ${channels.join(', ') || 'none'}`);
    }
    const logical = [...this.#incarnation].find(([, p]) => p === channel)?.[0] ?? channel;
    const results = await this.#commit(logical, channel, fabricEndorsed);
    const blocks = [...new Set(results.map((r) => r.blockNumber))];
    if (blocks.length > 1) {
      throw new Error(
        `block: the orderer cut the ${results.length} transactions into blocks ${blocks.join(', ')}, not one; ` +
          'raise batchTimeout in createNetwork()',
      );
    }
    return results;
  }

  explore(options: ExplorerOptions = {}): Promise<RunningExplorer> {
    // Physical channels: a fixture's fresh channel is what the test is using now.
    const channels = new Map(this.channels.map((logical) => [this.#physical(logical), logical]));
    const source = fabricLedgerSource({
      name: 'real Fabric network',
      organizations: this.organizations,
      channels: [...channels.keys()],
      // Each channel is read by an admin of its first member organization, on that organization's first peer.
      gateway: (channel) =>
        this.#peerConnection(this.#members(channels.get(channel) ?? channel)[0] ?? '', 0).connection.gateway,
    });
    return startExplorer(source, options);
  }

  async transaction(txId: string, channel?: string): Promise<TransactionRecord> {
    const logical = this.#channelName(channel);
    const connection = this.#peerConnection(this.#members(logical)[0] ?? '', 0);
    return readTransactionRecord(connection.connection.gateway.getNetwork(this.#physical(logical)), txId);
  }

  events(chaincode: ChaincodeRef, options: ChaincodeEventsOptions = {}): ChaincodeEvents {
    const name = typeof chaincode === 'string' ? chaincode : chaincode.name;
    const logical = this.#channelName(options.channel);
    const admin = this.#peerConnection(this.#members(logical)[0] ?? '', 0);
    return openFabricEvents(admin.connection.gateway.getNetwork(this.#physical(logical)), name, options);
  }

  async loadFixture<T>(fixture: (network: StartedNetwork) => Promise<T>): Promise<T> {
    let plan = this.#fixtures.get(fixture);
    const first = plan === undefined;
    if (plan === undefined) {
      plan = { deploys: [], ready: [] };
      this.#fixtures.set(fixture, plan);
    }
    const started = Date.now();
    this.#incarnation = await (plan.ready.shift() ?? this.#newIncarnation([]));
    this.#recording = first ? plan.deploys : undefined;
    try {
      const value = await fixture(this);
      this.#definition.progress?.(
        `fixture ${fixture.name || '(anonymous)'} on channels ${[...this.#incarnation.values()].join(', ')} in ${Date.now() - started} ms`,
      );
      return value;
    } finally {
      this.#recording = undefined;
      // The next calls' channels, made while the tests run: created, with the fixture's definitions committed.
      while (plan.ready.length < FIXTURE_CHANNELS_AHEAD) {
        const next = this.#newIncarnation(plan.deploys);
        next.catch(() => undefined);
        plan.ready.push(next);
      }
    }
  }

  async stop(): Promise<void> {
    // A fixture's channels may be in the making: they stop at their next step; let that come first, so nothing
    // (a chaincode server) starts after the network is gone.
    this.#stopping = true;
    await Promise.allSettled([...this.#fixtures.values()].flatMap((plan) => plan.ready));
    await this.#fabric.stop();
  }

  async [Symbol.asyncDispose](): Promise<void> {
    await this.stop();
  }

  /** Fresh physical channels for every logical one, with `deploys` committed on them. */
  async #newIncarnation(deploys: readonly DeployOptions[]): Promise<Incarnation> {
    const n = ++this.#incarnations;
    const incarnation = new Map(this.channels.map((logical) => [logical, `${logical}-fx${n}`]));
    const started = Date.now();
    if (this.#stopping) throw new Error('the network is stopping');
    await Promise.all(
      [...incarnation].map(([logical, physical]) =>
        this.#fabric.createChannel(channelOptions(this.#definition, logical, physical)),
      ),
    );
    const channelsMs = Date.now() - started;
    for (const options of deploys) {
      if (this.#stopping) throw new Error('the network is stopping');
      const physical = incarnation.get(this.#channelName(options.channel)) ?? '';
      const deployed = await this.#fabric.deployChaincode(this.#chaincodeOptions(options, physical));
      this.#record(physical, optionsKey(options), deployed);
    }
    this.#definition.progress?.(
      `fresh channels ${[...incarnation.values()].join(', ')}: created in ${channelsMs} ms, ` +
        `${deploys.length} definition(s) committed in ${Date.now() - started - channelsMs} ms`,
    );
    return incarnation;
  }

  /** Submits endorsed transactions back to back, then waits for their status and for every member peer's block. */
  async #commit(
    logical: string,
    channel: string,
    transactions: readonly FabricEndorsed[],
  ): Promise<TransactionResult[]> {
    const submitted = [];
    for (const endorsed of transactions) {
      try {
        submitted.push(await endorsed.transaction.submit());
      } catch (e) {
        throw fromGatewayError(e);
      }
    }
    const statuses = await Promise.all(submitted.map((s) => s.getStatus()));
    const last = statuses.reduce((max, s) => (s.blockNumber > max ? s.blockNumber : max), 0n);
    await this.#waitForBlockEverywhere(logical, channel, last);
    return transactions.map((endorsed, i) => {
      const status = statuses[i] ?? missing(`status of ${endorsed.txId}`);
      const { transaction: _t, fabricChannel: _c, event, ...rest } = endorsed;
      const validationCode = validationCodeName(status.code);
      // Chaincode events reach clients only for valid transactions (chaincodeiterator.go).
      return {
        ...rest,
        ...(validationCode === 'VALID' && event !== undefined ? { event } : {}),
        validationCode,
        blockNumber: Number(status.blockNumber),
      };
    });
  }

  async #waitForBlockEverywhere(logical: string, channel: string, blockNumber: bigint): Promise<void> {
    const waits = this.#members(logical).flatMap((mspId) =>
      this.#fabric.organization(orgNameOf(mspId)).peers.map((_, index) => {
        const network: Network = this.#peerConnection(mspId, index).connection.gateway.getNetwork(channel);
        return waitForBlock(network, blockNumber, 60_000);
      }),
    );
    await Promise.all(waits);
  }

  #peerConnection(mspId: string, index: number): RegisteredIdentity {
    const key = `${mspId}/${index}`;
    let connection = this.#peerConnections.get(key);
    if (connection === undefined) {
      const orgName = orgNameOf(mspId);
      const admin = this.#fabric.organization(orgName).admin;
      connection = connected(this.#fabric, orgName, admin, index);
      this.#peerConnections.set(key, connection);
    }
    return connection;
  }

  /** The admin of the channel's first organization: a client's identity when none is given, as on the mock. */
  #admin(logical: string): Identity {
    const mspId = this.#members(logical)[0] ?? missing(`members of ${logical}`);
    const key = `admin@${mspId}`;
    const known = this.#identities.get(key);
    if (known !== undefined) return known.identity;
    const identity: Identity = { mspId, name: 'admin', attributes: {} };
    const orgName = orgNameOf(mspId);
    const registered = Promise.resolve(connected(this.#fabric, orgName, this.#fabric.organization(orgName).admin));
    this.#identities.set(key, { identity, registered });
    this.#registered.set(identity, registered);
    return identity;
  }

  #registeredOf(identity: Identity): Promise<RegisteredIdentity> {
    const registered = this.#registered.get(identity);
    if (registered === undefined) {
      return Promise.reject(
        new Error(
          `identity ${identity.name}@${identity.mspId} was not made by this network; get it from network.identity()`,
        ),
      );
    }
    return registered;
  }

  #chaincodeOptions(options: DeployOptions, physical: string): Parameters<StartedFabricNetwork['deployChaincode']>[0] {
    return {
      name: options.name,
      channel: physical,
      chaincode: chaincodeOf(options),
      ...(options.version === undefined ? {} : { version: options.version }),
      ...(options.endorsementPolicy === undefined ? {} : { signaturePolicy: options.endorsementPolicy }),
      ...(options.collections === undefined ? {} : { collections: options.collections }),
      ...(options.initRequired === undefined ? {} : { initRequired: options.initRequired }),
      ...(options.inspect === undefined ? {} : { inspect: options.inspect }),
    };
  }

  #record(physical: string, options: string, deployed: DeployedChaincode): DeployedChaincode {
    const result = {
      name: deployed.name,
      channel: deployed.channel,
      version: deployed.version,
      sequence: deployed.sequence,
    };
    const byName = this.#committed.get(physical) ?? new Map<string, Committed>();
    byName.set(deployed.name, { options, deployed: result });
    this.#committed.set(physical, byName);
    return result;
  }

  #members(logical: string): readonly string[] {
    return this.#definition.channels.find((c) => c.name === logical)?.members ?? [];
  }

  #physical(logical: string): string {
    return this.#incarnation.get(logical) ?? missing(`channel ${logical}`);
  }

  #channelName(channel: string | undefined): string {
    if (channel !== undefined) {
      if (!this.channels.includes(channel)) {
        throw new Error(`the network has no channel ${channel} (channels: ${this.channels.join(', ')})`);
      }
      return channel;
    }
    const [only, ...others] = this.channels;
    if (only === undefined) throw new Error('the network has no channel: add one with withChannel()');
    if (others.length > 0) throw new Error('the network has several channels: name one');
    return only;
  }
}

/** What the harness serves: a Go main package, any chaincode program, or a contract package as `fabric-chaincode-node server` serves it. */
function chaincodeOf(options: DeployOptions): ChaincodeModule {
  const program = chaincodeProgramOf(options, false);
  if (program !== undefined) return program;
  throw new TargetUnsupportedError(
    'network',
    `deploy ${options.name}: a real peer runs chaincode in a process of its own, which needs the contract ` +
      'package: give modulePath (the directory of its package.json) instead of contracts',
  );
}

/** What makes two deploys the same definition. */
function optionsKey(options: DeployOptions): string {
  const { channel: _channel, ...rest } = options;
  return JSON.stringify(rest);
}

function missing(what: string): never {
  throw new Error(`internal: ${what} is missing`);
}
