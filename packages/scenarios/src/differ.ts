/**
 * Compares two runs of one scenario (say, on the mock and on a real network). What may legitimately differ is
 * normalised first: transaction ids (numbered in order of appearance), timestamps, certificate bytes and issuers,
 * block numbers and ledger versions (also inside the peer's texts), and the payload of an error response, which
 * no gateway client sees. Any other difference is reported with the step, the call, the field and,
 * where there is one, the key.
 */
import { MAX_DEGREE_QUERY_READS_HASHING, MERKLE_SUMMARY, privateHash } from './endorsed-rwset';
import { gatewayRefuses } from '@fabric-testkit/mock-stub';
import { show } from './expectations';
import { identityText } from './runner';
import type { CallOutcome, CallRecord, ScenarioRun } from './types';

/** One difference between two runs. */
export interface Difference {
  /** `step 3 "name"`, `step 3, transaction 2 of the block`, or `observation 1`. */
  readonly where: string;
  /** The call, e.g. `submit probe Exec as alice@Org1MSP`. */
  readonly call: string;
  /** The field, e.g. `payload[1].result`, `readWriteSet["probe"].writes["k1"]`. */
  readonly path: string;
  /** The ledger key the field is about, when there is one. */
  readonly key?: string;
  /** The probe operation the field is about, e.g. `getState`. */
  readonly op?: string;
  readonly left: unknown;
  readonly right: unknown;
}

/** The result of {@link compareRuns}. */
export interface RunComparison {
  readonly scenario: string;
  readonly left: string;
  readonly right: string;
  readonly differences: readonly Difference[];
}

