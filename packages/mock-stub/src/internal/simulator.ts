/**
 * The transaction simulator (`core/ledger/kvledger/txmgmt/txmgr/tx_simulator.go` and `query_executor.go`):
 * reads see committed state only (no read-your-writes, S-01), every read records the committed version (S-04),
 * writes only go to the write set, and the read-only rules for paginated and private queries apply (S-15, S-53).
 */
import { createHash } from 'node:crypto';
import type { StateDatabase } from '../api';
import type { ChannelLedger } from '../ledger/channel-ledger';
import { validateCouchKey, validateCouchValue } from '../query/couchdb-keys';
import { readDefinition } from './lifecycle-state';
import { formatHeight, invalidCollectionName, simulatorErrors } from './peer-errors';
import { copyVersion, RangeResultsIterator, type KvResult, type ResultsIterator } from './results-iterator';
import { RwSetBuilder, type RangeQueryRecord } from './rwset';

export interface SimulatorOptions {
  stateDatabase: StateDatabase;
  /** Whether the endorsing peer's org is a member of a collection (it holds the private values). */
  peerHoldsCollection(ns: string, collection: string): boolean;
  /** Whether the collection is defined for the namespace (explicit or implicit). */
  collectionExists(ns: string, collection: string): boolean;
}

export class TxSimulator {
  readonly rwset = new RwSetBuilder();
  #writePerformed = false;
  #paginatedQueriesPerformed = false;
  #pvtQueriesPerformed = false;

  constructor(
    readonly ledger: ChannelLedger,
    readonly txId: string,
    readonly options: SimulatorOptions,
  ) {}

  getState(ns: string, key: string): Buffer | undefined {
    const committed = this.ledger.state.get(ns)?.get(key);
    this.rwset.ns(ns).reads.set(key, committed ? copyVersion(committed.version) : null);
    return committed?.value;
  }

  /** Reading metadata records a read of the key (`query_executor.go` GetStateMetadata, S-60). */
  getStateMetadata(ns: string, key: string): ReadonlyMap<string, Buffer> {
    const committed = this.ledger.state.get(ns)?.get(key);
    this.rwset.ns(ns).reads.set(key, committed ? copyVersion(committed.version) : null);
    return committed?.metadata ?? new Map();
  }

  /** An empty value is a delete (`rwset_proto_util.go` IsDelete, S-02). */
  setState(ns: string, key: string, value: Buffer): void {
    this.#checkWritePrecondition(key, value);
    this.rwset.ns(ns).writes.set(key, value.length === 0 ? null : value);
  }

  deleteState(ns: string, key: string): void {
    this.setState(ns, key, Buffer.alloc(0));
  }

  setStateMetadata(ns: string, key: string, entries: ReadonlyMap<string, Buffer>): void {
    this.#checkWritePrecondition(key, undefined);
    // The builder keeps the last metadata map per key (`rwset_builder.go` AddToMetadataWriteSet).
    this.rwset.ns(ns).metadataWrites.set(key, new Map(entries));
  }

  rangeScan(ns: string, startKey: string, endKey: string): ResultsIterator<KvResult> {
    return this.#range(ns, startKey, endKey, 0);
  }

  rangeScanWithPagination(ns: string, startKey: string, endKey: string, pageSize: number): ResultsIterator<KvResult> {
    this.#checkBeforePaginatedQueries();
    return this.#range(ns, startKey, endKey, pageSize);
  }

  /** Marks the start of a paginated rich query (read-only rule, S-15). */
  beginPaginatedQuery(): void {
    this.#checkBeforePaginatedQueries();
  }

