/**
 * Peer-side result iterators (`txmgr/query_executor.go` resultsItr / queryResultsItr / pvtdataResultsItr), pulled
 * by the query response generator. They decide what lands in the read set, so they follow the peer closely.
 */
import type { Version } from '../api';
import type { VersionedValue } from '../ledger/versioned-store';
import type { RangeQueryRecord } from './rwset';

export interface KvResult {
  key: string;
  value: Buffer;
}

export interface HistoryResult {
  txId: string;
  value: Buffer;
  isDelete: boolean;
  timestamp: Date;
}

/** `commonledger.ResultsIterator` plus the paginated iterators' `GetBookmarkAndClose`. */
export interface ResultsIterator<T> {
  /** `undefined` when exhausted. */
  next(): T | undefined;
  /** Bookmark for the next page ("" when done), then close. Only meaningful for paginated queries. */
  bookmarkAndClose(): string;
}

/**
 * A range scan over committed state. With a `record`, every key the peer pulls is added to the range query info
 * and its end key moves to the last key seen, as `resultsItr.updateRangeQueryInfo` does (S-04).
 */
export class RangeResultsIterator implements ResultsIterator<KvResult> {
  readonly #source: Iterator<[string, VersionedValue]>;
  #returned = 0;
  #peeked: [string, VersionedValue] | undefined;

  constructor(
    source: Iterable<[string, VersionedValue]>,
    private readonly record: RangeQueryRecord | undefined,
    private readonly requestedEndKey: string,
    /** Page size of a paginated query; 0 means unlimited (`stateleveldb.go` kvScanner.requestedLimit). */
    private readonly requestedLimit: number,
  ) {
    this.#source = source[Symbol.iterator]();
  }

  #pull(): [string, VersionedValue] | undefined {
    if (this.#peeked !== undefined) {
      const entry = this.#peeked;
      this.#peeked = undefined;
      return entry;
    }
    const step = this.#source.next();
    return step.done === true ? undefined : step.value;
  }

  next(): KvResult | undefined {
    const entry = this.requestedLimit > 0 && this.#returned >= this.requestedLimit ? undefined : this.#pull();
    if (entry === undefined) {
      if (this.record) {
        this.record.itrExhausted = true;
        this.record.endKey = this.requestedEndKey;
      }
      return undefined;
    }
    this.#returned++;
    if (this.record) {
      this.record.reads.push({ key: entry[0], version: copyVersion(entry[1].version) });
      this.record.endKey = entry[0];
    }
    return { key: entry[0], value: entry[1].value };
  }

  bookmarkAndClose(): string {
    const entry = this.#pull();
    this.#peeked = entry;
    return entry === undefined ? '' : entry[0];
  }
}

/** An iterator over a precomputed list (rich query results, history). */
export class ListResultsIterator<T> implements ResultsIterator<T> {
  #index = 0;

  constructor(
    private readonly items: readonly T[],
    private readonly onNext: ((item: T) => void) | undefined,
    private readonly bookmark: () => string,
  ) {}

  next(): T | undefined {
    const item = this.items[this.#index];
    if (item === undefined) return undefined;
    this.#index++;
    this.onNext?.(item);
    return item;
  }

  bookmarkAndClose(): string {
    return this.bookmark();
  }
}

export function copyVersion(version: Version): Version {
  return { blockNum: version.blockNum, txNum: version.txNum };
}
