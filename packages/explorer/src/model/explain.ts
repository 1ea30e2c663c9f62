/**
 * Why a committing peer marked a transaction invalid, in words, with the evidence the ledger itself holds. The
 * checks mirror the peer's (core/ledger/kvledger/txmgmt/validation/validator.go validateKVRead: a read conflicts
 * when a valid transaction earlier in the same block wrote the key, or when the key's committed version is not the
 * one read; rangequery_validator.go for phantoms; core/common/validation/statebased for endorsement policies), run
 * backwards: given the code, find what caused it.
 */
import type { WriteIndex, IndexedWrite } from './write-index';
import type {
  ChaincodeDefinitionView,
  ExplanationView,
  MvccConflictView,
  NamespaceView,
  PhantomConflictView,
  TransactionView,
  VersionView,
} from './views';

/** Fabric's meaning of the codes that need no evidence beyond the code (fabric-protos peer/transaction.proto). */
const MEANINGS: Readonly<Record<string, string>> = {
  DUPLICATE_TXID: 'a transaction with the same ID is already in the ledger (or earlier in this block)',
  BAD_PAYLOAD: 'the transaction envelope could not be parsed',
  BAD_CREATOR_SIGNATURE: 'the creator signature does not verify',
  INVALID_ENDORSER_TRANSACTION: 'the endorsements do not match the proposal',
  INVALID_CONFIG_TRANSACTION: 'the channel configuration update is not valid',
  UNSUPPORTED_TX_PAYLOAD: 'the transaction type is not supported',
  BAD_PROPOSAL_TXID: 'the transaction ID is not the hash of the nonce and creator',
  ENDORSEMENT_POLICY_FAILURE: 'the endorsements do not satisfy the endorsement policy of what the transaction wrote',
  MVCC_READ_CONFLICT: 'a key it read was changed by a valid transaction before it was validated',
  PHANTOM_READ_CONFLICT: 'a range it iterated had changed (a key added, changed or deleted) before it was validated',
  UNKNOWN_TX_TYPE: 'the transaction type is unknown',
  TARGET_CHAIN_NOT_FOUND: 'the channel is not known to the peer',
  MARSHAL_TX_ERROR: 'the transaction could not be marshalled',
  NIL_TXACTION: 'the transaction has no action',
  EXPIRED_CHAINCODE: 'the chaincode version has expired',
  CHAINCODE_VERSION_CONFLICT: 'the chaincode definition changed since endorsement',
  BAD_HEADER_EXTENSION: 'the header extension is malformed',
  BAD_CHANNEL_HEADER: 'the channel header is malformed',
  BAD_RESPONSE_PAYLOAD: 'the proposal response payload is malformed',
  BAD_RWSET: 'the read/write set is malformed',
  ILLEGAL_WRITESET: 'the write set writes where the chaincode may not',
  INVALID_WRITESET: 'the write set is not valid',
  INVALID_CHAINCODE: 'the chaincode is not defined on the channel (or its definition does not allow this call)',
  NOT_VALIDATED: 'the transaction has not been validated yet',
  INVALID_OTHER_REASON: 'the peer rejected it for another reason (see the peer log)',
};

export function versionText(version: VersionView | null): string {
  return version === null ? 'none (the key did not exist)' : `${version.blockNumber}:${version.txNumber}`;
}

function versionOf(write: IndexedWrite): VersionView | null {
  return write.isDelete ? null : { blockNumber: write.blockNumber, txNumber: write.txNumber };
}

function sameVersion(a: VersionView | null, b: VersionView | null): boolean {
  if (a === null || b === null) return a === b;
  return a.blockNumber === b.blockNumber && a.txNumber === b.txNumber;
}

/** Whether a write earlier in ledger order made the version read stale (or, in the same block, any write at all). */
function staleRead(tx: TransactionView, write: IndexedWrite, versionRead: VersionView | null): boolean {
  return write.blockNumber === tx.blockNumber || !sameVersion(versionOf(write), versionRead);
}

function changedBy(write: IndexedWrite): NonNullable<MvccConflictView['changedBy']> {
  return { txId: write.txId, blockNumber: write.blockNumber, txNumber: write.txNumber, isDelete: write.isDelete };
}

/** Every read of the transaction whose version a valid earlier transaction had changed; else every read nothing shown wrote. */
export function mvccConflicts(tx: TransactionView, index: WriteIndex): MvccConflictView[] {
  const found: MvccConflictView[] = [];
  const unexplained: MvccConflictView[] = [];
  const check = (conflict: MvccConflictView, lookupKey: string): void => {
    const write = index.latest(conflict.namespace, conflict.collection ?? '', lookupKey);
    if (write === undefined) unexplained.push(conflict);
    else if (staleRead(tx, write, conflict.versionRead)) found.push({ ...conflict, changedBy: changedBy(write) });
  };
  for (const ns of tx.namespaces) {
    for (const read of ns.reads) {
      check({ namespace: ns.namespace, key: read.key, versionRead: read.version }, read.key);
    }
    for (const c of ns.collections) {
      for (const read of c.reads) {
        const key = read.key === undefined ? {} : { key: read.key };
        const conflict = { namespace: ns.namespace, collection: c.collection, keyHash: read.keyHash, ...key };
        check({ ...conflict, versionRead: read.version }, read.keyHash);
      }
    }
  }
  return found.length > 0 ? found : unexplained.filter((conflict) => conflict.versionRead !== null);
}

function compareKeys(a: string, b: string): number {
  return Buffer.compare(Buffer.from(a, 'utf8'), Buffer.from(b, 'utf8'));
}

