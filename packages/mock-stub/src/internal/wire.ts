/**
 * What a value looks like after crossing the shim → peer gRPC stream. The mock skips the stream, so it applies
 * the same protobuf encoding where it could change a value: string fields given a non-string, and byte fields
 * given something other than bytes (google-protobuf coerces or throws "Failure: Cannot coerce to Uint8Array: …",
 * which is what a chaincode passing an object to `putState` sees from the real shim). google-protobuf writes a
 * lone surrogate as its 3-byte (CESU-8) form, which the Go peer refuses as invalid UTF-8 ({@link wireString}).
 */
import { peer } from '@hyperledger/fabric-protos';

const EMPTY = Buffer.alloc(0);
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/**
 * A string field as the peer unmarshals it. google-protobuf writes a lone surrogate as a 3-byte sequence, which is
 * not UTF-8, and Go's protobuf refuses proto3 strings that are not: the handler answers "unmarshal failed: string
 * field contains invalid UTF-8" (core/chaincode/handler.go; found by the differential run).
 */
export function wireString(value: string): string {
  if (typeof value === 'string') {
    if (hasLoneSurrogate(value)) throw new Error('unmarshal failed: string field contains invalid UTF-8');
    return value;
  }
  const message = new peer.GetState();
  message.setKey(value);
  return peer.GetState.deserializeBinary(message.serializeBinary()).getKey();
}

/** A bytes field after protobuf encoding and decoding: Uint8Array as is, null/undefined empty, others coerced. */
export function wireBytes(value: unknown): Buffer {
  if (Buffer.isBuffer(value)) return value;
  if (value instanceof Uint8Array) return Buffer.from(value.buffer, value.byteOffset, value.byteLength);
  if (value === undefined || value === null) return EMPTY;
  const message = new peer.PutState();
  // Deliberately untyped: this is the shim's own path for whatever the chaincode passed.
  message.setValue(value as Uint8Array);
  return Buffer.from(peer.PutState.deserializeBinary(message.serializeBinary()).getValue_asU8());
}

/** Whether the peer (Go) would see invalid UTF-8: the string has a lone surrogate. */
function hasLoneSurrogate(value: string): boolean {
  return LONE_SURROGATE.test(value);
}
