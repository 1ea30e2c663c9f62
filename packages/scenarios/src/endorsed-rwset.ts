/**
 * The read/write set a real peer recorded, as the scenario runner summarises it. It is part of the transaction
 * the peers endorsed (`ChaincodeAction.results`), so a gateway client can read it before submitting. Private data
 * appears there only as hashes (core/ledger/kvledger/txmgmt/rwsetutil): collection keys are `sha256(key)`, and a
 * summary marks such collections `hashed` so the differ compares the mock's plaintext keys by their hashes.
 */
import { createHash } from 'node:crypto';
import { ledger } from '@hyperledger/fabric-protos';
import { decodePayload } from './payload';
import type { NamespaceSummary } from './types';

const { kvrwset } = ledger.rwset;

/** Above this many results a peer records a range query's reads as a Merkle summary (txmgr/query_executor.go). */
export const MAX_DEGREE_QUERY_READS_HASHING = 50;

/** What a summary shows in place of a range query's keys when the peer kept only a Merkle summary of them. */
export const MERKLE_SUMMARY = `<more than ${MAX_DEGREE_QUERY_READS_HASHING} reads: a Merkle summary>`;

/** The hex SHA-256 of a private key or value, as a hashed read/write set holds it. */
export function privateHash(bytes: string | Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex');
}

function versionText(version: ledger.rwset.kvrwset.Version | undefined): string {
  return version === undefined ? 'none' : `${version.getBlockNum()}:${version.getTxNum()}`;
}

function hex(bytes: Uint8Array | string): string {
  return Buffer.from(bytes as Uint8Array).toString('hex');
}

function rangeKeys(range: ledger.rwset.kvrwset.RangeQueryInfo): string[] {
  if (range.hasReadsMerkleHashes()) return [MERKLE_SUMMARY];
  return (range.getRawReads()?.getKvReadsList() ?? []).map((read) => read.getKey());
}

function publicSummary(bytes: Uint8Array): Omit<NamespaceSummary, 'collections'> {
  const set = kvrwset.KVRWSet.deserializeBinary(bytes);
  return {
    reads: Object.fromEntries(set.getReadsList().map((read) => [read.getKey(), versionText(read.getVersion())])),
    ranges: set.getRangeQueriesInfoList().map((range) => ({
      startKey: range.getStartKey(),
      endKey: range.getEndKey(),
      itrExhausted: range.getItrExhausted(),
      keys: rangeKeys(range),
    })),
    writes: Object.fromEntries(
      set
        .getWritesList()
        .map((write) => [
          write.getKey(),
          write.getIsDelete() ? { delete: true } : decodePayload(Buffer.from(write.getValue_asU8())),
        ]),
    ),
    metadataWrites: set.getMetadataWritesList().map((write) => write.getKey()),
  };
}

function collectionSummary(bytes: Uint8Array): NamespaceSummary['collections'][string] {
  const set = kvrwset.HashedRWSet.deserializeBinary(bytes);
  const writes = set.getHashedWritesList();
  return {
    hashed: true,
    reads: Object.fromEntries(
      set.getHashedReadsList().map((read) => [hex(read.getKeyHash()), versionText(read.getVersion())]),
    ),
    // A purge is a delete write with is_purge set (rwsetutil/rwset_builder.go AddToPvtAndHashedWriteSetForPurge):
    // it shows both as a delete and in `purges`.
    writes: Object.fromEntries(
      writes.map((write) => [
        hex(write.getKeyHash()),
        write.getIsDelete() ? { delete: true } : { valueHash: hex(write.getValueHash()) },
      ]),
    ),
    purges: writes.filter((write) => write.getIsPurge()).map((write) => hex(write.getKeyHash())),
  };
}

/** Summarises a serialized `TxReadWriteSet` per namespace, as the runner records read/write sets. */
export function summarizeReadWriteSet(results: Uint8Array): Record<string, NamespaceSummary> {
  if (results.length === 0) return {};
  const set = ledger.rwset.TxReadWriteSet.deserializeBinary(results);
  return Object.fromEntries(
    set.getNsRwsetList().map((namespace) => [
      namespace.getNamespace(),
      {
        ...publicSummary(namespace.getRwset_asU8()),
        collections: Object.fromEntries(
          namespace
            .getCollectionHashedRwsetList()
            .map((collection) => [collection.getCollectionName(), collectionSummary(collection.getHashedRwset_asU8())]),
        ),
      },
    ]),
  );
}
