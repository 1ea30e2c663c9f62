/**
 * The mock target: the two-target API over contract-test's in-memory network. Calls, results and errors are
 * contract-test's (they already follow the gateway); this adds identities as values, fixtures by snapshot, and the
 * ledger's transaction records.
 */
import { chaincodeProgramOf, packageDirectoryOf } from '../chaincode/chaincode-source';
import { ChaincodePrograms } from '../chaincode/chaincode-programs';
import {
  MockNetwork,
  type DeployOptions as MockDeployOptions,
  type ChaincodeClient as MockClient,
  type EndorsedTransaction as MockEndorsed,
  type StartedMockNetwork,
} from '@fabric-testkit/contract-test';
import type { LedgerSnapshot, MockFabricOptions, MockIdentity } from '@fabric-testkit/mock-stub';
import { mockLedgerSource, startExplorer, type ExplorerOptions, type RunningExplorer } from '@fabric-testkit/explorer';
import { TargetUnsupportedError } from '../errors';
import type { NetworkDefinition } from '../network-definition';
import type {
  ChaincodeClient,
  ChaincodeClientOptions,
  ChaincodeRef,
  ClientOptions,
  DeployedChaincode,
  DeployOptions,
  EndorsedTransaction,
  Identity,
  IdentityOptions,
  StartedNetwork,
  TransactionRecord,
  TransactionResult,
} from '../types';
import type { ChaincodeEvents, ChaincodeEventsOptions } from '@fabric-testkit/contract-test';
import type { StartedFabricNetwork } from '@fabric-testkit/test-harness';

/** Starts the in-memory network of a definition. */
export async function startMockTarget(definition: NetworkDefinition): Promise<StartedNetwork> {
  let builder = new MockNetwork()
    .withOrganizations(...definition.organizations)
    .withPeerOptions(peerOptions(definition));
  for (const channel of definition.channels) {
    builder = builder.withChannel(channel.name, { organizations: channel.members });
  }
  return new MockTarget(await builder.start(), definition.chaincodeCoverage);
}

function peerOptions(definition: NetworkDefinition): MockFabricOptions {
  return {
    ...(definition.stateDatabase === undefined ? {} : { stateDatabase: definition.stateDatabase }),
    ...(definition.totalQueryLimit === undefined ? {} : { totalQueryLimit: definition.totalQueryLimit }),
  };
}

/** A fixture's state on the mock: the ledgers (with their chaincode definitions) after it ran, and its value. */
interface SavedFixture {
  readonly snapshot: LedgerSnapshot;
  readonly value: unknown;
}

class MockTarget implements StartedNetwork {
  readonly target = 'mock';
  readonly #network: StartedMockNetwork;
  readonly #identities = new Map<Identity, MockIdentity>();
  readonly #fixtures = new Map<(network: StartedNetwork) => Promise<unknown>, SavedFixture>();
  /** Deployed sequences by channel and name (the mock's `_lifecycle` keeps them too, but not as a public read). */
  #sequences = new Map<string, number>();
  /** The ledgers as the network started: where a fixture's first run starts, as a real network's fresh channel. */
  readonly #started: LedgerSnapshot;
  /** Chaincode programs this network started (Go, any program, Node served over the wire). */
  readonly #programs: ChaincodePrograms;

  constructor(network: StartedMockNetwork, chaincodeCoverage: string | undefined) {
    this.#network = network;
    this.#programs = new ChaincodePrograms(chaincodeCoverage);
    this.#started = network.snapshot();
  }

  get organizations(): readonly string[] {
    return this.#network.fabric.organizations.map((o) => o.mspId);
  }

  get channels(): readonly string[] {
    return this.#network.fabric.channels.map((c) => c.name);
  }

  get mock(): StartedMockNetwork {
    return this.#network;
  }

  get fabric(): StartedFabricNetwork {
    throw new TargetUnsupportedError('mock', 'network.fabric: the mock has no Fabric containers; use network.mock');
  }

