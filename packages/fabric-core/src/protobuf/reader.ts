/**
 * Just enough of the protobuf wire format to read Fabric's small messages without building message objects: a
 * message is walked field by field, each varint or length-delimited value handed to a visitor, other wire types
 * skipped (as an unknown field is). Varints are read as int32 (enums, bools, `Response.status`): the messages read
 * this way have no wider integers.
 */
import { ProtobufReadError } from '../errors';

/** A varint (as int32) or the bytes of a length-delimited field (a view into the message, not a copy). */
export type FieldValue = number | Uint8Array;

const WIRE_VARINT = 0;
const WIRE_FIXED64 = 1;
const WIRE_DELIMITED = 2;
const WIRE_FIXED32 = 5;

/** Calls `visit` with each field's number and value, in the order written. */
export function readFields(bytes: Uint8Array, visit: (field: number, value: FieldValue) => void): void {
  let at = 0;
  const varint = (): number => {
    // The low 32 bits, two's complement: a negative int32 is written as ten bytes whose low 32 bits are its value.
    let value = 0;
    for (let shift = 0; ; shift += 7) {
      if (at >= bytes.length) throw new ProtobufReadError('truncated varint');
      if (shift > 63) throw new ProtobufReadError('varint longer than 10 bytes');
      const byte = bytes[at++] as number;
      if (shift < 32) value |= (byte & 0x7f) << shift;
      if ((byte & 0x80) === 0) return value;
    }
  };
  while (at < bytes.length) {
    const tag = varint();
    const field = tag >>> 3;
    const wireType = tag & 7;
    if (field === 0) throw new ProtobufReadError('field number 0');
    if (wireType === WIRE_VARINT) {
      visit(field, varint());
    } else if (wireType === WIRE_DELIMITED) {
      const length = varint();
      if (length < 0 || at + length > bytes.length) throw new ProtobufReadError(`field ${field} runs past the end`);
      visit(field, bytes.subarray(at, at + length));
      at += length;
    } else if (wireType === WIRE_FIXED64 || wireType === WIRE_FIXED32) {
      at += wireType === WIRE_FIXED64 ? 8 : 4;
      if (at > bytes.length) throw new ProtobufReadError(`field ${field} runs past the end`);
    } else {
      throw new ProtobufReadError(`wire type ${wireType} (groups) in field ${field}`);
    }
  }
}

const strict = new TextDecoder('utf-8', { fatal: true });

/**
 * A proto3 string field as Go's protobuf reads it: bytes that are not UTF-8 (a lone surrogate written as three
 * bytes, as google-protobuf does) are refused with the text the peer's error carries.
 */
export function utf8Field(value: FieldValue): string {
  if (typeof value === 'number') throw new ProtobufReadError('a string field holds a varint');
  const text = Buffer.from(value.buffer, value.byteOffset, value.byteLength).toString('utf8');
  // toString replaces bytes that are not UTF-8 with U+FFFD; only then is the strict (slower) check needed.
  if (text.includes('\ufffd')) {
    try {
      strict.decode(value);
    } catch {
      throw new ProtobufReadError('a string field is not UTF-8', 'string field contains invalid UTF-8');
    }
  }
  return text;
}

/** A bytes or nested-message field; a varint there is a malformed message. */
export function bytesOf(value: FieldValue): Uint8Array {
  if (typeof value === 'number') throw new ProtobufReadError('a bytes field holds a varint');
  return value;
}

/** A varint field (enum, bool, int32); bytes there are a malformed message. */
export function numberOf(value: FieldValue): number {
  if (typeof value !== 'number') throw new ProtobufReadError('a varint field holds bytes');
  return value;
}