  #range(ns: string, startKey: string, endKey: string, pageSize: number): ResultsIterator<KvResult> {
    const record: RangeQueryRecord = { startKey, endKey, itrExhausted: false, reads: [] };
    this.rwset.ns(ns).rangeQueries.push(record);
    const store = this.ledger.state.get(ns)?.clone();
    return new RangeResultsIterator(store ? store.range(startKey, endKey) : [], record, endKey, pageSize);
  }

  /** Records a key read by a rich query (`queryResultsItr.Next`): rich queries have no phantom protection (S-04). */
  recordQueryRead(ns: string, key: string): void {
    const committed = this.ledger.state.get(ns)?.get(key);
    this.rwset.ns(ns).reads.set(key, committed ? copyVersion(committed.version) : null);
  }

  // ---- private data ----

  /**
   * txmgr/collection_val.go validateCollName: the collection configuration comes from the chaincode definition,
   * read through this transaction's own query executor, so every private data operation (a hash read too) puts
   * the definition's keys in the read set. Found by the differential run.
   */
  validateCollectionName(ns: string, collection: string): void {
    readDefinition(this, ns);
    if (!this.options.collectionExists(ns, collection)) throw new Error(invalidCollectionName(ns, collection));
  }

  /**
   * A member's peer returns the value; a non-member's peer has only the hash, so it fails when the key exists
   * (`query_executor.go` GetPrivateData: "private data matching public hash version is not available").
   */
  getPrivateData(ns: string, collection: string, key: string): Buffer | undefined {
    this.validateCollectionName(ns, collection);
    const held = this.options.peerHoldsCollection(ns, collection)
      ? this.ledger.privateData.get(`${ns}\u0000${collection}`)?.get(key)
      : undefined;
    const hash = this.ledger.privateHashes.get(`${ns}\u0000${collection}`)?.get(key);
    if (!sameVersion(hash?.version, held?.version)) {
      throw new Error(
        `private data matching public hash version is not available. Public hash version = ${formatHeight(hash?.version)}, Private data version = ${formatHeight(held?.version)}`,
      );
    }
    this.rwset.collection(ns, collection).reads.set(key, held ? copyVersion(held.version) : null);
    this.rwset.privateReads.add(`${ns}\u0000${collection}`);
    return held?.value;
  }

  /** SHA-256 of the committed value, from the hashed state every peer holds (S-51). Records a hashed read. */
  getPrivateDataHash(ns: string, collection: string, key: string): Buffer | undefined {
    this.validateCollectionName(ns, collection);
    const hash = this.ledger.privateHashes.get(`${ns}\u0000${collection}`)?.get(key);
    this.rwset.collection(ns, collection).reads.set(key, hash ? copyVersion(hash.version) : null);
    return hash?.value;
  }

  getPrivateDataMetadata(ns: string, collection: string, key: string): ReadonlyMap<string, Buffer> {
    this.validateCollectionName(ns, collection);
    const hash = this.ledger.privateHashes.get(`${ns}\u0000${collection}`)?.get(key);
    this.rwset.collection(ns, collection).reads.set(key, hash ? copyVersion(hash.version) : null);
    return hash?.metadata ?? new Map();
  }

  setPrivateData(ns: string, collection: string, key: string, value: Buffer): void {
    this.validateCollectionName(ns, collection);
    this.#checkWritePrecondition(key, value);
    this.rwset.collection(ns, collection).writes.set(key, value.length === 0 ? null : value);
  }

  deletePrivateData(ns: string, collection: string, key: string): void {
    this.setPrivateData(ns, collection, key, Buffer.alloc(0));
  }

  purgePrivateData(ns: string, collection: string, key: string): void {
    this.validateCollectionName(ns, collection);
    this.#checkWritePrecondition(key, undefined);
    const rw = this.rwset.collection(ns, collection);
    rw.writes.set(key, null);
    rw.purges.add(key);
  }

  setPrivateDataMetadata(ns: string, collection: string, key: string, entries: ReadonlyMap<string, Buffer>): void {
    this.validateCollectionName(ns, collection);
    this.#checkWritePrecondition(key, undefined);
    this.rwset.collection(ns, collection).metadataWrites.set(key, new Map(entries));
  }

  /** Private range scans add nothing to the read set (`pvtdataResultsItr`, S-53). */
  privateRangeScan(ns: string, collection: string, startKey: string, endKey: string): ResultsIterator<KvResult> {
    this.checkBeforePvtdataQueries();
    this.validateCollectionName(ns, collection);
    const store = this.options.peerHoldsCollection(ns, collection)
      ? this.ledger.privateData.get(`${ns}\u0000${collection}`)?.clone()
      : undefined;
    return new RangeResultsIterator(store ? store.range(startKey, endKey) : [], undefined, endKey, 0);
  }

  checkBeforePvtdataQueries(): void {
    if (this.#writePerformed) throw new Error(simulatorErrors.pvtQueryAfterWrite(this.txId));
    this.#pvtQueriesPerformed = true;
  }

  #checkBeforePaginatedQueries(): void {
    if (this.#writePerformed) throw new Error(simulatorErrors.paginatedAfterWrite(this.txId));
    this.#paginatedQueriesPerformed = true;
  }

  /** `tx_simulator.go` checkWritePrecondition, then the state database's ValidateKeyValue. */
  #checkWritePrecondition(key: string, value: Buffer | undefined): void {
    if (this.#pvtQueriesPerformed) throw new Error(simulatorErrors.writeAfterPvtQuery(this.txId));
    if (this.#paginatedQueriesPerformed) throw new Error(simulatorErrors.writeAfterPaginated(this.txId));
    this.#writePerformed = true;
    if (this.options.stateDatabase === 'couchdb') {
      validateCouchKey(key);
      if (value !== undefined) validateCouchValue(value);
    }
  }
}

function sameVersion(
  a: { blockNum: number; txNum: number } | undefined,
  b: { blockNum: number; txNum: number } | undefined,
): boolean {
  if (a === undefined || b === undefined) return a === b;
  return a.blockNum === b.blockNum && a.txNum === b.txNum;
}

export function sha256(value: Uint8Array): Buffer {
  return createHash('sha256').update(value).digest();
}
