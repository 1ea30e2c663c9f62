/**
 * Builds a transaction's read/write set the way `rwsetutil/rwset_builder.go` does: per namespace, the last read or
 * write of a key wins, keys and namespaces come out sorted (byte order), range queries in the order they ran.
 */
import type { NamespaceReadWriteSet, ReadWriteSet, Version } from '../api';
import { compareKeys } from '../ledger/key-order';

export interface RangeQueryRecord {
  startKey: string;
  endKey: string;
  itrExhausted: boolean;
  reads: { key: string; version: Version | null }[];
}

interface CollectionRw {
  reads: Map<string, Version | null>;
  /** `null` is a delete. */
  writes: Map<string, Buffer | null>;
  purges: Set<string>;
  metadataWrites: Map<string, Map<string, Buffer>>;
}

export interface NamespaceRw {
  reads: Map<string, Version | null>;
  rangeQueries: RangeQueryRecord[];
  writes: Map<string, Buffer | null>;
  metadataWrites: Map<string, Map<string, Buffer>>;
  collections: Map<string, CollectionRw>;
}

function sortedEntries<V>(map: ReadonlyMap<string, V>): [string, V][] {
  return [...map.entries()].sort((a, b) => compareKeys(a[0], b[0]));
}

function toWrites(map: ReadonlyMap<string, Buffer | null>): NamespaceReadWriteSet['writes'] {
  return sortedEntries(map).map(([key, value]) => ({
    key,
    isDelete: value === null,
    value: value ?? Buffer.alloc(0),
  }));
}

/**
 * The range queries as a peer records them: one per (start key, end key, exhausted), the first one run
 * (rwsetutil/rwset_builder.go AddToRangeQuerySet; found by the differential run).
 */
function distinctRanges(queries: readonly RangeQueryRecord[]): RangeQueryRecord[] {
  const seen = new Set<string>();
  return queries.filter((query) => {
    const key = JSON.stringify([query.startKey, query.endKey, query.itrExhausted]);
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

function toReads(map: ReadonlyMap<string, Version | null>): { key: string; version: Version | null }[] {
  return sortedEntries(map).map(([key, version]) => ({ key, version }));
}

export class RwSetBuilder {
  readonly namespaces = new Map<string, NamespaceRw>();
  /**
   * `ns\u0000collection` of every collection whose private data the chaincode read with `getPrivateData`: a
   * hash read, a metadata read or a range does not count (`txmgr/query_executor.go` privateReads). The gateway
   * lets only the collection's members endorse such a transaction (G-03).
   */
  readonly privateReads = new Set<string>();

  ns(name: string): NamespaceRw {
    let rw = this.namespaces.get(name);
    if (rw === undefined) {
      rw = { reads: new Map(), rangeQueries: [], writes: new Map(), metadataWrites: new Map(), collections: new Map() };
      this.namespaces.set(name, rw);
    }
    return rw;
  }

  collection(ns: string, name: string): CollectionRw {
    const nsRw = this.ns(ns);
    let rw = nsRw.collections.get(name);
    if (rw === undefined) {
      rw = { reads: new Map(), writes: new Map(), purges: new Set(), metadataWrites: new Map() };
      nsRw.collections.set(name, rw);
    }
    return rw;
  }

  /** Drops every write (public, private, metadata, purge) but keeps reads: a response with status >= 400 (S-03). */
  discardWrites(): void {
    for (const rw of this.namespaces.values()) {
      rw.writes.clear();
      rw.metadataWrites.clear();
      for (const c of rw.collections.values()) {
        c.writes.clear();
        c.purges.clear();
        c.metadataWrites.clear();
      }
    }
  }

  toReadWriteSet(): ReadWriteSet {
    return {
      namespaces: sortedEntries(this.namespaces).map(([namespace, rw]) => ({
        namespace,
        reads: toReads(rw.reads),
        rangeQueries: distinctRanges(rw.rangeQueries).map((q) => ({ ...q, reads: [...q.reads] })),
        writes: toWrites(rw.writes),
        metadataWrites: sortedEntries(rw.metadataWrites).map(([key, entries]) => ({
          key,
          entries: Object.fromEntries(entries),
        })),
        collections: sortedEntries(rw.collections).map(([collection, c]) => ({
          collection,
          reads: toReads(c.reads),
          writes: toWrites(c.writes),
          ...(c.purges.size > 0 ? { purges: [...c.purges].sort(compareKeys) } : {}),
        })),
      })),
    };
  }
}
