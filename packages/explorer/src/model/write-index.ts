/**
 * The writes of a channel's valid transactions, in ledger order, by key: what the MVCC evidence needs. A committing
 * peer applies only VALID transactions' writes (core/ledger/kvledger/txmgmt/validation/validator.go), so an invalid
 * transaction's writes never changed a version and are left out. Private keys are indexed by their hash, which
 * every source has.
 */
import type { BlockView, TransactionView } from './views';

export interface IndexedWrite {
  readonly txId: string;
  readonly blockNumber: number;
  readonly txNumber: number;
  readonly isDelete: boolean;
}

/** `namespace`, `collection` ('' for public state) and key (the key hash for a private key), as one map key. */
export function writeKey(namespace: string, collection: string, key: string): string {
  return `${namespace}\u0000${collection}\u0000${key}`;
}

export class WriteIndex {
  readonly #writes = new Map<string, IndexedWrite[]>();
  /** Public keys written per namespace, for the range (phantom) evidence. */
  readonly #publicKeys = new Map<string, Set<string>>();

  /** Records a transaction's writes when it is valid. Transactions must be added in ledger order. */
  add(tx: TransactionView): void {
    if (tx.validationCode !== 'VALID') return;
    const where = { txId: tx.txId, blockNumber: tx.blockNumber, txNumber: tx.txNumber };
    for (const ns of tx.namespaces) {
      for (const write of ns.writes) {
        this.#push(writeKey(ns.namespace, '', write.key), { ...where, isDelete: write.isDelete });
        let keys = this.#publicKeys.get(ns.namespace);
        if (keys === undefined) this.#publicKeys.set(ns.namespace, (keys = new Set()));
        keys.add(write.key);
      }
      for (const c of ns.collections) {
        for (const write of c.writes) {
          this.#push(writeKey(ns.namespace, c.collection, write.keyHash), { ...where, isDelete: write.isDelete });
        }
      }
    }
  }

  addBlock(block: BlockView): void {
    for (const tx of block.transactions) this.add(tx);
  }

  /** The latest indexed write of the key, if any. */
  latest(namespace: string, collection: string, key: string): IndexedWrite | undefined {
    return this.#writes.get(writeKey(namespace, collection, key))?.at(-1);
  }

  /** Public keys of a namespace ever written by a valid transaction. */
  publicKeys(namespace: string): ReadonlySet<string> {
    return this.#publicKeys.get(namespace) ?? new Set();
  }

  #push(key: string, write: IndexedWrite): void {
    const list = this.#writes.get(key);
    if (list === undefined) this.#writes.set(key, [write]);
    else list.push(write);
  }
}
