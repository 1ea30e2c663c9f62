/**
 * Applies a valid transaction's writes to the ledger (`validation/tx_ops.go`, `history/`, `pvtstatepurgemgmt`):
 * values keep their metadata unless the transaction wrote metadata; a metadata write to a missing key is dropped;
 * deletes remove value and metadata; private writes update the member's copy and everyone's hash; `blockToLive`
 * schedules expiry; purges remove both. Only public writes enter the history database (S-30).
 */
import type { Version } from '../api';
import type { ChannelLedger } from '../ledger/channel-ledger';
import type { VersionedStore } from '../ledger/versioned-store';
import type { Deployment } from './deployment';
import type { NamespaceRw, RwSetBuilder } from './rwset';
import { sha256 } from './simulator';

export interface CommitInfo {
  readonly txId: string;
  readonly timestamp: Date;
  readonly version: Version;
  /** How the state database stores a value: CouchDB re-encodes JSON documents (`couchdoc_conv.go`). */
  readonly storeValue: (value: Buffer) => Buffer;
}

function applyValue(
  store: VersionedStore,
  key: string,
  value: Buffer | null,
  metadataWrite: ReadonlyMap<string, Buffer> | undefined,
  version: Version,
): void {
  if (value === null) {
    store.delete(key);
    return;
  }
  const metadata = metadataWrite ?? store.get(key)?.metadata;
  store.put(key, { value, version, ...(metadata && metadata.size > 0 ? { metadata } : {}) });
}

function applyMetadataOnly(
  store: VersionedStore,
  key: string,
  entries: ReadonlyMap<string, Buffer>,
  version: Version,
): void {
  const existing = store.get(key);
  if (existing === undefined) return;
  store.put(key, { value: existing.value, version, ...(entries.size > 0 ? { metadata: entries } : {}) });
}

function applyPublic(ledger: ChannelLedger, ns: string, rw: NamespaceRw, info: CommitInfo): void {
  const store = ledger.namespace(ns);
  for (const [key, value] of rw.writes) {
    applyValue(store, key, value === null ? null : info.storeValue(value), rw.metadataWrites.get(key), info.version);
    ledger.history.append(ns, key, {
      txId: info.txId,
      value: value ?? Buffer.alloc(0),
      isDelete: value === null,
      timestamp: info.timestamp,
      blockNum: info.version.blockNum,
      txNum: info.version.txNum,
    });
  }
  for (const [key, entries] of rw.metadataWrites) {
    if (!rw.writes.has(key)) applyMetadataOnly(store, key, entries, info.version);
  }
}

function applyPrivate(
  ledger: ChannelLedger,
  ns: string,
  rw: NamespaceRw,
  deployment: Deployment | undefined,
  info: CommitInfo,
): void {
  for (const [collection, c] of rw.collections) {
    const values = ledger.collection(ns, collection);
    const hashes = ledger.collectionHashes(ns, collection);
    const blockToLive = deployment?.collection(collection)?.blockToLive ?? 0;
    for (const [key, value] of c.writes) {
      applyValue(values, key, value === null ? null : info.storeValue(value), undefined, info.version);
      applyValue(hashes, key, value === null ? null : sha256(value), c.metadataWrites.get(key), info.version);
      if (value !== null && blockToLive > 0) {
        const expiring = info.version.blockNum + blockToLive + 1;
        const list = ledger.expiries.get(expiring) ?? [];
        list.push({ ns, collection, key, blockNum: info.version.blockNum, txNum: info.version.txNum });
        ledger.expiries.set(expiring, list);
      }
    }
    for (const [key, entries] of c.metadataWrites) {
      if (!c.writes.has(key)) applyMetadataOnly(hashes, key, entries, info.version);
    }
  }
}

export function applyTransaction(
  ledger: ChannelLedger,
  deployments: ReadonlyMap<string, Deployment>,
  rwset: RwSetBuilder,
  info: CommitInfo,
): void {
  for (const [ns, rw] of rwset.namespaces) {
    applyPublic(ledger, ns, rw, info);
    applyPrivate(ledger, ns, rw, deployments.get(ns), info);
  }
}

/** Removes private data whose `blockToLive` ran out with block `blockNum` (values and hashes). */
export function purgeExpired(ledger: ChannelLedger, blockNum: number): void {
  const due = ledger.expiries.get(blockNum);
  if (due === undefined) return;
  ledger.expiries.delete(blockNum);
  for (const entry of due) {
    const values = ledger.collection(entry.ns, entry.collection);
    const current = values.get(entry.key);
    // A later write re-scheduled the key; only the write that scheduled this entry expires now.
    if (current?.version.blockNum !== entry.blockNum || current.version.txNum !== entry.txNum) continue;
    values.delete(entry.key);
    ledger.collectionHashes(entry.ns, entry.collection).delete(entry.key);
  }
}
