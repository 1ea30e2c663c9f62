/**
 * The public shapes of the two-target API: one vocabulary for the in-memory peer and a real Fabric network, in
 * Fabric's own words (MSP ids, endorsement policies, collection configs) and fabric-gateway's (submit, evaluate,
 * endorse, `EndorseError`, `CommitError`). Implementations live in `mock/` and `fabric/`.
 */
import type { ExplorerOptions, RunningExplorer } from '@fabric-testkit/explorer';
import type {
  ChaincodeEvents,
  ChaincodeEventsOptions,
  ContractClass,
  StartedMockNetwork,
} from '@fabric-testkit/contract-test';
import type { ChaincodeProgram, StartedFabricNetwork } from '@fabric-testkit/test-harness';
import type { CollectionConfig as FabricCollectionConfig, ValidationCodeName } from '@fabric-testkit/fabric-core';

/** A name of Fabric's `TxValidationCode` (`peer/transaction.proto`), e.g. `VALID`, `MVCC_READ_CONFLICT`. */
export type ValidationCode = ValidationCodeName;

/** Where a network runs: `mock`, the in-memory peer in this process, or `network`, real Fabric in containers. */
export type TargetName = 'mock' | 'network';

/** A peer's state database: LevelDB, or CouchDB with rich queries and indexes. */
export type StateDatabase = 'leveldb' | 'couchdb';

/** An identity of an organization: a CA-issued certificate on a real network, the in-memory CA's on the mock. */
export interface Identity {
  readonly mspId: string;
  /** The enrollment id, e.g. `alice`. */
  readonly name: string;
  /** Fabric CA attributes in the certificate, readable with `ctx.clientIdentity.getAttributeValue()`. */
  readonly attributes: Readonly<Record<string, string>>;
}

/** Options of {@link StartedNetwork.identity} for a new identity. */
export interface IdentityOptions {
  /** Fabric CA attributes, put in the certificate (`ecert`). */
  readonly attributes?: Readonly<Record<string, string>>;
}

/**
 * A private data collection, in Fabric's collections JSON shape (`collections_config.json`): fabric-core's, with
 * Fabric's defaults for what is left out (`requiredPeerCount` 0, `maxPeerCount` 1, `blockToLive` 0).
 */
export type CollectionConfig = FabricCollectionConfig;

/** Options of {@link StartedNetwork.deploy} and {@link StartedNetwork.upgrade}. */
export interface DeployOptions {
  /** Chaincode name. */
  readonly name: string;
  /** Channel to deploy on. Default: the network's only channel. */
  readonly channel?: string;
  /**
   * The contract package directory (its `package.json` `main` exports `contracts`), served as
   * `fabric-chaincode-node server --module-path DIR` serves it on a real network and loaded the same way on the mock.
   * Its `META-INF/statedb/couchdb` indexes go with it. Works on both targets.
   */
  readonly modulePath?: string;
  /**
   * Contract classes, as `module.exports.contracts`. Mock only: a real peer runs a chaincode process, which needs
   * `modulePath`.
   */
  readonly contracts?: readonly ContractClass[];
  /**
   * A Go chaincode: the directory of its main package (fabric-chaincode-go's `shim.ChaincodeServer`, reading
   * `CHAINCODE_SERVER_ADDRESS` and `CHAINCODE_ID`), built once with `go build` (cached by content) and served as a
   * program. Both targets: the in-memory peer talks to it over the chaincode protocol, as a real peer does. Its
   * `META-INF/statedb/couchdb` indexes go with it.
   */
  readonly go?: string;
  /**
   * Any program serving the chaincode protocol (Java, Rust, a prebuilt binary...): started with
   * `CHAINCODE_SERVER_ADDRESS` and `CHAINCODE_ID` set, waited for until it listens, its last output shown when it
   * fails, stopped with the network. Both targets.
   */
  readonly server?: ChaincodeProgram['server'];
  /**
   * Mock only: serve the `modulePath` package as a chaincode server process (as `fabric-chaincode-node server`
   * does) and talk to it over the chaincode protocol, as a real network always does, instead of running it in the
   * test's process. For the chaincode's coverage and debugger as a peer runs it, and for checking the wire. Default
   * false: in process is faster.
   */
  readonly served?: boolean;
  /** Default `1.0`. An upgrade with a new version installs a new package. */
  readonly version?: string;
  /** In Fabric's policy language, e.g. `"AND('Org1MSP.peer','Org2MSP.peer')"`. Default: a majority of the members. */
  readonly endorsementPolicy?: string;
  readonly collections?: readonly CollectionConfig[];
  /** The first transaction must be `init` (`--init-required`). */
  readonly initRequired?: boolean;
  /**
   * Debugging: the chaincode server runs under a debugger at 127.0.0.1, `port` (default 9229) and up (one per
   * organization on a real network): a Node server under the inspector, a Go chaincode built without optimizations
   * under Delve (`dlv exec --headless`, which must be installed); with `wait` it starts only once a debugger attached
   * (and, for Delve, continued it). On the mock this needs a served chaincode (`go`, or `served: true`); chaincode
   * run in process is debugged by starting mocha with `node --inspect` instead.
   */
  readonly inspect?: { readonly port?: number; readonly wait?: boolean };
}

