/**
 * The public shape of the in-memory peer. Implementations live in `src/internal/` and are created by
 * `createMockFabric()`; callers (the contract test API, the CLI, users) only see these interfaces.
 *
 * Layering follows a real network: a {@link MockFabric} has organizations (each with an in-memory CA that issues
 * real X.509 identities) and channels; a {@link MockChannel} has chaincodes, a ledger (world state, private data,
 * history, blocks) and the endorse → order → validate/commit pipeline.
 */
import type { ChaincodeInterface } from 'fabric-shim-api';
import type { CollectionConfig, ValidationCodeName } from '@fabric-testkit/fabric-core';

/** Which state database the peer would run: decides rich-query support and key/value restrictions (S-20). */
export type StateDatabase = 'leveldb' | 'couchdb';

export interface MockFabricOptions {
  /** Default `'leveldb'`: rich queries are refused with the peer's message, as on a LevelDB peer. */
  stateDatabase?: StateDatabase;
  /** Default `true`. When false, `getHistoryForKey` fails as on a peer with history disabled (S-30). */
  historyDatabase?: boolean;
  /** The peer's `ledger.state.totalQueryLimit`. Default 100000 (`sampleconfig/core.yaml`, S-13). */
  totalQueryLimit?: number;
  /**
   * Fixed clock and transaction ids, for reproducible tests. Default off (real time, random nonces).
   * With `true`, time starts at 2020-01-01T00:00:00Z and advances 1 s per proposal; tx ids derive from a counter.
   */
  deterministic?: boolean | DeterministicOptions;
  /**
   * Run each endorsement twice, as two endorsing peers would, and fail the endorsement with a diff naming the
   * keys that differ when the response or read/write set is not identical. Default: on when `process.env.CI`
   * is set, off otherwise. (Endorsements by several organizations are always simulated on each of their peers and
   * compared, as a gateway does.)
   */
  determinismCheck?: boolean;
  /** Channel application capability. Default `'V2_5'`; `'V2_0'` makes `purgePrivateData` fail as on such a channel (S-54). */
  applicationCapability?: 'V2_0' | 'V2_5';
}

export interface DeterministicOptions {
  /** Time of the first proposal. Default 2020-01-01T00:00:00Z. */
  startTime?: Date;
  /** Milliseconds the clock advances per proposal. Default 1000. */
  tickMs?: number;
}

export interface MockFabric {
  /** Adds an organization with an in-memory CA (ECDSA P-256) and NodeOUs. Throws if the MSP id exists. */
  addOrganization(mspId: string): MockOrganization;
  getOrganization(mspId: string): MockOrganization;
  readonly organizations: readonly MockOrganization[];
  /** Creates a channel whose members are the named organizations (all by default). */
  createChannel(name: string, options?: { organizations?: readonly string[] }): MockChannel;
  getChannel(name: string): MockChannel;
  readonly channels: readonly MockChannel[];
  /** A deep copy of every channel's ledger (state, private data, history, blocks) and the clock. */
  snapshot(): LedgerSnapshot;
  /**
   * Puts every ledger back as it was at `snapshot()`, with the chaincode definitions it held then: a chaincode
   * deployed or upgraded since is gone or back at its old version, as on a fresh channel of a real network.
   */
  restore(snapshot: LedgerSnapshot): void;
  /** Closes the streams to chaincode servers (their programs see EOF). In-process chaincode needs nothing. */
  close(): void;
}

/** Opaque: only `MockFabric.restore` reads it. */
export interface LedgerSnapshot {
  readonly takenAt: Date;
}

export type IdentityRole = 'client' | 'admin' | 'peer' | 'orderer';

export interface IdentityOptions {
  /** The certificate's common name (the enrollment id). */
  name: string;
  /** NodeOU role put in the certificate's OU. Default `'client'`. */
  role?: IdentityRole;
  /** Fabric CA attributes (`hf.*` and custom), encoded in the 1.2.3.4.5.6.7.8.1 extension as Fabric CA does. */
  attributes?: Readonly<Record<string, string>>;
}

export interface MockOrganization {
  readonly mspId: string;
  /** PEM of the organization's root CA certificate. */
  readonly caCertificatePem: string;
  /** Issues a new identity from this organization's CA. Names are unique per organization. */
  createIdentity(options: IdentityOptions): MockIdentity;
  getIdentity(name: string): MockIdentity;
  /** An admin identity created with the organization. */
  readonly admin: MockIdentity;
}

