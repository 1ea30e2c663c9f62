/**
 * Public shapes of the contract test API. Implementations live in `internal/`; users get them from
 * {@link MockNetwork.start}.
 */
import type { Context, Contract } from 'fabric-contract-api';
import type {
  Block,
  ChaincodeEvent,
  ChaincodeServer,
  CollectionConfig,
  CouchDbIndexDefinition,
  Endorsement,
  HistoryEntry,
  LedgerSnapshot,
  MockFabric,
  MockIdentity,
  ValidationCode,
} from '@fabric-testkit/mock-stub';
import type { ChaincodeEvents, ChaincodeEventsOptions } from './events';

/** A contract class as fabric-chaincode-node loads it from `module.exports.contracts`. */
export type ContractClass = new () => Contract;

/** `module.exports.serializers` of a contract package, as `bootstrap.js` reads it. */
export interface SerializerConfig {
  /** Name of the serializer used for transactions, e.g. `'jsonSerializer'`. */
  transaction: string;
  /** Serializer classes (or module names) by name; the default `jsonSerializer` is always added. */
  serializers: Record<string, unknown>;
}

/** Options of {@link StartedMockNetwork.deploy}. Give either `contracts` or `modulePath`. */
export interface DeployOptions {
  /** Chaincode name. */
  name: string;
  /** Channel to deploy on. Default: the network's only channel (an error when it has several). */
  channel?: string;
  /** Contract classes, as `module.exports.contracts`; the first is the default unless one has `@Default()`. */
  contracts?: readonly ContractClass[];
  /**
   * Directory of a contract package: loaded as the peer does (`bootstrap.js`: `package.json` `main`,
   * its `contracts` and `serializers`, `META-INF/metadata.json` or `contract-metadata/metadata.json`).
   */
  modulePath?: string;
  /**
   * A program serving the chaincode protocol at `address` (chaincode as a service: Go, Java, or Node run as a
   * server), which the in-memory peer dials on the first transaction and talks to over gRPC, as a real peer does.
   * Instead of `contracts`; with it, `modulePath` only names the package directory whose `META-INF` CouchDB indexes
   * are installed. The program is yours to start and stop (`@fabric-testkit/network` does both for its `go`,
   * `server` and `served` deployments).
   */
  server?: ChaincodeServer;
  /** Default: JSON serialization, as `bootstrap.js` sets up. */
  serializers?: SerializerConfig;
  /** Contract metadata as in `META-INF/metadata.json`. Default `{}`: generated from the code. */
  metadata?: object;
  /**
   * Names of `@Object` classes to include in the metadata beyond those reachable from the contracts'
   * transactions (contract-api registers objects process-wide; each deployment keeps only its own).
   */
  objects?: readonly string[];
  /** Default `'1.0'` (or the package's version with `modulePath`). */
  version?: string;
  /** Signature policy, e.g. `"AND('Org1MSP.peer','Org2MSP.peer')"`. Default: majority of the channel's orgs. */
  endorsementPolicy?: string;
  collections?: readonly CollectionConfig[];
  /** The first transaction must be `init: true` (`--init-required`). */
  initRequired?: boolean;
  /**
   * CouchDB indexes (`{"index":{"fields":[...]},"ddoc":...,"name":...,"type":"json"}`). Default: with `modulePath`, the
   * package's `META-INF/statedb/couchdb/indexes/*.json`, as a peer installs them; none otherwise.
   */
  couchDbIndexes?: readonly CouchDbIndexDefinition[];
  /**
   * Organizations whose peers have the package installed. Default: every organization of the channel. The mock's
   * gateway plans around the others, as a Fabric Gateway does (G-08).
   */
  installedOn?: readonly string[];
  /** Indexes per private collection. Default: with `modulePath`, `META-INF/statedb/couchdb/collections/<name>/indexes/*.json`. */
  collectionIndexes?: Readonly<Record<string, readonly CouchDbIndexDefinition[]>>;
}

/** A chaincode deployed by {@link StartedMockNetwork.deploy}. */
export interface DeployedChaincode {
  readonly name: string;
  readonly channel: string;
  readonly version: string;
  /** Contract names in dispatch order, including `org.hyperledger.fabric`. */
  readonly contractNames: readonly string[];
  /** The contract that runs functions named without a `Contract:` prefix. */
  readonly defaultContract: string;
  /** What `org.hyperledger.fabric:GetMetadata` returns. */
  readonly metadata: Readonly<Record<string, unknown>>;
  /**
   * The contract instance the dispatcher calls (for `sinon.spy(instance, 'CreateAsset')`).
   * Throws when `contract` was not deployed here.
   */
  contract<T extends Contract>(contract: new () => T): T;
}

