/**
 * What a viewer may see of private data. Every peer of the channel holds the hashes of private keys and values
 * (the block's `collection_hashed_rwset`); only peers of the collection's member organizations hold the data
 * itself (core/ledger/pvtdatastorage). So the explorer shows hashes, and keys and values only to a viewer whose
 * organization is a member of the collection. Implicit collections `_implicit_org_<MSPID>` have that one member
 * (lifecycle/deployedcc_infoprovider.go GenerateImplicitCollectionForOrg).
 */
import type { BlockView, ChaincodeDefinitionView, CollectionView, ExplanationView, TransactionView } from './views';

const IMPLICIT_COLLECTION_PREFIX = '_implicit_org_';

/** Whether `viewer`'s organization holds the collection's private data. */
export function mayRead(
  viewer: string | undefined,
  namespace: string,
  collection: string,
  definitions: readonly ChaincodeDefinitionView[],
): boolean {
  if (viewer === undefined) return false;
  if (collection.startsWith(IMPLICIT_COLLECTION_PREFIX)) return collection === `${IMPLICIT_COLLECTION_PREFIX}${viewer}`;
  const config = definitions.find((d) => d.name === namespace)?.collections.find((c) => c.name === collection);
  return config?.memberOrganizations.includes(viewer) ?? false;
}

function hashesOnly(c: CollectionView): CollectionView {
  return {
    collection: c.collection,
    reads: c.reads.map(({ keyHash, version }) => ({ keyHash, version })),
    writes: c.writes.map(({ keyHash, isDelete, valueHash }) => ({ keyHash, isDelete, valueHash })),
  };
}

function explanationFor(explanation: ExplanationView, may: (ns: string, c: string) => boolean): ExplanationView {
  if (explanation.conflicts === undefined) return explanation;
  const conflicts = explanation.conflicts.map((conflict) => {
    if (conflict.collection === undefined || may(conflict.namespace, conflict.collection)) return conflict;
    const { key: _key, ...rest } = conflict;
    return rest;
  });
  return { ...explanation, conflicts };
}

/** The transaction as `viewer` may see it (`undefined`: no organization, hashes only). */
export function transactionFor(
  tx: TransactionView,
  viewer: string | undefined,
  definitions: readonly ChaincodeDefinitionView[],
): TransactionView {
  const may = (ns: string, c: string): boolean => mayRead(viewer, ns, c, definitions);
  const namespaces = tx.namespaces.map((ns) => ({
    ...ns,
    collections: ns.collections.map((c) => (may(ns.namespace, c.collection) ? c : hashesOnly(c))),
  }));
  const explanation = tx.explanation === undefined ? {} : { explanation: explanationFor(tx.explanation, may) };
  return { ...tx, namespaces, ...explanation };
}

export function blockFor(
  block: BlockView,
  viewer: string | undefined,
  definitions: readonly ChaincodeDefinitionView[],
): BlockView {
  return { ...block, transactions: block.transactions.map((tx) => transactionFor(tx, viewer, definitions)) };
}