export interface MockIdentity {
  readonly mspId: string;
  readonly name: string;
  readonly role: IdentityRole;
  readonly certificatePem: string;
  /** PKCS#8 PEM of the private key. */
  readonly privateKeyPem: string;
  /** `msp.SerializedIdentity` bytes, as in a proposal's creator field. */
  serialize(): Uint8Array;
}

/**
 * One collection in Fabric's collections JSON format (`peer lifecycle chaincode approveformyorg --collections-config`),
 * e.g. `{"name":"assetCollection","policy":"OR('Org1MSP.member','Org2MSP.member')","requiredPeerCount":1,
 * "maxPeerCount":1,"blockToLive":0,"memberOnlyRead":true,"memberOnlyWrite":true}`; fabric-core's type, shared with
 * the test harness. Missing counts take the peer CLI's defaults (requiredPeerCount 0, maxPeerCount 1).
 */
export type { CollectionConfig } from '@fabric-testkit/fabric-core';

export interface ChaincodeDefinition {
  name: string;
  /**
   * Anything with Init/Invoke (a fabric-shim `ChaincodeInterface`, a `ChaincodeFromContract`), run in process; or
   * the address of a chaincode server (chaincode as a service, any language), which the peer dials on the first
   * transaction and talks to over the chaincode protocol, as a real peer does.
   */
  chaincode: ChaincodeInterface | ChaincodeServer;
  /** Default `'1.0'`. */
  version?: string;
  /** Signature policy in Fabric's language, e.g. `"AND('Org1MSP.peer','Org2MSP.peer')"`. Default: a majority of the channel's organizations. */
  endorsementPolicy?: string;
  collections?: readonly CollectionConfig[];
  /** When true, the first transaction must be an init (`isInit: true`), as `--init-required` does. */
  initRequired?: boolean;
  /**
   * CouchDB indexes packaged with the chaincode (`META-INF/statedb/couchdb/indexes/*.json`). On a CouchDB peer a
   * rich query with `sort` fails with CouchDB's "no_usable_index" unless an index covers it. Added after the first API.
   */
  couchDbIndexes?: readonly CouchDbIndexDefinition[];
  /** Indexes per private collection (`META-INF/statedb/couchdb/collections/<name>/indexes/*.json`). */
  collectionIndexes?: Readonly<Record<string, readonly CouchDbIndexDefinition[]>>;
  /**
   * Organizations whose peers have the chaincode package installed. Default: every organization of the channel.
   * An organization that approved the definition but installed nothing has no endorsers for it: the gateway plans
   * around it, and naming it fails (G-08). Added after the first API.
   */
  installedOn?: readonly string[];
}

/** A program serving the chaincode protocol (`protos.Chaincode/Connect`), as in a ccaas `connection.json`. */
export interface ChaincodeServer {
  /**
   * `host:port`, e.g. `127.0.0.1:9999`, dialled by every organization's peer; or one address per organization
   * (MSP id → address), as each peer has its own `connection.json` and a real network often one chaincode process
   * per organization. What the chaincode reads from its own process (`getMspID()` is its `CORE_PEER_LOCALMSPID`)
   * is then each organization's.
   */
  readonly address: string | Readonly<Record<string, string>>;
}

/**
 * A CouchDB index definition as Fabric packages it, e.g.
 * `{"index":{"fields":["docType","owner"]},"ddoc":"indexOwnerDoc","name":"indexOwner","type":"json"}`.
 */
export interface CouchDbIndexDefinition {
  index: { fields: readonly (string | Readonly<Record<string, 'asc' | 'desc'>>)[] };
  ddoc?: string;
  name?: string;
  type?: string;
}

export interface ProposalRequest {
  chaincode: string;
  /** The function name, e.g. `'CreateAsset'` or `'MyContract:CreateAsset'`. */
  fcn: string;
  args?: readonly (string | Uint8Array)[];
  identity: MockIdentity;
  transient?: Readonly<Record<string, string | Uint8Array>>;
  /**
   * Organizations whose peers endorse, each of them (the gateway's `planForOrgs`). Default: the gateway plans
   * it: the identity's organization endorses first, then the fewest organizations that satisfy the policies of what
   * that endorsement read and wrote (chaincode, collection and key-level policies), as the Fabric Gateway does
   * (`internal/pkg/gateway/endorse.go` planFromFirstEndorser). G-01, G-02.
   */
  endorsingOrganizations?: readonly string[];
  /** Call `Init` instead of `Invoke` (for `initRequired` chaincodes). */
  isInit?: boolean;
}