/** Per-call options of a {@link ChaincodeClient}; set with `network.chaincode(name, options)` or `client.with()`. */
export interface ClientOptions {
  /** The signing identity. Default: the admin of the channel's first organization. */
  as?: MockIdentity;
  /** Transient data: in the proposal, never on the ledger. */
  transient?: Readonly<Record<string, string | Uint8Array>>;
  /**
   * Organizations whose peers endorse. Default: the gateway's plan (G-01..G-05): the client's organization
   * first, then the fewest organizations that the chaincode's and its collections' policies need.
   */
  endorsingOrganizations?: readonly string[];
}

/** Options of {@link StartedMockNetwork.chaincode}. */
export interface ChaincodeClientOptions extends ClientOptions {
  /** Needed only when the chaincode is deployed on several channels. */
  channel?: string;
}

/** A chaincode's response payload, with decoders. */
export interface TransactionOutput {
  /** The payload bytes as the chaincode returned them. */
  readonly result: Buffer;
  /** The payload as UTF-8. */
  readonly text: string;
  /** The payload parsed as JSON (throws on a non-JSON payload). */
  json<T = unknown>(): T;
}

/** A transaction endorsed but not yet committed ({@link ChaincodeClient.endorse}). */
export interface EndorsedTransaction extends TransactionOutput {
  readonly txId: string;
  /** The chaincode event, if the function set one. */
  readonly event?: ChaincodeEvent;
  /** The raw endorsement (read/write set, endorsing organizations, timestamp). */
  readonly endorsement: Endorsement;
}

/** A committed transaction: valid or not ({@link StartedMockNetwork.block} reports invalid ones too). */
export interface TransactionResult extends EndorsedTransaction {
  readonly validationCode: ValidationCode;
  readonly blockNumber: number;
  /** Position in the block. */
  readonly txNumber: number;
}

/** Calls one chaincode as one identity, through a gateway-like client. */
export interface ChaincodeClient {
  readonly name: string;
  readonly channel: string;
  readonly identity: MockIdentity;
  /**
   * Endorses, orders and commits one transaction (a gateway `submit`).
   * Rejects with `EndorseError` when the chaincode responds with status >= 400, and with `CommitError` when
   * the transaction is invalidated at commit.
   *
   * @example
   * ```ts
   * const { json, event, blockNumber } = await cc.submit('CreateAsset', 'a1', 'blue', '5', 'Tom', '100');
   * ```
   */
  submit(fcn: string, ...args: readonly (string | Uint8Array)[]): Promise<TransactionResult>;
  /**
   * Runs the function on one peer (of the client's organization, or the first of `endorsingOrganizations`) and
   * returns its result; never commits. Rejects with `GatewayError` on status >= 400.
   */
  evaluate(fcn: string, ...args: readonly (string | Uint8Array)[]): Promise<TransactionOutput>;
  /** Endorses without committing; commit with {@link StartedMockNetwork.block}. Rejects with `EndorseError`. */
  endorse(fcn: string, ...args: readonly (string | Uint8Array)[]): Promise<EndorsedTransaction>;
  /** Calls `Init` (`isInit`) instead of `Invoke`, endorsed and committed. */
  init(fcn: string, ...args: readonly (string | Uint8Array)[]): Promise<TransactionResult>;
  /** The committed world-state value of `key` in this chaincode's namespace, or undefined. */
  state(key: string): Buffer | undefined;
  /** A client with some options changed, e.g. `cc.with({ as: bob })`. */
  with(options: ClientOptions): ChaincodeClient;
}

/** Options of {@link StartedMockNetwork.context}. */
export interface ContextOptions {
  as?: MockIdentity;
  transient?: Readonly<Record<string, string | Uint8Array>>;
  endorsingOrganizations?: readonly string[];
  /** Commit the transaction's writes. Default `false`: endorse only, as an evaluate. */
  commit?: boolean;
  /** Contract whose `createContext()` builds the context. Default: the chaincode's default contract. */
  contract?: string;
}

/** What {@link StartedMockNetwork.context} resolves to. */
export interface ContextResult<T> {
  /** What the callback returned, as is (not serialized). */
  readonly value: T;
  readonly txId: string;
  readonly endorsement: Endorsement;
  /** Set when `commit: true`. */
  readonly validationCode?: ValidationCode;
  readonly blockNumber?: number;
}

