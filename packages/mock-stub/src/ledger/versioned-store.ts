import BTree from 'sorted-btree';
import type { Version } from '../api';
import { compareKeys } from './key-order';

/** A committed value with the version (block, tx) of the transaction that last wrote it, and its metadata. */
export interface VersionedValue {
  readonly value: Buffer;
  readonly version: Version;
  /** State metadata, e.g. `VALIDATION_PARAMETER` (S-60). Absent when the key has none. */
  readonly metadata?: ReadonlyMap<string, Buffer>;
}

/**
 * One namespace (or private collection) of a state database: keys sorted by UTF-8 bytes (S-12) in a B+ tree,
 * so a point read is O(log n) and a range of k keys is O(log n + k). Cloning is O(1) (copy-on-write), which gives
 * range iterators a stable view and `snapshot()` its cheapness.
 */
export class VersionedStore {
  readonly #tree: BTree<string, VersionedValue>;

  constructor(tree?: BTree<string, VersionedValue>) {
    this.#tree = tree ?? new BTree<string, VersionedValue>(undefined, compareKeys);
  }

  get size(): number {
    return this.#tree.size;
  }

  get(key: string): VersionedValue | undefined {
    return this.#tree.get(key);
  }

  put(key: string, value: VersionedValue): void {
    this.#tree.set(key, value);
  }

  delete(key: string): void {
    this.#tree.delete(key);
  }

  /**
   * Keys in [startKey, endKey) in UTF-8 order; an empty `endKey` means "to the end of the namespace"
   * (`stateleveldb.go` GetStateRangeScanIterator). Lazy: the caller pays only for what it consumes.
   */
  *range(startKey: string, endKey: string): Generator<[string, VersionedValue]> {
    for (const entry of this.#tree.entries(startKey)) {
      if (endKey !== '' && compareKeys(entry[0], endKey) >= 0) return;
      yield [entry[0], entry[1]];
    }
  }

  /** O(1) copy-on-write clone. */
  clone(): VersionedStore {
    return new VersionedStore(this.#tree.clone());
  }
}
