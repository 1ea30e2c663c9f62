/**
 * CouchDB's restrictions on keys and values (`statedb/statecouchdb/couchdoc_conv.go` validateKey, validateValue),
 * checked at write time on a CouchDB peer only (LevelDB's ValidateKeyValue accepts everything). S-20.
 */
import { goJsonMarshal } from './go-json';

const VERSION_FIELD = '~version';

// validateKey's "must be a UTF-8 string" cannot be reached from chaincode: a key that is not UTF-8 already fails
// when the peer unmarshals the shim's message (see wireString).
export function validateCouchKey(key: string): void {
  if (key.startsWith('_')) throw new Error(`invalid key [${key}], cannot begin with "_"`);
  if (key === '') throw new Error('invalid key. Empty string is not supported as a key by couchdb');
}

/** Parses a value as CouchDB would: a JSON object becomes a document, anything else an attachment (S-21). */
export function asJsonObject(value: Buffer): Record<string, unknown> | undefined {
  if (value.length === 0 || (value[0] !== 0x7b && !/^\s*\{/.test(value.subarray(0, 64).toString('latin1')))) {
    return undefined;
  }
  try {
    const parsed: unknown = JSON.parse(value.toString('utf8'));
    if (typeof parsed === 'object' && parsed !== null && !Array.isArray(parsed)) {
      return parsed as Record<string, unknown>;
    }
  } catch {
    // not JSON: stored as an attachment
  }
  return undefined;
}

export function validateCouchValue(value: Buffer): void {
  const json = asJsonObject(value);
  if (json === undefined) return;
  for (const field of Object.keys(json)) {
    if (field === VERSION_FIELD || field.startsWith('_')) {
      throw new Error(`field [${field}] is not valid for the CouchDB state database`);
    }
  }
}

/**
 * What a CouchDB peer hands back for a stored value: JSON objects are decoded and re-encoded by Go's
 * `json.Marshal` (keys sorted, HTML-safe escapes); anything else is an attachment, returned byte for byte.
 */
export function couchStoredValue(value: Buffer): Buffer {
  const json = asJsonObject(value);
  return json === undefined ? value : Buffer.from(goJsonMarshal(json), 'utf8');
}