export interface ChaincodeResponse {
  status: number;
  message: string;
  payload: Buffer;
}

export interface ChaincodeEvent {
  chaincode: string;
  txId: string;
  name: string;
  payload: Buffer;
}

/** What one transaction read and wrote, in the order and shape of Fabric's `kvrwset`, per namespace. */
export interface ReadWriteSet {
  namespaces: readonly NamespaceReadWriteSet[];
}

export interface Version {
  blockNum: number;
  txNum: number;
}

export interface NamespaceReadWriteSet {
  namespace: string;
  reads: readonly { key: string; version: Version | null }[];
  rangeQueries: readonly {
    startKey: string;
    endKey: string;
    itrExhausted: boolean;
    reads: readonly { key: string; version: Version | null }[];
  }[];
  writes: readonly { key: string; isDelete: boolean; value: Buffer }[];
  metadataWrites: readonly { key: string; entries: Readonly<Record<string, Buffer>> }[];
  /** Private writes are shown by collection; the public ledger would only carry their hashes. */
  collections: readonly {
    collection: string;
    reads: readonly { key: string; version: Version | null }[];
    writes: readonly { key: string; isDelete: boolean; value: Buffer }[];
    /** Keys purged with `purgePrivateData` (they also appear as deletes in `writes`). Added after the first API. */
    purges?: readonly string[];
  }[];
}

/** One endorsing peer's part in a refusal, as the gateway's `ErrorDetail` (`internal/pkg/gateway/apiutils.go`). */
export interface EndorserDetail {
  /** The mock names one peer per organization: `peer0.<MSP ID in lower case>:7051`. */
  readonly address: string;
  readonly mspId: string;
  /** `chaincode response 500, MESSAGE` for a chaincode error, the peer's own text for a peer error. */
  readonly message: string;
}

/**
 * Why a gateway refused to prepare the transaction: the gRPC status name and message it returns, and one detail
 * per endorsing peer that failed (`internal/pkg/gateway/endorse.go`). G-04.
 */
export interface GatewayRefusal {
  readonly code: 'ABORTED' | 'FAILED_PRECONDITION' | 'UNAVAILABLE';
  /** For example `failed to collect enough transaction endorsements, see attached details for more info`. */
  readonly message: string;
  readonly details: readonly EndorserDetail[];
}

export interface Endorsement {
  readonly txId: string;
  readonly channel: string;
  readonly chaincode: string;
  readonly fcn: string;
  /** The arguments after the function name, as the proposal's chaincode input carries them. Added after the first API. */
  readonly args?: readonly Buffer[];
  readonly identity: MockIdentity;
  readonly timestamp: Date;
  readonly endorsingOrganizations: readonly string[];
  /** Whatever the status: a status >= 400 is returned here, not thrown (and its writes and event are dropped, S-03). */
  readonly response: ChaincodeResponse;
  readonly event?: ChaincodeEvent;
  readonly readWriteSet: ReadWriteSet;
  /**
   * Set when the endorsing organizations' peers answered differently (a response, the event or the read/write set):
   * a gateway refuses such a proposal with "ProposalResponsePayloads do not match"
   * (internal/pkg/gateway/endorsement.go), which `response` then says; this names what differed.
   */
  readonly mismatch?: string;
  /**
   * Set when a gateway would refuse the proposal (then `response` has a refused status: the first failing
   * endorser's response, or the gateway's own text when no endorser answered with an error). Added after the
   * first API.
   */
  readonly refusal?: GatewayRefusal;
}

/**
 * Names of Fabric's `TxValidationCode` (`fabric-protos peer/transaction.proto`) that the mock can produce; a subset
 * of fabric-core's `ValidationCodeName`, so a misspelt code does not compile.
 */
export type ValidationCode = Extract<
  ValidationCodeName,
  | 'VALID'
  | 'MVCC_READ_CONFLICT'
  | 'PHANTOM_READ_CONFLICT'
  | 'ENDORSEMENT_POLICY_FAILURE'
  | 'DUPLICATE_TXID'
  | 'INVALID_CHAINCODE'
