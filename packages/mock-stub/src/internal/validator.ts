/**
 * Commit-time validation of one transaction against the ledger as earlier valid transactions of the same block
 * left it, as the committing peer does: endorsement policy (chaincode, collection or key-level;
 * `core/common/validation/statebased/validator_keylevel.go`), then MVCC and phantom checks
 * (`core/ledger/kvledger/txmgmt/validation/validator.go`, `rangequery_validator.go`). S-04, S-60.
 */
import type { ValidationCode, Version } from '../api';
import type { ChannelLedger } from '../ledger/channel-ledger';
import { compareKeys as compare } from '../ledger/key-order';
import { policyFromEnvelope, type Policy } from '@fabric-testkit/fabric-core';
import { evaluatePolicy, type Signer } from '../identity/policy';
import type { Deployment } from './deployment';
import type { NamespaceRw, RangeQueryRecord, RwSetBuilder } from './rwset';

export const VALIDATION_PARAMETER = 'VALIDATION_PARAMETER';

export interface BlockValidationState {
  /** `ns\u0000collection\u0000key` whose validation parameter a valid transaction of this block changed. */
  readonly parameterUpdated: Set<string>;
  /**
   * `ns\u0000collection\u0000key` a valid transaction of this block wrote or deleted: a later read of it conflicts
   * whatever its version, even when the delete was of a key that never existed (`validation/validator.go`
   * validateKVRead `updates.Exists`, validateKVReadHash `updates.Contains`). Optional for callers built before it.
   */
  readonly updated?: Set<string>;
}

export interface TxToValidate {
  readonly invokedChaincode: string;
  readonly rwset: RwSetBuilder;
  readonly endorsers: readonly Signer[];
}

function sameVersion(a: Version | undefined | null, b: Version | undefined | null): boolean {
  if (!a || !b) return !a && !b;
  return a.blockNum === b.blockNum && a.txNum === b.txNum;
}

function parameterPolicy(bytes: Buffer | undefined): Policy | undefined {
  return bytes === undefined || bytes.length === 0 ? undefined : policyFromEnvelope(bytes);
}

/** Keys written (values or metadata) in a namespace or one of its collections. */
function writtenKeys(rw: NamespaceRw): { collection: string; key: string }[] {
  const keys = new Map<string, { collection: string; key: string }>();
  const add = (collection: string, key: string): void => {
    keys.set(`${collection}\u0000${key}`, { collection, key });
  };
  for (const key of rw.writes.keys()) add('', key);
  for (const key of rw.metadataWrites.keys()) add('', key);
  for (const [name, c] of rw.collections) {
    for (const key of c.writes.keys()) add(name, key);
    for (const key of c.metadataWrites.keys()) add(name, key);
  }
  return [...keys.values()];
}

/** A key's committed validation parameter (key-level endorsement policy), if it has one. */
export function committedKeyPolicy(
  ledger: ChannelLedger,
  ns: string,
  collection: string,
  key: string,
): Policy | undefined {
  const store = collection === '' ? ledger.state.get(ns) : ledger.privateHashes.get(`${ns}\u0000${collection}`);
  return parameterPolicy(store?.get(key)?.metadata?.get(VALIDATION_PARAMETER));
}

/** The policy a written key must satisfy instead of the chaincode's, if any: its validation parameter, else its collection's. */
function keyPolicy(
  ledger: ChannelLedger,
  ns: string,
  collection: string,
  key: string,
  deployment: Deployment | undefined,
): Policy | undefined {
  const parameter = committedKeyPolicy(ledger, ns, collection, key);
  if (parameter !== undefined || collection === '') return parameter;
  return deployment?.collection(collection)?.endorsementPolicy;
}

/**
 * Each written key with a validation parameter must satisfy it; keys without one fall back to the collection's
 * endorsement policy or the chaincode's. A parameter changed earlier in the block invalidates the transaction.
 */
function namespaceEndorsed(
  ledger: ChannelLedger,
  ns: string,
  rw: NamespaceRw | undefined,
  deployment: Deployment | undefined,
  tx: TxToValidate,
  block: BlockValidationState,
): boolean {
  const keys = rw ? writtenKeys(rw) : [];
  let needsChaincodePolicy = keys.length === 0;
  for (const { collection, key } of keys) {
    if (block.parameterUpdated.has(`${ns}\u0000${collection}\u0000${key}`)) return false;
    const policy = keyPolicy(ledger, ns, collection, key, deployment);
    if (policy === undefined) needsChaincodePolicy = true;
    else if (!evaluatePolicy(policy, tx.endorsers)) return false;
  }
  if (!needsChaincodePolicy) return true;
  return deployment !== undefined && evaluatePolicy(deployment.endorsementPolicy, tx.endorsers);
}

