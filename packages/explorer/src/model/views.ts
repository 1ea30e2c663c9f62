/**
 * The explorer's one model of a ledger, as the page, `fabric-testkit explore` and `fabric-testkit blocks` show it:
 * plain JSON (the server sends it as it is), the same for the in-memory peer and a real network. Types only: the
 * page's build includes this file too.
 *
 * Words are Fabric's: a version is the (block number, transaction number) of the transaction that last wrote a key
 * (`kvrwset.Version`), a read set records the version each key had when the endorser read it, and the committing
 * peer marks the transaction MVCC_READ_CONFLICT when that version is no longer the key's
 * (core/ledger/kvledger/txmgmt/validation/validator.go).
 */

/** `kvrwset.Version`: where the key was last written, when it was read. */
export interface VersionView {
  readonly blockNumber: number;
  readonly txNumber: number;
}

/** A public read: `null` version when the key did not exist. */
export interface ReadView {
  readonly key: string;
  readonly version: VersionView | null;
}

/** A value as text when it is printable UTF-8, else `0x` and hex. */
export type DisplayValue = string;

export interface WriteView {
  readonly key: string;
  readonly isDelete: boolean;
  readonly value: DisplayValue;
}

export interface RangeQueryView {
  readonly startKey: string;
  readonly endKey: string;
  readonly itrExhausted: boolean;
  readonly reads: readonly ReadView[];
}

/**
 * A private read or write as every peer of the channel holds it: SHA-256 hashes of key and value
 * (`rwset.CollectionHashedReadWriteSet`). `key` and `value` are present only where the viewer's organization may
 * read the collection and the source has them (the in-memory peer does; a real block never carries them).
 */
export interface PrivateReadView {
  readonly keyHash: string;
  readonly key?: string;
  readonly version: VersionView | null;
}

export interface PrivateWriteView {
  readonly keyHash: string;
  readonly key?: string;
  readonly isDelete: boolean;
  readonly valueHash: string;
  readonly value?: DisplayValue;
}

export interface CollectionView {
  readonly collection: string;
  readonly reads: readonly PrivateReadView[];
  readonly writes: readonly PrivateWriteView[];
}

/** One namespace (chaincode) of a transaction's read/write set. */
export interface NamespaceView {
  readonly namespace: string;
  readonly reads: readonly ReadView[];
  readonly rangeQueries: readonly RangeQueryView[];
  readonly writes: readonly WriteView[];
  readonly collections: readonly CollectionView[];
}

/** Who submitted the transaction: the creator's `msp.SerializedIdentity`, its certificate read. */
export interface CreatorView {
  readonly mspId: string;
  /** The certificate's subject, e.g. `CN=alice, OU=client`. Empty when the creator is not an X.509 certificate. */
  readonly subject: string;
  /** Fabric CA attributes (extension 1.2.3.4.5.6.7.8.1), e.g. `{"hf.EnrollmentID":"alice"}`. */
  readonly attributes: Readonly<Record<string, string>>;
}

export interface EventView {
  readonly name: string;
  readonly payload: DisplayValue;
}

/** The key, the version the transaction read, and the valid transaction that had changed it: MVCC's evidence. */
export interface MvccConflictView {
  readonly namespace: string;
  /** Set for a private read; then `keyHash` is set and `key` only where the viewer may read the collection. */
  readonly collection?: string;
  readonly key?: string;
  readonly keyHash?: string;
  readonly versionRead: VersionView | null;
  /**
   * The latest valid transaction before this one, in the same or an earlier block, that wrote the key. Absent when
   * no block shown wrote it (then something outside the blocks changed it: on the in-memory peer, a chaincode
   * definition deployed without a block).
   */
  readonly changedBy?: {
    readonly txId: string;
    readonly blockNumber: number;
    readonly txNumber: number;
    readonly isDelete: boolean;
  };
}

export interface PhantomConflictView {
  readonly namespace: string;
  readonly startKey: string;
  readonly endKey: string;
  /** The valid transaction that added, changed or deleted a key in the range after the endorser's iteration. */
  readonly changedBy?: {
    readonly txId: string;
    readonly blockNumber: number;
    readonly txNumber: number;
    readonly key: string;
  };
}

/** Why the committing peer marked a transaction invalid, in words, with the evidence the ledger holds. */
export interface ExplanationView {
  readonly code: string;
  readonly summary: string;
  /** MVCC_READ_CONFLICT: the reads whose version had changed. */
  readonly conflicts?: readonly MvccConflictView[];
  /** PHANTOM_READ_CONFLICT: the range queries whose results had changed. */
  readonly phantoms?: readonly PhantomConflictView[];
  /** ENDORSEMENT_POLICY_FAILURE: the chaincode's policy and who endorsed. */
  readonly endorsementPolicy?: {
    readonly chaincode: string;
    /** Absent when the chaincode has no committed definition the source could read. */
    readonly policy?: string;
    readonly endorsedBy: readonly string[];
  };
}

export interface TransactionView {
  readonly txId: string;
  readonly blockNumber: number;
  readonly txNumber: number;
  /** Fabric's `TxValidationCode` name, e.g. `VALID`, `MVCC_READ_CONFLICT`. */
  readonly validationCode: string;
  /** `ENDORSER_TRANSACTION`, or `CONFIG` for a channel configuration block's transaction. */
  readonly type: string;
  readonly chaincode: string;
  readonly function: string;
  readonly args: readonly DisplayValue[];
  readonly creator: CreatorView;
  /** The MSP ids of the endorsing peers. */
  readonly endorsingOrganizations: readonly string[];
  /** ISO 8601: the proposal's timestamp. */
  readonly timestamp?: string;
  readonly namespaces: readonly NamespaceView[];
  readonly event?: EventView;
  /** Set for every transaction that is not VALID. */
  readonly explanation?: ExplanationView;
}

export interface BlockView {
  readonly channel: string;
  readonly number: number;
  readonly transactions: readonly TransactionView[];
}

export interface CollectionDefinitionView {
  readonly name: string;
  readonly policy: string;
  /** The MSP ids the member policy names: the organizations whose peers hold the private data. */
  readonly memberOrganizations: readonly string[];
  readonly requiredPeerCount: number;
  readonly maxPeerCount: number;
  readonly blockToLive: number;
  readonly memberOnlyRead: boolean;
  readonly memberOnlyWrite: boolean;
  readonly endorsementPolicy?: string;
}

export interface ChaincodeDefinitionView {
  readonly name: string;
  readonly version: string;
  readonly sequence: number;
  readonly endorsementPolicy: string;
  readonly initRequired: boolean;
  readonly collections: readonly CollectionDefinitionView[];
}

export interface ChannelView {
  readonly name: string;
  /** Number of blocks. */
  readonly height: number;
  readonly chaincodeDefinitions: readonly ChaincodeDefinitionView[];
}

/** What `/api/overview` answers. */
export interface OverviewView {
  /** What is shown, e.g. `in-memory network` or `network ftk1a2b3c4d`. */
  readonly source: string;
  readonly organizations: readonly string[];
  /** The organization whose view of private data is shown, if one was chosen. */
  readonly viewer?: string;
  readonly channels: readonly ChannelView[];
}

/** What `/api/events` sends when a channel grows. */
export interface HeightUpdate {
  readonly channel: string;
  readonly height: number;
}
