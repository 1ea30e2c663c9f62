/**
 * `_lifecycle`'s world state for committed chaincode definitions, and the reads a peer records of it. A real peer
 * stores each definition under `namespaces/metadata/NAME` and `namespaces/fields/NAME/FIELD`
 * (core/chaincode/lifecycle/lifecycle.go, serializer.go) and reads it through the transaction's simulator, so the
 * reads land in the read/write set and are MVCC-checked at commit: a transaction endorsed before an upgrade
 * commits as MVCC_READ_CONFLICT.
 * - Every invocation (also chaincode-to-chaincode) reads the sequence: endorsement_info.go CachedChaincodeInfo.
 * - Every private data operation reads the whole definition (metadata, then every field of ChaincodeDefinition,
 *   lifecycle.go ChaincodeDefinitionIfDefined): the ledger checks the collection name against it
 *   (txmgr/collection_val.go), and the handler's permission check reads it again (deployedcc_infoprovider.go
 *   CollectionInfo).
 * Values here are placeholders (a peer stores lifecycle `StateData` protobufs): chaincode cannot read another
 * namespace, so only the keys and their versions are observable.
 */
import type { ChannelLedger } from '../ledger/channel-ledger';

/** What records a read: a transaction simulator (`simulator.ts`, which calls back here for private data checks). */
interface StateReader {
  getState(ns: string, key: string): unknown;
}

export const LIFECYCLE_NAMESPACE = '_lifecycle';

/** The fields of lifecycle.go `ChaincodeDefinition`, each stored under its own key. */
const DEFINITION_FIELDS = ['EndorsementInfo', 'ValidationInfo', 'Collections', 'Sequence'] as const;

function fieldKey(chaincode: string, field: string): string {
  return `namespaces/fields/${chaincode}/${field}`;
}

function definitionKeys(chaincode: string): string[] {
  return [`namespaces/metadata/${chaincode}`, ...DEFINITION_FIELDS.map((field) => fieldKey(chaincode, field))];
}

/**
 * Commits a definition's state, as the commit of `CommitChaincodeDefinition` does. The mock deploys outside
 * blocks, so the version is the next block's number with the definition's sequence as transaction number: unique
 * per key, and changed by every upgrade. Returns the sequence (1 for a first definition).
 */
export function commitDefinition(ledger: ChannelLedger, chaincode: string): number {
  const store = ledger.namespace(LIFECYCLE_NAMESPACE);
  const sequence = Number(store.get(fieldKey(chaincode, 'Sequence'))?.value.toString() ?? '0') + 1;
  const version = { blockNum: ledger.height, txNum: sequence };
  for (const key of definitionKeys(chaincode)) {
    const value = key.endsWith('/Sequence') ? String(sequence) : `${chaincode} definition ${sequence}`;
    store.put(key, { value: Buffer.from(value), version });
  }
  return sequence;
}

/** The committed sequence of a chaincode's definition, 0 when none is committed. */
export function committedSequence(ledger: ChannelLedger, chaincode: string): number {
  const value = ledger.state.get(LIFECYCLE_NAMESPACE)?.get(fieldKey(chaincode, 'Sequence'))?.value;
  return Number(value?.toString() ?? '0');
}

/** The read of the definition's sequence every invocation makes. */
export function readSequence(simulator: StateReader, chaincode: string): void {
  simulator.getState(LIFECYCLE_NAMESPACE, fieldKey(chaincode, 'Sequence'));
}

/** The reads of the whole definition a private data permission check makes. */
export function readDefinition(simulator: StateReader, chaincode: string): void {
  for (const key of definitionKeys(chaincode)) simulator.getState(LIFECYCLE_NAMESPACE, key);
}
