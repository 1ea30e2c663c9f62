/**
 * What a value looks like after crossing the shim → peer gRPC stream. The mock skips the stream, so it applies
 * the same protobuf encoding where it could change a value: string fields given a non-string, and byte fields
 * given something other than bytes (google-protobuf coerces or throws "Failure: Cannot coerce to Uint8Array: …",
 * which is what a chaincode passing an object to `putState` sees from the real shim). google-protobuf writes a
 * lone surrogate as its 3-byte (CESU-8) form and reads it back unchanged, so JavaScript strings pass as they are;
 * {@link wireUtf8} gives the bytes the Go peer sees.
 */
import { peer } from '@hyperledger/fabric-protos';

const EMPTY = Buffer.alloc(0);
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/** A string field after protobuf encoding and decoding. */
export function wireString(value: string): string {
  if (typeof value === 'string') return value;
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
export function hasLoneSurrogate(value: string): boolean {
  return LONE_SURROGATE.test(value);
}

/** The bytes google-protobuf puts on the wire for a string: UTF-8, with lone surrogates as 3-byte sequences. */
export function wireUtf8(value: string): Buffer {
  const bytes: number[] = [];
  for (const char of value) {
    const unit = char.charCodeAt(0);
    if (char.length === 1 && unit >= 0xd800 && unit <= 0xdfff) {
      bytes.push(0xe0 | (unit >> 12), 0x80 | ((unit >> 6) & 0x3f), 0x80 | (unit & 0x3f));
    } else {
      bytes.push(...Buffer.from(char, 'utf8'));
    }
  }
  return Buffer.from(bytes);
}