/** Read access to one channel's committed ledger. */
export interface LedgerView {
  readonly channel: string;
  /** Committed world-state value, or undefined when absent. */
  state(chaincode: ChaincodeRef, key: string): Buffer | undefined;
  /** Committed value parsed as JSON, or undefined when absent. */
  json<T = unknown>(chaincode: ChaincodeRef, key: string): T | undefined;
  /** Committed keys in ledger (UTF-8 byte) order; end key exclusive. */
  range(chaincode: ChaincodeRef, startKey?: string, endKey?: string): { key: string; value: Buffer }[];
  /** Committed private data as a member organization's peer holds it, or undefined. */
  privateData(chaincode: ChaincodeRef, collection: string, key: string): Buffer | undefined;
  /** SHA-256 of a committed private value, the hash every peer holds, members or not (S-51); undefined when absent. */
  privateDataHash(chaincode: ChaincodeRef, collection: string, key: string): Buffer | undefined;
  /**
   * A key's committed metadata: its key-level endorsement policy (validation parameter) in Fabric's policy
   * language, e.g. `OR('Org2MSP.peer')`, when it has one (S-60). `collection` for a private key.
   */
  metadata(chaincode: ChaincodeRef, key: string, options?: { collection?: string }): { endorsementPolicy?: string };
  /** Key history, newest first, valid transactions only (S-30). */
  history(chaincode: ChaincodeRef, key: string): HistoryEntry[];
  readonly blocks: readonly Block[];
}

/** A chaincode by name, or a deployment or client of it. */
export type ChaincodeRef = string | { readonly name: string };

/** A running mock network: see {@link MockNetwork}. */
export interface StartedMockNetwork extends AsyncDisposable {
  /** The in-memory peer underneath, for what this API does not cover. */
  readonly fabric: MockFabric;
  /**
   * Builds the chaincode the way a peer's chaincode process does (`ChaincodeFromContract` over the contract
   * classes) and defines it on the channel.
   *
   * @example
   * ```ts
   * await network.deploy({ name: 'basic', contracts: [AssetContract], endorsementPolicy: "OR('Org1MSP.peer')" });
   * ```
   */
  deploy(options: DeployOptions): Promise<DeployedChaincode>;
  /** Returns the named identity of an organization, issuing it on first use (with `options`). */
  identity(mspId: string, name: string, options?: IdentityCreateOptions): MockIdentity;
  /** A client for a deployed chaincode. */
  chaincode(chaincode: ChaincodeRef, options?: ChaincodeClientOptions): ChaincodeClient;
  /**
   * Commits endorsed transactions in one block, in the order given, and reports each one's validation code
   * (an invalid transaction does not reject here).
   *
   * @example
   * ```ts
   * const [first, second] = await network.block([cc.endorse('Transfer', 'a1', 'x'), cc.endorse('Transfer', 'a1', 'y')]);
   * ```
   */
  block(transactions: readonly (EndorsedTransaction | Promise<EndorsedTransaction>)[]): Promise<TransactionResult[]>;
  /** The committed ledger of a channel (default: the only channel). */
  ledger(channel?: string): LedgerView;
  /**
   * The chaincode's events from valid transactions, as a gateway client's `getChaincodeEvents` delivers them: from
   * the next block committed (or `startBlock`, or where a checkpoint stopped), waiting for new blocks until closed.
   *
   * @example
   * ```ts
   * const events = network.events(cc, { startBlock: 0 });
   * for await (const event of events) {
   *   if (event.eventName === 'TransferAsset') break; // leaving the loop closes the stream
   * }
   * ```
   */
  events(chaincode: ChaincodeRef, options?: ChaincodeEventsOptions): ChaincodeEvents;
  /**
   * Runs `fn` inside a transaction of `chaincode` with a `Context` built as the dispatcher builds it (the
   * contract's `createContext()`, the real stub, a `ClientIdentity`), for calling contract methods directly.
   * Errors thrown by `fn` reject as they are.
   *
   * @example
   * ```ts
   * const { value } = await network.context(cc, { as: alice }, (ctx) => new AssetContract().ReadAsset(ctx, 'a1'));
   * ```
   */
  context<T>(
    chaincode: ChaincodeRef,
    options: ContextOptions,
    fn: (ctx: Context) => T | Promise<T>,
  ): Promise<ContextResult<T>>;
  /** Saves every ledger (state, history, blocks). */
  snapshot(): LedgerSnapshot;
  /** Puts the ledgers back as they were, with the chaincode definitions they held (a later deploy is undone). */
  restore(snapshot: LedgerSnapshot): void;
  /** Ends the network: later calls throw. */
  stop(): Promise<void>;
}

/** Options of {@link StartedMockNetwork.identity} for a new identity. */
export interface IdentityCreateOptions {
  /** Fabric CA attributes, readable with `ctx.clientIdentity.getAttributeValue()`. */
  attributes?: Readonly<Record<string, string>>;
  /** Default `'client'`. */
  role?: 'client' | 'admin' | 'peer' | 'orderer';
}