>;

export interface CommittedTransaction {
  readonly txId: string;
  readonly blockNumber: number;
  readonly txNumber: number;
  readonly validationCode: ValidationCode;
  readonly endorsement: Endorsement;
}

export interface Block {
  readonly number: number;
  readonly transactions: readonly CommittedTransaction[];
}

/**
 * A chaincode definition as committed on a channel (`_lifecycle` QueryChaincodeDefinitions answers the same
 * fields). Added after the first API.
 */
export interface CommittedChaincodeDefinition {
  readonly name: string;
  readonly version: string;
  /** 1 for the first definition, one more for each upgrade. */
  readonly sequence: number;
  /** The endorsement policy in Fabric's policy language, e.g. `AND('Org1MSP.peer','Org2MSP.peer')`. */
  readonly endorsementPolicy: string;
  readonly collections: readonly CollectionConfig[];
  readonly initRequired: boolean;
}

export interface HistoryEntry {
  txId: string;
  value: Buffer;
  isDelete: boolean;
  timestamp: Date;
}

export interface MockChannel {
  readonly name: string;
  readonly organizations: readonly string[];
  /** Defines and starts a chaincode on this channel (approve + commit in one step). Redeploying the same name upgrades it. */
  deploy(definition: ChaincodeDefinition): void;
  /** Simulates a proposal on the endorsing organizations' peers; nothing is committed. */
  endorse(request: ProposalRequest): Promise<Endorsement>;
  /**
   * Orders the endorsements into one block and validates them in order, as the committing peer does:
   * endorsement policy (chaincode's or key-level), then MVCC/phantom checks against state including earlier
   * valid transactions of the same block. Only VALID transactions change state, private data and history.
   * Endorsements with status >= 400 (or below 200, see `gatewayRefuses`) are refused with an `EndorseError` (a
   * gateway never orders them); an empty list
   * is refused too (an orderer cuts no empty blocks).
   */
  commit(endorsements: readonly Endorsement[]): Promise<Block>;
  /**
   * `endorse` then `commit` of that one endorsement, as a gateway submit does. Rejects with `EndorseError` when
   * status >= 400, and with `CommitError` (its `code` the validation code, its `transaction` the committed
   * transaction) when validation fails, as fabric-gateway's submit does.
   */
  submit(request: ProposalRequest): Promise<CommittedTransaction>;
  /**
   * Runs the proposal on one peer, as a gateway evaluate does (G-06, G-08): the client's organization's when it has
   * the chaincode installed, else another organization's (`endorsingOrganizations`, when given, are the ones to
   * choose from). Resolves with the response whatever its status; rejects with `NoEndorsersError` when no such peer
   * has the chaincode.
   */
  evaluate(request: ProposalRequest): Promise<ChaincodeResponse>;

  /** Committed world state value, or undefined. */
  getState(chaincode: string, key: string): Buffer | undefined;
  /** All committed keys of a chaincode namespace in ledger order, with values. */
  getStateRange(chaincode: string, startKey?: string, endKey?: string): { key: string; value: Buffer }[];
  /** Committed private value as a member org's peer holds it, or undefined. */
  getPrivateData(chaincode: string, collection: string, key: string): Buffer | undefined;
  /** SHA-256 of a committed private value, as every peer of the channel holds it (members or not), or undefined. */
  getPrivateDataHash(chaincode: string, collection: string, key: string): Buffer | undefined;
  /**
   * A key's committed key-level endorsement policy (its `VALIDATION_PARAMETER`), in Fabric's policy language, e.g.
   * `OR('Org1MSP.peer', 'Org2MSP.peer')`; undefined when it has none. `collection` for a private key. Added after
   * the first API.
   */
  getKeyEndorsementPolicy(chaincode: string, key: string, collection?: string): string | undefined;
  getHistory(chaincode: string, key: string): HistoryEntry[];
  readonly blocks: readonly Block[];
  /** The chaincode definitions committed on this channel, by name. Added after the first API. */
  readonly chaincodeDefinitions: readonly CommittedChaincodeDefinition[];
  getTransaction(txId: string): CommittedTransaction | undefined;
  /**
   * Calls `listener` with each block this channel commits from now on, after its state changes are applied (a
   * peer's commit notification). Returns a function that removes the listener. Added after the first API.
   */
  onBlock(listener: (block: Block) => void): () => void;
}
