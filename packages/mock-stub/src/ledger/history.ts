import BTree from 'sorted-btree';
import { compareKeys } from './key-order';

/** One committed modification of a key (`ledger/queryresult.KeyModification`). */
export interface HistoryRecord {
  readonly txId: string;
  readonly value: Buffer;
  readonly isDelete: boolean;
  readonly timestamp: Date;
  readonly blockNum: number;
  readonly txNum: number;
}

/** Newest-first persistent list: appending shares the tail, so clones stay O(1). */
interface HistoryNode {
  readonly record: HistoryRecord;
  readonly next: HistoryNode | undefined;
}

/**
 * The history database (`core/ledger/kvledger/history/`): for each namespace and key, the valid transactions
 * that wrote it, newest first (S-30). Invalid transactions never reach it.
 */
export class HistoryStore {
  readonly #byNamespace: Map<string, BTree<string, HistoryNode>>;

  constructor(byNamespace?: Map<string, BTree<string, HistoryNode>>) {
    this.#byNamespace = byNamespace ?? new Map<string, BTree<string, HistoryNode>>();
  }

  append(ns: string, key: string, record: HistoryRecord): void {
    let tree = this.#byNamespace.get(ns);
    if (tree === undefined) {
      tree = new BTree<string, HistoryNode>(undefined, compareKeys);
      this.#byNamespace.set(ns, tree);
    }
    tree.set(key, { record, next: tree.get(key) });
  }

  /** Newest first. */
  *entries(ns: string, key: string): Generator<HistoryRecord> {
    for (let node = this.#byNamespace.get(ns)?.get(key); node !== undefined; node = node.next) {
      yield node.record;
    }
  }

  clone(): HistoryStore {
    return new HistoryStore(new Map([...this.#byNamespace].map(([ns, tree]) => [ns, tree.clone()])));
  }
}
