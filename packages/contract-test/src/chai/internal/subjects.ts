/// <reference types="chai" />
/** Helpers shared by the matchers. Internal. */
import { isDeepStrictEqual } from 'node:util';

/**
 * A rejection as a matcher's failure message names it: `Name: message`, and for a gateway error each peer's
 * detail after it, since fabric-gateway's own message only says "see attached details" (G-04).
 */
export function describeRejection(reason: unknown): string {
  if (!(reason instanceof Error)) return String(reason);
  const details: unknown = 'details' in reason ? reason.details : undefined;
  const peers = Array.isArray(details)
    ? details.flatMap((d: unknown) =>
        typeof d === 'object' && d !== null && 'mspId' in d && 'message' in d
          ? [`${String(d.mspId)}: ${String(d.message)}`]
          : [],
      )
    : [];
  const first = reason.message.split('\n')[0] ?? '';
  return `${reason.name}: ${first}${peers.length > 0 ? ` (${peers.join('; ')})` : ''}`;
}

/** The fields of a transaction result the matchers read. */
export interface TransactionLike {
  txId: string;
  event?: { name: string; payload: Uint8Array };
  validationCode?: string;
}

export function isThenable(value: unknown): value is PromiseLike<unknown> {
  return (
    (typeof value === 'object' || typeof value === 'function') &&
    value !== null &&
    'then' in value &&
    typeof value.then === 'function'
  );
}

export function isTransactionLike(value: unknown): value is TransactionLike {
  return typeof value === 'object' && value !== null && 'txId' in value && typeof value.txId === 'string';
}

/**
 * Runs `check` on the subject: at once when it is a value (so a failure throws synchronously), or when it
 * settles when it is a promise. Either way the assertion becomes awaitable, as Hardhat's matchers are.
 */
export function checkMaybeAsync(
  assertion: Chai.AssertionStatic,
  onValue: (value: unknown) => void,
  onRejection: (reason: unknown) => void,
): void {
  const subject: unknown = assertion._obj;
  let settled: Promise<void>;
  if (isThenable(subject)) {
    settled = Promise.resolve(subject).then(onValue, onRejection);
  } else {
    onValue(subject);
    settled = Promise.resolve();
  }
  Object.assign(assertion, { then: settled.then.bind(settled), catch: settled.catch.bind(settled) });
}

/**
 * Whether a payload equals `expected`: a string is compared with the UTF-8 text, bytes byte for byte, anything
 * else with the payload parsed as JSON (deep, strict).
 */
export function payloadEquals(payload: Uint8Array, expected: unknown): boolean {
  const bytes = Buffer.from(payload);
  if (typeof expected === 'string') return bytes.toString('utf8') === expected;
  if (expected instanceof Uint8Array) return bytes.equals(Buffer.from(expected));
  try {
    return isDeepStrictEqual(JSON.parse(bytes.toString('utf8')), expected);
  } catch {
    return false;
  }
}

/** How an expected payload is shown in messages: strings quoted, bytes as text, values as JSON. */
export function describeExpected(expected: unknown): string {
  if (typeof expected === 'string') return JSON.stringify(expected);
  if (expected instanceof Uint8Array) return JSON.stringify(Buffer.from(expected).toString('utf8'));
  return JSON.stringify(expected);
}

/** How an actual payload is shown: its UTF-8 text, quoted. */
export function describeActual(payload: Uint8Array): string {
  return JSON.stringify(Buffer.from(payload).toString('utf8'));
}

export function describeSubject(value: unknown): string {
  if (value === null || value === undefined) return String(value);
  if (typeof value === 'object') return value.constructor.name;
  return typeof value;
}