/** A chaincode definition committed on a channel. */
export interface DeployedChaincode {
  readonly name: string;
  readonly channel: string;
  readonly version: string;
  /** The definition's sequence: 1, then one more per upgrade. */
  readonly sequence: number;
}

/** Per-call options of a {@link ChaincodeClient}. */
export interface ClientOptions {
  /** The signing identity. Default: the admin of the channel's first organization. */
  readonly as?: Identity;
  /** Transient data: in the proposal, never on the ledger. */
  readonly transient?: Readonly<Record<string, string | Uint8Array>>;
  /** Organizations whose peers endorse. Default: the gateway's plan from the chaincode's and collections' policies. */
  readonly endorsingOrganizations?: readonly string[];
}

/** Options of {@link StartedNetwork.chaincode}. */
export interface ChaincodeClientOptions extends ClientOptions {
  /** Needed only when the network has several channels. */
  readonly channel?: string;
}

/** A chaincode event as the endorsing peers signed it. */
export interface ChaincodeEvent {
  readonly name: string;
  readonly payload: Uint8Array;
}

/** A chaincode's response payload, with decoders. */
export interface TransactionOutput {
  /** The payload bytes. */
  readonly result: Buffer;
  /** The payload as UTF-8. */
  readonly text: string;
  /** The payload parsed as JSON. */
  json<T = unknown>(): T;
}

/** A transaction endorsed and not yet ordered ({@link ChaincodeClient.endorse}); commit it with `network.block()`. */
export interface EndorsedTransaction extends TransactionOutput {
  readonly txId: string;
  /** The chaincode event, if the function set one. */
  readonly event?: ChaincodeEvent;
}

/** A committed transaction, valid or not. */
export interface TransactionResult extends EndorsedTransaction {
  readonly validationCode: ValidationCode;
  readonly blockNumber: number;
}

/** What the ledger records of a transaction ({@link StartedNetwork.transaction}). */
export interface TransactionRecord {
  readonly txId: string;
  readonly validationCode: ValidationCode;
  readonly blockNumber: number;
  /** The MSP ids of the peers whose endorsements the transaction carries, sorted. */
  readonly endorsingOrganizations: readonly string[];
}

/** Calls one chaincode as one identity, as a fabric-gateway client does. */
export interface ChaincodeClient {
  readonly name: string;
  readonly channel: string;
  readonly identity: Identity;
  /**
   * Endorses, orders and commits (fabric-gateway's `submit`), and resolves once every peer of the channel has
   * committed it, so the next call sees it on any organization. Rejects with `EndorseError` or `CommitError`.
   */
  submit(fcn: string, ...args: readonly (string | Uint8Array)[]): Promise<TransactionResult>;
  /** Runs the function on one peer and returns its result, never commits. Rejects with `GatewayError`. */
  evaluate(fcn: string, ...args: readonly (string | Uint8Array)[]): Promise<TransactionOutput>;
  /** Endorses without ordering; commit with {@link StartedNetwork.block}. Rejects with `EndorseError`. */
  endorse(fcn: string, ...args: readonly (string | Uint8Array)[]): Promise<EndorsedTransaction>;
  /** Calls `Init` (`isInit`), endorsed and committed. */
  init(fcn: string, ...args: readonly (string | Uint8Array)[]): Promise<TransactionResult>;
  /**
   * The committed world-state value of `key`. Mock only: a real network's state is read through chaincode (a
   * `TargetUnsupportedError` there).
   */
  state(key: string): Buffer | undefined;
  /** A client with some options changed, e.g. `cc.with({ as: bob })`. */
  with(options: ClientOptions): ChaincodeClient;
}

