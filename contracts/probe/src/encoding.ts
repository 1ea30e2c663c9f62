/**
 * How the probe writes bytes into its JSON results and reads values from its JSON input. Results must be
 * deterministic and readable: bytes that are valid UTF-8 appear as text, anything else as `{ "base64": ... }`.
 */

/** Bytes as they appear in a probe result: UTF-8 text, or base64 under a marker when not valid UTF-8. */
export type EncodedBytes = string | { base64: string };

/**
 * A value given to an operation: text (UTF-8), `{ "base64": "..." }` for raw bytes, or `{ "json": any }` for a
 * JSON value written as compact JSON (object keys in the order given).
 */
export type ValueInput = string | { base64: string } | { json: unknown };

/** Text when the bytes are valid UTF-8 (they survive a round trip), else base64 under a marker. */
export function encodeBytes(bytes: Uint8Array): EncodedBytes {
  const buffer = Buffer.from(bytes);
  const text = buffer.toString('utf8');
  return Buffer.from(text, 'utf8').equals(buffer) ? text : { base64: buffer.toString('base64') };
}

/** The bytes of a {@link ValueInput}. */
export function decodeValue(value: ValueInput): Buffer {
  if (typeof value === 'string') return Buffer.from(value, 'utf8');
  if ('base64' in value) return Buffer.from(value.base64, 'base64');
  return Buffer.from(JSON.stringify(value.json), 'utf8');
}

/** Whether `value` has the shape of a {@link ValueInput}. */
export function isValueInput(value: unknown): value is ValueInput {
  if (typeof value === 'string') return true;
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
  const keys = Object.keys(value);
  if (keys.length !== 1) return false;
  if (keys[0] === 'json') return true;
  return keys[0] === 'base64' && typeof (value as { base64: unknown }).base64 === 'string';
}
