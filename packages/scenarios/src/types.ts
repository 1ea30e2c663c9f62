/**
 * The shape of a scenario file once loaded (see `scenario.schema.json` for the file format) and of what a run
 * records. Defaults are filled in by the loader, so every field a runner reads is present.
 */

/** Which state database the peers run (S-20). */
export type StateDatabase = 'leveldb' | 'couchdb';

/** A client identity: `name@org`, issued by the organization's CA with these attributes on first use. */
export interface IdentitySpec {
  readonly org: string;
  readonly name: string;
  readonly attributes?: Readonly<Record<string, string>>;
}

/** One private data collection, in Fabric's collections JSON format. */
export interface CollectionSpec {
  readonly name: string;
  readonly policy: string;
  readonly requiredPeerCount: number;
  readonly maxPeerCount: number;
  readonly blockToLive: number;
  readonly memberOnlyRead?: boolean;
  readonly memberOnlyWrite?: boolean;
}

/** A chaincode to deploy: a sample by name (`probe`, `asset-transfer-basic`, ...) or a contract package directory. */
export interface ChaincodeSpec {
  /** The chaincode name on the channel. */
  readonly name: string;
  readonly channel: string;
  /** Exactly one of `sample` and `path` is set; `path` is absolute once loaded. */
  readonly sample?: string;
  readonly path?: string;
  readonly endorsementPolicy?: string;
  readonly collections?: readonly CollectionSpec[];
  readonly initRequired?: boolean;
}

/** The network a scenario runs on. */
export interface NetworkSpec {
  readonly organizations: readonly string[];
  readonly channels: readonly { readonly name: string; readonly organizations: readonly string[] }[];
  readonly stateDatabase: StateDatabase;
  /** The peers' `ledger.state.totalQueryLimit`; undefined for Fabric's default (100000). */
  readonly totalQueryLimit?: number;
  readonly chaincodes: readonly ChaincodeSpec[];
}

/** One transaction proposal: who calls what, with which arguments. */
export interface Call {
  readonly channel: string;
  readonly chaincode: string;
  readonly function: string;
  readonly args: readonly string[];
  readonly identity: IdentitySpec;
  readonly transient?: Readonly<Record<string, string>>;
  /** Organizations whose peers endorse. Default: the identity's organization. */
  readonly endorsingOrgs?: readonly string[];
  /** Call `Init` (for `initRequired` chaincodes). */
  readonly init?: boolean;
  /** The probe operations, when the call is a probe `Exec` (they are also `args[0]`). */
  readonly ops?: readonly Readonly<Record<string, unknown>>[];
}

/** A chaincode event: name and payload (decoded as a {@link Payload}). */
export interface EventRecord {
  readonly name: string;
  readonly payload: Payload;
}

/**
 * A payload as runs record it: parsed JSON when the bytes are JSON, else UTF-8 text, else `{ base64 }`.
 * An empty payload is `""`.
 */
export type Payload = unknown;

/** What the scenario expects of one call; every field is optional. */
export interface Expectation {
  /** The response status (200 unless the chaincode chose another). */
  readonly status?: number;
  /** The payload, compared deeply with the decoded payload. */
  readonly payload?: Payload;
  /** Text the error message must contain; implies a status a gateway refuses (>= 400, or < 200). */
  readonly error?: string;
  /** The event, or `null` for none. Without `payload`, only the name is checked. */
  readonly event?: { readonly name: string; readonly payload?: Payload } | null;
  /**
   * Per probe operation, in order: `result` compared deeply, or `error` as text the operation's error must
   * contain (error texts carry transaction ids, so they are matched by substring). `{}` skips an operation.
   */
  readonly results?: readonly { readonly result?: unknown; readonly error?: string }[];
  /** The validation code at commit (`VALID`, `MVCC_READ_CONFLICT`, ...). Submits only. */
  readonly validationCode?: string;
}

export type CallKind = 'submit' | 'evaluate';

/** A submit or evaluate, with what it should give. */
export interface CallStep {
  readonly kind: CallKind;
  readonly call: Call;
  readonly expect?: Expectation;
}

/** A step of a scenario: one call, or several submits endorsed against the same state and committed in one block. */
export type Step =
  | (CallStep & { readonly name?: string })
  | { readonly kind: 'block'; readonly name?: string; readonly transactions: readonly CallStep[] };

/** A loaded scenario. */
export interface Scenario {
  /** The file it came from (absolute), or `<inline>`. */
  readonly file: string;
  readonly name: string;
  /** S-rule ids it shows, e.g. `['S-01']`. */
  readonly rules: readonly string[];
  readonly description?: string;
  readonly network: NetworkSpec;
  readonly steps: readonly Step[];
  /** Final evaluations whose results every run records (default: every probe's whole simple-key range). */
  readonly observe: readonly Call[];
}

/** Versions as `block:tx`, or `none` for a key that was absent. */
export type VersionText = string;

/** A readable summary of one namespace of a read/write set. */
export interface NamespaceSummary {
  readonly reads: Readonly<Record<string, VersionText>>;
  readonly ranges: readonly { startKey: string; endKey: string; itrExhausted: boolean; keys: string[] }[];
  /** Written values as payloads; a delete is `{ delete: true }`. */
  readonly writes: Readonly<Record<string, unknown>>;
  readonly metadataWrites: readonly string[];
  readonly collections: Readonly<
    Record<
      string,
      {
        /**
         * True when keys are hex SHA-256 hashes and written values `{ valueHash }`: what a transaction carries
         * for private data (a real network's summary). Otherwise keys and values are plaintext (the mock's).
         */
        hashed?: boolean;
        reads: Readonly<Record<string, VersionText>>;
        writes: Readonly<Record<string, unknown>>;
        purges: readonly string[];
      }
    >
  >;
}

/** What a target observed for one call. */
export interface CallOutcome {
  readonly status: number;
  readonly message: string;
  readonly payload: Payload;
  /** Set for every endorsed call (the proposal's transaction id). */
  readonly txId?: string;
  readonly event?: EventRecord;
  /** Set when the transaction was committed. */
  readonly validationCode?: string;
  readonly blockNumber?: number;
  /** Per namespace, where the target can see it (the mock can; a gateway client cannot). */
  readonly readWriteSet?: Readonly<Record<string, NamespaceSummary>>;
}

/** One call of a run, with what happened and which expectations failed. */
export interface CallRecord {
  readonly kind: CallKind | 'observe';
  readonly call: Call;
  readonly outcome: CallOutcome;
  readonly failures: readonly string[];
}

/** One step of a run. */
export interface StepRecord {
  /** 1-based. */
  readonly index: number;
  readonly label: string;
  readonly calls: readonly CallRecord[];
}

/** Everything one scenario run on one target recorded. */
export interface ScenarioRun {
  readonly scenario: Scenario;
  readonly target: string;
  readonly steps: readonly StepRecord[];
  readonly observations: readonly CallRecord[];
  /** Set when the target failed (not the chaincode): the run stopped there. */
  readonly error?: string;
  /** Set when the target cannot run this scenario (see `Target.unsupported`): nothing ran. */
  readonly skipped?: string;
  /** True when every expectation held and the target did not fail (or the scenario was skipped). */
  readonly passed: boolean;
}