/** A chaincode by name, or a deployment or client of it. */
export type ChaincodeRef = string | { readonly name: string };

/** A network running on one target; the same calls on both. */
export interface StartedNetwork extends AsyncDisposable {
  readonly target: TargetName;
  /** The organizations' MSP ids. */
  readonly organizations: readonly string[];
  /** The channel names. */
  readonly channels: readonly string[];
  /**
   * Deploys a chaincode: installed for each member organization, approved, and its definition committed.
   *
   * @example
   * ```ts
   * await network.deploy({ name: 'basic', modulePath: path.resolve(__dirname, '..') });
   * ```
   */
  deploy(options: DeployOptions): Promise<DeployedChaincode>;
  /** Commits a changed definition of a deployed chaincode with the next sequence (a new version: a new package). */
  upgrade(options: DeployOptions): Promise<DeployedChaincode>;
  /** The named identity of an organization, issued on first use (registered and enrolled at its CA on a network). */
  identity(mspId: string, name: string, options?: IdentityOptions): Promise<Identity>;
  /** A client for a deployed chaincode. */
  chaincode(chaincode: ChaincodeRef, options?: ChaincodeClientOptions): ChaincodeClient;
  /**
   * Orders endorsed transactions into one block, in the order given, and reports each one's validation code (an
   * invalid transaction does not reject here).
   */
  block(transactions: readonly (EndorsedTransaction | Promise<EndorsedTransaction>)[]): Promise<TransactionResult[]>;
  /** What the ledger records of a committed transaction (a real network: `qscc GetTransactionByID`). */
  transaction(txId: string, channel?: string): Promise<TransactionRecord>;
  /**
   * The chaincode's events from valid transactions, from the next block (or `startBlock`, or a checkpoint),
   * waiting for new blocks until closed; fabric-gateway's `getChaincodeEvents`.
   */
  events(chaincode: ChaincodeRef, options?: ChaincodeEventsOptions): ChaincodeEvents;
  /**
   * Gives the test the state a fixture function makes, Hardhat's `loadFixture`: the mock runs it once and restores
   * a snapshot on later calls; a real network gives each call a fresh channel with the fixture's chaincode
   * definitions committed (the packages stay installed and served) and runs the function there. Keep fixture
   * functions deterministic: on a real network they run once per call.
   *
   * @example
   * ```ts
   * async function deployed(network: StartedNetwork) {
   *   await network.deploy({ name: 'basic', modulePath });
   *   return network.chaincode('basic', { as: await network.identity('Org1MSP', 'alice') });
   * }
   * beforeEach(async () => { cc = await network.loadFixture(deployed); });
   * ```
   */
  loadFixture<T>(fixture: (network: StartedNetwork) => Promise<T>): Promise<T>;
  /**
   * Serves the explorer page for this network on 127.0.0.1 (channels, blocks as they arrive, read/write sets with
   * versions, why a transaction was invalid, chaincode definitions) and resolves with its URL; `close()` it when
   * done (`await using` does). On a real network it reads the channels as they are now, as the first organization's
   * admin would, and shows private data as hashes (a block holds nothing else).
   *
   * @example
   * ```ts
   * await using explorer = await network.explore();
   * console.log(`explorer: ${explorer.url}`);
   * ```
   */
  explore(options?: ExplorerOptions): Promise<RunningExplorer>;
  /** The in-memory network underneath. Mock only (`TargetUnsupportedError` on a real network). */
  readonly mock: StartedMockNetwork;
  /** The real network underneath. Network only (`TargetUnsupportedError` on the mock). */
  readonly fabric: StartedFabricNetwork;
  /** Ends the network: a real one's containers and chaincode servers are removed. */
  stop(): Promise<void>;
}
