/**
 * Just enough of the protobuf wire format to write the proposal messages directly: varints and length-delimited
 * fields, in field-number order, defaults omitted (proto3), as google-protobuf serializes them. Building the
 * proposal this way is byte-for-byte what `@hyperledger/fabric-protos` produces (see test/internal/proposal.test.ts)
 * and several times cheaper than constructing message objects.
 */
export type Part = Buffer;

function varint(value: number): Buffer {
  const bytes: number[] = [];
  let n = value;
  while (n >= 0x80) {
    bytes.push((n % 0x80) | 0x80);
    n = Math.floor(n / 0x80);
  }
  bytes.push(n);
  return Buffer.from(bytes);
}

/** Field with a varint value (wire type 0); omitted when 0 or false. */
export function varintField(field: number, value: number | boolean): Part {
  const n = typeof value === 'boolean' ? (value ? 1 : 0) : value;
  return n === 0 ? Buffer.alloc(0) : Buffer.concat([varint(field << 3), varint(n)]);
}

/** Length-delimited field (wire type 2); omitted when empty unless `always` (repeated and map entries). */
export function bytesField(field: number, value: Uint8Array, always = false): Part {
  if (value.length === 0 && !always) return Buffer.alloc(0);
  return Buffer.concat([varint((field << 3) | 2), varint(value.length), value]);
}

export function stringField(field: number, value: string, always = false): Part {
  return bytesField(field, Buffer.from(value, 'utf8'), always);
}

export function message(...parts: Part[]): Buffer {
  return Buffer.concat(parts);
}