/** `x509::SUBJECT::ISSUER` up to a NUL (composite key separator), a quote or the end. */
// eslint-disable-next-line no-control-regex -- composite keys separate their attributes with NUL
const CLIENT_ID = /x509::(.*?)::([^\u0000"]*)/g;

const ISO_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?Z$/;

/** Replaces what may legitimately differ between targets, in one run. */
export class Normaliser {
  private readonly txIds = new Map<string, string>();

  constructor(run: ScenarioRun) {
    for (const record of allCalls(run)) {
      const txId = record.outcome.txId;
      if (txId !== undefined && !this.txIds.has(txId)) this.txIds.set(txId, `<tx${this.txIds.size + 1}>`);
    }
  }

  /**
   * The outcome as compared: no tx id or block number; every string normalised. A refused proposal's payload is
   * left out: a gateway passes on only the status and message of an error response, so a client of a real peer
   * never sees it (internal/pkg/gateway/apiutils.go).
   */
  outcome(outcome: CallOutcome): Record<string, unknown> {
    const { txId: _txId, blockNumber: _blockNumber, readWriteSet, ...compared } = outcome;
    if (gatewayRefuses(outcome.status)) delete (compared as { payload?: unknown }).payload;
    const normalised = this.value(compared) as Record<string, unknown>;
    if (readWriteSet !== undefined) normalised['readWriteSet'] = this.value(comparableReadWriteSet(readWriteSet));
    return normalised;
  }

  value(value: unknown): unknown {
    if (typeof value === 'string') return this.text(value);
    if (Array.isArray(value)) return value.map((item) => this.value(item));
    if (typeof value !== 'object' || value === null) return value;
    const record = value as Record<string, unknown>;
    const keys = Object.keys(record);
    if (keys.length === 2 && typeof record['seconds'] === 'string' && typeof record['nanos'] === 'number') {
      return '<timestamp>';
    }
    return Object.fromEntries(keys.map((key) => [this.text(key), this.value(record[key])]));
  }

  text(text: string): string {
    if (ISO_TIME.test(text)) return '<timestamp>';
    if (text.includes('-----BEGIN CERTIFICATE-----')) return '<certificate>';
    // Ledger versions in the peer's texts count blocks, and a real network has setup blocks the mock has not.
    let result = text.replace(/\{BlockNum: \d+, TxNum: (\d+)\}/g, '{BlockNum: <block>, TxNum: $1}');
    // Client IDs (`x509::SUBJECT::ISSUER`) name the CA's certificates, also inside keys (composite keys hold them
    // between NULs): only the common name is the same on both targets.
    result = result.replace(CLIENT_ID, (_match, subject: string) => {
      const cn = /CN=([^,/]+)/.exec(subject)?.[1] ?? '?';
      return `x509::CN=${cn}::<issuer>`;
    });
    for (const [txId, placeholder] of this.txIds) {
      result = result
        .split(txId)
        .join(placeholder)
        .split(`-${txId.slice(0, 8)}]`)
        .join(`-${placeholder}]`);
    }
    return result;
  }
}

type Summary = NonNullable<CallOutcome['readWriteSet']>[string];
type CollectionSummary = Summary['collections'][string];

/** Ledger versions (block:tx) differ between networks with different setup blocks: keep only present or absent. */
function versions(reads: Readonly<Record<string, string>>): Record<string, string> {
  return Object.fromEntries(
    Object.entries(reads).map(([key, version]) => [key, version === 'none' ? 'none' : '<version>']),
  );
}

/**
 * A collection as a transaction carries it: keys by hash, values only as "written" (a plaintext summary's decoded
 * value cannot be re-hashed byte for byte), so a mock's plaintext summary compares with a network's hashed one.
 */
function hashedCollection(collection: CollectionSummary): Omit<CollectionSummary, 'hashed'> {
  const hashKey = (key: string): string => (collection.hashed === true ? key : privateHash(key));
  const written = (value: unknown): unknown =>
    typeof value === 'object' && value !== null && (value as { delete?: unknown }).delete === true
      ? { delete: true }
      : '<value>';
  return {
    reads: versions(Object.fromEntries(Object.entries(collection.reads).map(([key, v]) => [hashKey(key), v]))),
    writes: Object.fromEntries(Object.entries(collection.writes).map(([key, v]) => [hashKey(key), written(v)])),
    purges: collection.purges.map(hashKey).sort(),
  };
}

/** A peer keeps a long range's reads as a Merkle summary; a list that long is compared as that summary. */
function rangeKeys(keys: readonly string[]): readonly string[] {
  return keys.length > MAX_DEGREE_QUERY_READS_HASHING ? [MERKLE_SUMMARY] : keys;
}

function comparableSummary(summary: Summary): unknown {
  return {
    ...summary,
    reads: versions(summary.reads),
    ranges: summary.ranges.map((range) => ({ ...range, keys: rangeKeys(range.keys) })),
    collections: Object.fromEntries(
      Object.entries(summary.collections).map(([name, collection]) => [name, hashedCollection(collection)]),
    ),
  };
}

/** The read/write set as compared: versions as present/absent, private data by hash, long ranges summarised. */
function comparableReadWriteSet(readWriteSet: NonNullable<CallOutcome['readWriteSet']>): unknown {
  return Object.fromEntries(
    Object.entries(readWriteSet).map(([namespace, summary]) => [namespace, comparableSummary(summary)]),
  );
}

function allCalls(run: ScenarioRun): CallRecord[] {
  return [...run.steps.flatMap((step) => step.calls), ...run.observations];
}

/** `submit probe Exec as alice@Org1MSP`. */
export function callText(record: CallRecord): string {
  return `${record.kind} ${record.call.chaincode} ${record.call.function} as ${identityText(record.call)}`;
}

interface Context {
  readonly where: string;
  readonly call: string;
  readonly ops: readonly Readonly<Record<string, unknown>>[] | undefined;
}

function opKey(op: Readonly<Record<string, unknown>> | undefined): string | undefined {
  if (op === undefined) return undefined;
  if (typeof op['key'] === 'string') return op['key'];
  if (typeof op['startKey'] === 'string') return `[${show(op['startKey'])}, ${show(op['endKey'])})`;
  if (typeof op['objectType'] === 'string') return `${op['objectType']}:${show(op['attributes'])}`;
  return undefined;
}

function keyOf(value: unknown): string | undefined {
  if (typeof value !== 'object' || value === null) return undefined;
  const key = (value as { key?: unknown }).key;
  return typeof key === 'string' ? key : undefined;
}

class Walker {
  readonly differences: Difference[] = [];

  constructor(private readonly context: Context) {}

  walk(left: unknown, right: unknown, path: string, key: string | undefined, op: string | undefined): void {
    if (Array.isArray(left) && Array.isArray(right)) this.walkArrays(left, right, path, key, op);
    else if (isRecord(left) && isRecord(right)) this.walkRecords(left, right, path, key, op);
    else if (JSON.stringify(left) !== JSON.stringify(right)) this.add(path, key, op, left, right);
  }

  private walkArrays(
    left: unknown[],
    right: unknown[],
    path: string,
    key: string | undefined,
    op: string | undefined,
  ): void {
    const length = Math.max(left.length, right.length);
    for (let index = 0; index < length; index += 1) {
      const l: unknown = left[index];
      const r: unknown = right[index];
      const item = this.payloadItem(path, index);
      this.walk(l, r, `${path}[${index}]`, keyOf(l) ?? keyOf(r) ?? item.key ?? key, item.op ?? op);
    }
  }

  private walkRecords(
    left: Record<string, unknown>,
    right: Record<string, unknown>,
    path: string,
    key: string | undefined,
    op: string | undefined,
  ): void {
    // Maps keyed by ledger key (or namespace, collection) are shown with the key quoted.
    const keyed = /\.(reads|writes|collections)$|^readWriteSet$/.test(path);
    for (const name of new Set([...Object.keys(left), ...Object.keys(right)])) {
      const child = /^[A-Za-z_$][\w$]*$/.test(name) && !keyed ? `${path}.${name}` : `${path}[${JSON.stringify(name)}]`;
      const childKey = /\.(reads|writes)$/.test(path) ? name : key;
      this.walk(left[name], right[name], child, childKey, op);
    }
  }

  /** The probe operation a `payload[i]` path is about. */
  private payloadItem(path: string, index: number): { key?: string; op?: string } {
    if (path !== 'payload' || this.context.ops === undefined) return {};
    const op = this.context.ops[index];
    const key = opKey(op);
    return { ...(key === undefined ? {} : { key }), ...(typeof op?.['op'] === 'string' ? { op: op['op'] } : {}) };
  }

  private add(path: string, key: string | undefined, op: string | undefined, left: unknown, right: unknown): void {
    this.differences.push({
      where: this.context.where,
      call: this.context.call,
      path,
      ...(key === undefined ? {} : { key }),
      ...(op === undefined ? {} : { op }),
      left,
      right,
    });
  }
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function compareCalls(
  left: CallRecord,
  right: CallRecord,
  where: string,
  normalisers: [Normaliser, Normaliser],
): Difference[] {
  const walker = new Walker({ where, call: callText(left), ops: left.call.ops });
  const l = normalisers[0].outcome(left.outcome);
  const r = normalisers[1].outcome(right.outcome);
  // The read/write set is compared only when both targets can see it.
  if (l['readWriteSet'] === undefined || r['readWriteSet'] === undefined) {
    delete l['readWriteSet'];
    delete r['readWriteSet'];
  }
  for (const field of ['status', 'message', 'payload', 'event', 'validationCode', 'readWriteSet']) {
    walker.walk(l[field], r[field], field, undefined, undefined);
  }
  return walker.differences;
}

/** Compares two runs of the same scenario; an empty `differences` means they agree. */
export function compareRuns(left: ScenarioRun, right: ScenarioRun): RunComparison {
  const normalisers: [Normaliser, Normaliser] = [new Normaliser(left), new Normaliser(right)];
  const differences: Difference[] = [];
  const steps = Math.max(left.steps.length, right.steps.length);
  for (let index = 0; index < steps; index += 1) {
    const [l, r] = [left.steps[index], right.steps[index]];
    const label = l?.label ?? r?.label ?? '';
    const where = `step ${index + 1} "${label}"`;
    if (l === undefined || r === undefined) {
      differences.push({
        where,
        call: '',
        path: 'ran',
        left: l !== undefined || left.error,
        right: r !== undefined || right.error,
      });
      continue;
    }
    for (const [position, call] of l.calls.entries()) {
      const other = r.calls[position];
      if (other === undefined) continue;
      const at = l.calls.length > 1 ? `${where}, transaction ${position + 1} of the block` : where;
      differences.push(...compareCalls(call, other, at, normalisers));
    }
  }
  for (const [position, call] of left.observations.entries()) {
    const other = right.observations[position];
    if (other !== undefined) differences.push(...compareCalls(call, other, `observation ${position + 1}`, normalisers));
  }
  return { scenario: left.scenario.name, left: left.target, right: right.target, differences };
}

/** A readable diff: grouped by step and call, each line naming the field, the operation and the key. */
export function formatComparison(comparison: RunComparison): string[] {
  const { differences, left, right } = comparison;
  if (differences.length === 0) return [`${comparison.scenario}: ${left} and ${right} agree`];
  const lines = [
    `${comparison.scenario}: ${left} and ${right} differ in ${differences.length} place${differences.length === 1 ? '' : 's'}`,
  ];
  const width = Math.max(left.length, right.length) + 1;
  let group = '';
  for (const difference of differences) {
    const heading = `  ${difference.where}${difference.call === '' ? '' : ` (${difference.call})`}`;
    if (heading !== group) lines.push(heading);
    group = heading;
    const about = [difference.op, difference.key === undefined ? undefined : `key ${show(difference.key)}`].filter(
      (part) => part !== undefined,
    );
    lines.push(`    ${difference.path}${about.length === 0 ? '' : `  [${about.join(' ')}]`}`);
    lines.push(`      ${`${left}:`.padEnd(width)} ${show(difference.left)}`);
    lines.push(`      ${`${right}:`.padEnd(width)} ${show(difference.right)}`);
  }
  return lines;
}
