import type { Block, CommittedTransaction } from '../api';
import { HistoryStore } from './history';
import { VersionedStore } from './versioned-store';

/** A private write waiting for its `blockToLive` to run out (`pvtstatepurgemgmt`). */
export interface ExpiryEntry {
  readonly ns: string;
  readonly collection: string;
  readonly key: string;
  /** Version of the write that scheduled it: a later write re-schedules and this entry is ignored. */
  readonly blockNum: number;
  readonly txNum: number;
}

/**
 * Everything a channel's peer persists: world state per namespace, private data (values, as a member's peer holds
 * them) and their hashes (as every peer holds them) per collection, history, blocks and the tx id index.
 */
export class ChannelLedger {
  constructor(
    readonly state = new Map<string, VersionedStore>(),
    /** Key `ns\u0000collection`. */
    readonly privateData = new Map<string, VersionedStore>(),
    /** Key `ns\u0000collection`; values are SHA-256 of the private value (the hashed state). */
    readonly privateHashes = new Map<string, VersionedStore>(),
    readonly history = new HistoryStore(),
    readonly blocks: Block[] = [],
    readonly transactions = new Map<string, CommittedTransaction>(),
    /** Expiring block number → private keys to purge when that block commits. */
    readonly expiries = new Map<number, ExpiryEntry[]>(),
  ) {}

  get height(): number {
    return this.blocks.length;
  }

  namespace(ns: string): VersionedStore {
    let store = this.state.get(ns);
    if (store === undefined) {
      store = new VersionedStore();
      this.state.set(ns, store);
    }
    return store;
  }

  collection(ns: string, collection: string): VersionedStore {
    return getOrCreate(this.privateData, `${ns}\u0000${collection}`);
  }

  collectionHashes(ns: string, collection: string): VersionedStore {
    return getOrCreate(this.privateHashes, `${ns}\u0000${collection}`);
  }

  /** A copy that shares nothing mutable with this ledger (stores are copy-on-write). */
  clone(): ChannelLedger {
    return new ChannelLedger(
      cloneStores(this.state),
      cloneStores(this.privateData),
      cloneStores(this.privateHashes),
      this.history.clone(),
      [...this.blocks],
      new Map(this.transactions),
      new Map([...this.expiries].map(([block, list]) => [block, [...list]])),
    );
  }
}

function getOrCreate(map: Map<string, VersionedStore>, key: string): VersionedStore {
  let store = map.get(key);
  if (store === undefined) {
    store = new VersionedStore();
    map.set(key, store);
  }
  return store;
}

function cloneStores(map: ReadonlyMap<string, VersionedStore>): Map<string, VersionedStore> {
  return new Map([...map].map(([name, store]) => [name, store.clone()]));
}
