/**
 * The chaincode interest an endorsing peer returns with its proposal response (`core/endorser/endorser.go`
 * buildChaincodeInterest, parseWritesetMetadata): which chaincodes and collections the transaction touched, and
 * the key-level policies of the keys it wrote. The gateway asks discovery for endorsers that satisfy it (G-02).
 */
import type { Policy } from '@fabric-testkit/fabric-core';
import type { RwSetBuilder } from '../internal/rwset';

/** One `ChaincodeCall` of a `ChaincodeInterest` (`peer/proposal_response.proto`). */
export interface ChaincodeCall {
  readonly name: string;
  /** The collection, for a call about private data; absent for the public namespace. */
  readonly collection?: string;
  /** True when the transaction wrote the collection but read none of its private data. */
  readonly noPrivateReads: boolean;
  /** Validation parameters (key-level policies) of the keys the transaction wrote. */
  readonly keyPolicies: readonly Policy[];
  /** True when every written key of the namespace has a key-level policy: the chaincode's policy is not needed. */
  readonly disregardNamespacePolicy: boolean;
}

/** What {@link chaincodeInterest} needs from the ledger: the committed validation parameter of a key, if any. */
export type CommittedKeyPolicy = (namespace: string, collection: string, key: string) => Policy | undefined;

/** Namespaces the peer leaves out of the interest (`IsSysCC`). */
const SYSTEM_NAMESPACES = new Set(['_lifecycle', 'lscc', 'cscc', 'qscc']);

/**
 * The interest of one simulation. A written key without a committed validation parameter needs its namespace's
 * (or collection's) policy; one with a parameter adds that policy instead, whether the key is public or private.
 * A namespace only read needs its chaincode's policy; a private read needs the collection's.
 */
export function chaincodeInterest(rwset: RwSetBuilder, committedPolicy: CommittedKeyPolicy): ChaincodeCall[] {
  const required = new Map<string, Map<string, boolean>>();
  const keyPolicies = new Map<string, Policy[]>();
  const add = (ns: string, collection: string, value: boolean): void => {
    const entry = required.get(ns) ?? new Map<string, boolean>();
    entry.set(collection, value);
    required.set(ns, entry);
  };
  for (const [ns, rw] of rwset.namespaces) {
    const written: [string, Iterable<string>][] = [
      ['', [...rw.writes.keys(), ...rw.metadataWrites.keys()]],
      ...[...rw.collections].map(([name, c]): [string, Iterable<string>] => [
        name,
        [...c.writes.keys(), ...c.purges, ...c.metadataWrites.keys()],
      ]),
    ];
    for (const [collection, keys] of written) {
      for (const key of keys) {
        if (!required.has(ns)) add(ns, '', false);
        const policy = committedPolicy(ns, collection, key);
        if (policy === undefined) add(ns, collection, true);
        else keyPolicies.set(ns, [...(keyPolicies.get(ns) ?? []), policy]);
      }
    }
  }
  for (const ns of rwset.namespaces.keys()) {
    if (!SYSTEM_NAMESPACES.has(ns) && !required.has(ns)) add(ns, '', true);
  }
  for (const read of rwset.privateReads) {
    const [ns = '', collection = ''] = read.split('\u0000');
    add(ns, collection, true);
  }
  return [...required].flatMap(([ns, collections]) =>
    SYSTEM_NAMESPACES.has(ns)
      ? []
      : [...collections].flatMap(([collection, needsPolicy]): ChaincodeCall[] => {
          if (collection !== '') {
            return [
              {
                name: ns,
                collection,
                noPrivateReads: !rwset.privateReads.has(`${ns}\u0000${collection}`),
                keyPolicies: [],
                disregardNamespacePolicy: false,
              },
            ];
          }
          const policies = keyPolicies.get(ns) ?? [];
          if (policies.length === 0 && !needsPolicy) return [];
          return [{ name: ns, noPrivateReads: false, keyPolicies: policies, disregardNamespacePolicy: !needsPolicy }];
        }),
  );
}
