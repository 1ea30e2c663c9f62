/**
 * The determinism check: two endorsing peers simulating the same proposal must produce identical responses and
 * read/write sets, or the gateway fails with "ProposalResponsePayloads do not match". The mock names what differs.
 */
import { isDeepStrictEqual } from 'node:util';
import type { ReadWriteSet } from '../api';
import { DeterminismError } from '../errors';
import type { Simulation } from './endorser';

function describeBuffer(value: Buffer): string {
  return JSON.stringify(value.toString('utf8'));
}

function keyedEntries(set: ReadWriteSet): Map<string, string> {
  const entries = new Map<string, string>();
  for (const ns of set.namespaces) {
    for (const r of ns.reads) entries.set(`read ${ns.namespace}/${r.key}`, JSON.stringify(r.version));
    for (const w of ns.writes)
      entries.set(`write ${ns.namespace}/${w.key}`, w.isDelete ? '<delete>' : describeBuffer(w.value));
    ns.rangeQueries.forEach((q, i) =>
      entries.set(`range ${ns.namespace}#${i} [${q.startKey}, ${q.endKey})`, JSON.stringify(q)),
    );
    for (const m of ns.metadataWrites) entries.set(`metadata ${ns.namespace}/${m.key}`, JSON.stringify(m.entries));
    for (const c of ns.collections) {
      for (const r of c.reads) entries.set(`read ${ns.namespace}/${c.collection}/${r.key}`, JSON.stringify(r.version));
      for (const w of c.writes) {
        entries.set(
          `write ${ns.namespace}/${c.collection}/${w.key}`,
          w.isDelete ? '<delete>' : describeBuffer(w.value),
        );
      }
    }
  }
  return entries;
}

/** What differs between two simulations of one proposal, or undefined when they agree. */
export interface SimulationDifference {
  /** One line per difference: the response, the event, or a read/write set entry. */
  readonly lines: readonly string[];
  /** The ledger keys involved (`ns/key`, `ns/collection/key`). */
  readonly keys: readonly string[];
}

export function differenceOf(first: Simulation, second: Simulation): SimulationDifference | undefined {
  const lines: string[] = [];
  const keys: string[] = [];
  const a = first.response;
  const b = second.response;
  if (a.status !== b.status || a.message !== b.message || !a.payload.equals(b.payload)) {
    lines.push(
      `response: ${a.status} ${describeBuffer(a.payload)} ${JSON.stringify(a.message)} != ${b.status} ${describeBuffer(b.payload)} ${JSON.stringify(b.message)}`,
    );
  }
  if (!isDeepStrictEqual(first.event, second.event)) {
    lines.push(`event: ${JSON.stringify(first.event?.name)} != ${JSON.stringify(second.event?.name)}`);
  }
  const left = keyedEntries(first.readWriteSet);
  const right = keyedEntries(second.readWriteSet);
  for (const name of new Set([...left.keys(), ...right.keys()])) {
    const x = left.get(name);
    const y = right.get(name);
    if (x !== y) {
      keys.push(name.slice(name.indexOf(' ') + 1));
      lines.push(`${name}: ${x ?? '<absent>'} != ${y ?? '<absent>'}`);
    }
  }
  return lines.length === 0 ? undefined : { lines, keys: [...new Set(keys)] };
}

/** The text naming a difference: `transaction TX is not deterministic: two endorsements differ` and its lines. */
export function describeDifference(txId: string, difference: SimulationDifference): string {
  return `transaction ${txId} is not deterministic: two endorsements differ\n  ${difference.lines.join('\n  ')}`;
}

/** The determinism check: the same organization's peer simulated twice and must agree. */
export function checkDeterministic(txId: string, first: Simulation, second: Simulation): void {
  const difference = differenceOf(first, second);
  if (difference !== undefined) {
    throw new DeterminismError(describeDifference(txId, difference), txId, [...difference.keys]);
  }
}