/** The range a query covered: to its end key (exclusive) when it ran to the end, else to its last result. */
function inRange(key: string, query: NamespaceView['rangeQueries'][number]): boolean {
  if (compareKeys(key, query.startKey) < 0) return false;
  if (!query.itrExhausted) {
    const last = query.reads.at(-1)?.key;
    return last !== undefined && compareKeys(key, last) <= 0;
  }
  return query.endKey === '' || compareKeys(key, query.endKey) < 0;
}

export function phantomConflicts(tx: TransactionView, index: WriteIndex): PhantomConflictView[] {
  const found: PhantomConflictView[] = [];
  for (const ns of tx.namespaces) {
    for (const query of ns.rangeQueries) {
      const range = { namespace: ns.namespace, startKey: query.startKey, endKey: query.endKey };
      const keys = [...index.publicKeys(ns.namespace)].filter((key) => inRange(key, query)).sort(compareKeys);
      const changed = keys.find((key) => {
        const write = index.latest(ns.namespace, '', key);
        const read = query.reads.find((r) => r.key === key);
        return write !== undefined && staleRead(tx, write, read?.version ?? null);
      });
      const write = changed === undefined ? undefined : index.latest(ns.namespace, '', changed);
      if (changed !== undefined && write !== undefined) {
        const where = { txId: write.txId, blockNumber: write.blockNumber, txNumber: write.txNumber };
        found.push({ ...range, changedBy: { ...where, key: changed } });
      }
    }
  }
  return found;
}

function shortId(txId: string): string {
  return txId.slice(0, 8);
}

function conflictKeyText(conflict: MvccConflictView): string {
  const key = conflict.key ?? `key hash ${conflict.keyHash?.slice(0, 16) ?? '?'}…`;
  return conflict.collection === undefined ? key : `${key} (collection ${conflict.collection})`;
}

/** One sentence per conflict: the key, the version read, and what changed it. */
export function conflictSentence(conflict: MvccConflictView, tx: Pick<TransactionView, 'blockNumber'>): string {
  const read = `${conflictKeyText(conflict)} was read at version ${versionText(conflict.versionRead)}`;
  const writer = conflict.changedBy;
  if (writer === undefined) {
    return `${read}, but its version had changed outside the blocks shown (the in-memory peer deploys chaincode definitions without a block)`;
  }
  const where = writer.blockNumber === tx.blockNumber ? 'earlier in the same block' : `in block ${writer.blockNumber}`;
  const what = writer.isDelete ? 'deleted it' : `wrote it (new version ${writer.blockNumber}:${writer.txNumber})`;
  return `${read}, but transaction ${shortId(writer.txId)}… (tx ${writer.txNumber}) ${where} ${what}`;
}

function explainMvcc(tx: TransactionView, index: WriteIndex): ExplanationView {
  const conflicts = mvccConflicts(tx, index);
  const first = conflicts[0];
  const summary =
    first === undefined
      ? `${MEANINGS['MVCC_READ_CONFLICT']}; the blocks shown hold no such change`
      : `${conflictSentence(first, tx)}. A committing peer rejects a read whose version is no longer the key's, so none of this transaction's writes were applied.`;
  return { code: tx.validationCode, summary, conflicts };
}

function explainPhantom(tx: TransactionView, index: WriteIndex): ExplanationView {
  const phantoms = phantomConflicts(tx, index);
  const first = phantoms[0]?.changedBy;
  const summary =
    first === undefined
      ? `${MEANINGS['PHANTOM_READ_CONFLICT']}; the blocks shown hold no such change`
      : `the range it iterated changed: transaction ${shortId(first.txId)}… (block ${first.blockNumber}, tx ${first.txNumber}) wrote ${first.key}, so the range would return other results now.`;
  return { code: tx.validationCode, summary, phantoms };
}

function explainEndorsement(tx: TransactionView, definitions: readonly ChaincodeDefinitionView[]): ExplanationView {
  const definition = definitions.find((d) => d.name === tx.chaincode);
  const endorsedBy = [...tx.endorsingOrganizations];
  const signers = endorsedBy.length === 0 ? 'nobody' : endorsedBy.join(', ');
  const policyText =
    definition === undefined
      ? `chaincode ${tx.chaincode} has no definition the explorer could read`
      : `chaincode ${tx.chaincode}'s endorsement policy is ${definition.endorsementPolicy}`;
  const summary =
    `the endorsements do not satisfy the policy: ${policyText}; endorsed by ${signers}. ` +
    'Where a written key has a key-level (state-based) or collection endorsement policy, that policy applies to it instead.';
  const policy = definition === undefined ? {} : { policy: definition.endorsementPolicy };
  return { code: tx.validationCode, summary, endorsementPolicy: { chaincode: tx.chaincode, ...policy, endorsedBy } };
}

/**
 * The explanation of an invalid transaction, from the writes of the valid transactions before it (`index` must
 * hold exactly those: add the transaction to it only after explaining it) and the channel's chaincode definitions.
 * Undefined for a valid transaction.
 */
export function explainTransaction(
  tx: TransactionView,
  index: WriteIndex,
  definitions: readonly ChaincodeDefinitionView[],
): ExplanationView | undefined {
  switch (tx.validationCode) {
    case 'VALID':
      return undefined;
    case 'MVCC_READ_CONFLICT':
      return explainMvcc(tx, index);
    case 'PHANTOM_READ_CONFLICT':
      return explainPhantom(tx, index);
    case 'ENDORSEMENT_POLICY_FAILURE':
      return explainEndorsement(tx, definitions);
    default:
      return {
        code: tx.validationCode,
        summary: MEANINGS[tx.validationCode] ?? `validation code ${tx.validationCode}`,
      };
  }
}