  async deploy(options: DeployOptions): Promise<DeployedChaincode> {
    const deployed = await this.#network.deploy(await this.#mockDeployOptions(options));
    return this.#record(deployed.name, deployed.channel, deployed.version, 1);
  }

  async upgrade(options: DeployOptions): Promise<DeployedChaincode> {
    const channel = options.channel ?? this.#onlyChannel();
    const sequence = this.#sequences.get(`${channel}\u0000${options.name}`);
    if (sequence === undefined) {
      throw new Error(`chaincode ${options.name} is not deployed on channel ${channel}; deploy it first`);
    }
    const deployed = await this.#network.deploy(await this.#mockDeployOptions({ ...options, channel }));
    return this.#record(deployed.name, deployed.channel, deployed.version, sequence + 1);
  }

  /**
   * contract-test's options for a deploy: in process, or the address of the program this network started for it.
   * The definition's version is DeployOptions' (default 1.0) on both targets; contract-test alone would take the
   * package.json version of a modulePath deploy (found by the two-target run of asset-transfer-private).
   */
  async #mockDeployOptions(options: DeployOptions): Promise<MockDeployOptions> {
    const { go: _go, server: _server, served: _served, inspect, ...common } = options;
    const version = options.version ?? '1.0';
    const program = chaincodeProgramOf(options, true);
    if (program === undefined) return { ...common, version };
    // Every program stays up until stop(): a fixture's snapshot may bring back a definition that names it.
    const running = await this.#programs.start(program, options.name, version, inspect);
    const packageDirectory = packageDirectoryOf(options);
    return {
      ...common,
      version,
      server: { address: running.address },
      ...(packageDirectory === undefined ? {} : { modulePath: packageDirectory }),
    };
  }

  identity(mspId: string, name: string, options: IdentityOptions = {}): Promise<Identity> {
    try {
      // contract-test refuses the same name with other attributes, as a CA refuses to register it twice.
      const mock = this.#network.identity(mspId, name, {
        ...(options.attributes === undefined ? {} : { attributes: options.attributes }),
      });
      const known = [...this.#identities].find(([, m]) => m === mock)?.[0];
      if (known !== undefined) return Promise.resolve(known);
      const identity: Identity = { mspId, name, attributes: { ...options.attributes } };
      this.#identities.set(identity, mock);
      return Promise.resolve(identity);
    } catch (e) {
      return Promise.reject(e instanceof Error ? e : new Error(String(e)));
    }
  }

  chaincode(chaincode: ChaincodeRef, options: ChaincodeClientOptions = {}): ChaincodeClient {
    const { as, ...rest } = options;
    const client = this.#network.chaincode(chaincode, {
      ...rest,
      ...(as === undefined ? {} : { as: this.#mockIdentity(as) }),
    });
    return new MockChaincodeClient(client, as ?? adminOf(client.identity), (identity) => this.#mockIdentity(identity));
  }

  block(transactions: readonly (EndorsedTransaction | Promise<EndorsedTransaction>)[]): Promise<TransactionResult[]> {
    return this.#network.block(transactions.map(async (t) => endorsedByMock(await t)));
  }

  explore(options: ExplorerOptions = {}): Promise<RunningExplorer> {
    return startExplorer(mockLedgerSource(this.#network.fabric), options);
  }

  transaction(txId: string, channel?: string): Promise<TransactionRecord> {
    const committed = this.#network.fabric.getChannel(channel ?? this.#onlyChannel()).getTransaction(txId);
    if (committed === undefined) return Promise.reject(new Error(`transaction ${txId} is not in the ledger`));
    return Promise.resolve({
      txId,
      validationCode: committed.validationCode,
      blockNumber: committed.blockNumber,
      endorsingOrganizations: [...committed.endorsement.endorsingOrganizations].sort(),
    });
  }

  events(chaincode: ChaincodeRef, options?: ChaincodeEventsOptions): ChaincodeEvents {
    return this.#network.events(chaincode, options);
  }

  async loadFixture<T>(fixture: (network: StartedNetwork) => Promise<T>): Promise<T> {
    const saved = this.#fixtures.get(fixture);
    if (saved !== undefined) {
      this.#network.restore(saved.snapshot);
      this.#sequences = new Map(sequencesAt.get(saved.snapshot));
      // The value is the fixture's own: the same object on every call, as Hardhat's loadFixture gives.
      return saved.value as T;
    }
    // A first run starts from empty channels, not from what the previous test left: a real network gives it a
    // fresh channel, and a fixture must not depend on which test ran before it.
    this.#network.restore(this.#started);
    this.#sequences = new Map();
    const value = await fixture(this);
    const snapshot = this.#network.snapshot();
    sequencesAt.set(snapshot, new Map(this.#sequences));
    this.#fixtures.set(fixture, { snapshot, value });
    return value;
  }

  async stop(): Promise<void> {
    await this.#network.stop();
    await this.#programs.stop();
  }

  async [Symbol.asyncDispose](): Promise<void> {
    await this.stop();
  }

  #record(name: string, channel: string, version: string, sequence: number): DeployedChaincode {
    this.#sequences.set(`${channel}\u0000${name}`, sequence);
    return { name, channel, version, sequence };
  }

  #mockIdentity(identity: Identity): MockIdentity {
    const mock = this.#identities.get(identity);
    if (mock === undefined) {
      throw new Error(
        `identity ${identity.name}@${identity.mspId} was not made by this network; get it from network.identity()`,
      );
    }
    return mock;
  }

  #onlyChannel(): string {
    const [only, ...others] = this.channels;
    if (only === undefined || others.length > 0) throw new Error('the network has several channels: name one');
    return only;
  }
}

const sequencesAt = new WeakMap<LedgerSnapshot, Map<string, number>>();

/** The identity of a client built without `as`: its channel's first organization's admin. */
function adminOf(mock: MockIdentity): Identity {
  return { mspId: mock.mspId, name: mock.name, attributes: {} };
}

/** A transaction endorsed by a mock client carries the mock's endorsement; one from a real network does not. */
function endorsedByMock(transaction: EndorsedTransaction): MockEndorsed {
  if (!isMockEndorsed(transaction)) {
    throw new Error('network.block: the transaction was not endorsed on this network; endorse it with a client of it');
  }
  return transaction;
}

function isMockEndorsed(transaction: EndorsedTransaction): transaction is MockEndorsed {
  return 'endorsement' in transaction;
}

/** contract-test's client, with identities as this API's values. */
class MockChaincodeClient implements ChaincodeClient {
  constructor(
    private readonly client: MockClient,
    readonly identity: Identity,
    private readonly mockIdentity: (identity: Identity) => MockIdentity,
  ) {}

  get name(): string {
    return this.client.name;
  }

  get channel(): string {
    return this.client.channel;
  }

  submit(fcn: string, ...args: readonly (string | Uint8Array)[]): Promise<TransactionResult> {
    return this.client.submit(fcn, ...args);
  }

  evaluate(fcn: string, ...args: readonly (string | Uint8Array)[]): ReturnType<ChaincodeClient['evaluate']> {
    return this.client.evaluate(fcn, ...args);
  }

  endorse(fcn: string, ...args: readonly (string | Uint8Array)[]): Promise<EndorsedTransaction> {
    return this.client.endorse(fcn, ...args);
  }

  init(fcn: string, ...args: readonly (string | Uint8Array)[]): Promise<TransactionResult> {
    return this.client.init(fcn, ...args);
  }

  state(key: string): Buffer | undefined {
    return this.client.state(key);
  }

  with(options: ClientOptions): ChaincodeClient {
    const { as, ...rest } = options;
    return new MockChaincodeClient(
      this.client.with({ ...rest, ...(as === undefined ? {} : { as: this.mockIdentity(as) }) }),
      as ?? this.identity,
      this.mockIdentity,
    );
  }
}