function readsValid(
  reads: ReadonlyMap<string, Version | null>,
  current: (key: string) => Version | undefined,
): boolean {
  for (const [key, version] of reads) {
    if (!sameVersion(current(key), version)) return false;
  }
  return true;
}

/** `rangequery_validator.go`: re-run the range (end key inclusive when iteration stopped early) and compare. */
function rangeQueryValid(ledger: ChannelLedger, ns: string, query: RangeQueryRecord): boolean {
  const store = ledger.state.get(ns);
  const results = store ? store.range(query.startKey, '') : [][Symbol.iterator]();
  const iterator = results[Symbol.iterator]();
  const nextInRange = (): [string, { version: Version }] | undefined => {
    const step = iterator.next();
    if (step.done === true) return undefined;
    const key = step.value[0];
    if (query.endKey !== '') {
      const order = compare(key, query.endKey);
      if (order > 0 || (order === 0 && query.itrExhausted)) return undefined;
    }
    return step.value;
  };
  for (const read of query.reads) {
    const result = nextInRange();
    if (result === undefined || result[0] !== read.key || !sameVersion(result[1].version, read.version)) return false;
  }
  return nextInRange() === undefined;
}

function updatedInBlock(block: BlockValidationState, ns: string, collection: string, reads: Iterable<string>): boolean {
  for (const key of reads) if (block.updated?.has(`${ns}\u0000${collection}\u0000${key}`) === true) return true;
  return false;
}

function mvccCode(ledger: ChannelLedger, rwset: RwSetBuilder, block: BlockValidationState): ValidationCode {
  for (const [ns, rw] of rwset.namespaces) {
    const state = ledger.state.get(ns);
    if (updatedInBlock(block, ns, '', rw.reads.keys())) return 'MVCC_READ_CONFLICT';
    if (!readsValid(rw.reads, (key) => state?.get(key)?.version)) return 'MVCC_READ_CONFLICT';
    for (const [collection, c] of rw.collections) {
      const hashes = ledger.privateHashes.get(`${ns}\u0000${collection}`);
      if (updatedInBlock(block, ns, collection, c.reads.keys())) return 'MVCC_READ_CONFLICT';
      if (!readsValid(c.reads, (key) => hashes?.get(key)?.version)) return 'MVCC_READ_CONFLICT';
    }
  }
  for (const [ns, rw] of rwset.namespaces) {
    for (const query of rw.rangeQueries) {
      if (!rangeQueryValid(ledger, ns, query)) return 'PHANTOM_READ_CONFLICT';
    }
  }
  return 'VALID';
}

/**
 * Metadata writes of a transaction that passed the endorsement-policy check (VSCC) count as parameter updates for
 * later transactions of the block, whatever its MVCC outcome: VSCC runs before MVCC (`valinforetriever.go`).
 */
function recordParameterUpdates(rwset: RwSetBuilder, block: BlockValidationState): void {
  for (const [ns, rw] of rwset.namespaces) {
    for (const key of rw.metadataWrites.keys()) block.parameterUpdated.add(`${ns}\u0000\u0000${key}`);
    for (const [collection, c] of rw.collections) {
      for (const key of c.metadataWrites.keys()) block.parameterUpdated.add(`${ns}\u0000${collection}\u0000${key}`);
    }
  }
}

export function validateTransaction(
  ledger: ChannelLedger,
  deployments: ReadonlyMap<string, Deployment>,
  tx: TxToValidate,
  block: BlockValidationState,
): ValidationCode {
  if (!deployments.has(tx.invokedChaincode)) return 'INVALID_CHAINCODE';
  const namespaces = new Set([tx.invokedChaincode]);
  for (const [ns, rw] of tx.rwset.namespaces) {
    if (writtenKeys(rw).length > 0) namespaces.add(ns);
  }
  for (const ns of namespaces) {
    const rw = tx.rwset.namespaces.get(ns);
    if (!namespaceEndorsed(ledger, ns, rw, deployments.get(ns), tx, block)) return 'ENDORSEMENT_POLICY_FAILURE';
  }
  recordParameterUpdates(tx.rwset, block);
  const code = mvccCode(ledger, tx.rwset, block);
  if (code === 'VALID') recordUpdates(tx.rwset, block);
  return code;
}

/** The keys a valid transaction wrote or deleted (values; metadata-only writes are not in the update batch's values). */
function recordUpdates(rwset: RwSetBuilder, block: BlockValidationState): void {
  if (block.updated === undefined) return;
  for (const [ns, rw] of rwset.namespaces) {
    for (const key of rw.writes.keys()) block.updated.add(`${ns}\u0000\u0000${key}`);
    for (const [collection, c] of rw.collections) {
      for (const key of c.writes.keys()) block.updated.add(`${ns}\u0000${collection}\u0000${key}`);
    }
  }
}
