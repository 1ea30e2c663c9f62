/**
 * Just enough of the protobuf wire format to write Fabric's messages directly: varints and length-delimited
 * fields, in field-number order, defaults omitted (proto3), as google-protobuf serializes them. Fields form a tree
 * that is measured first and written once into a single buffer, so large fields (the creator certificate) are
 * copied once. The result is byte-for-byte what `@hyperledger/fabric-protos` produces
 * (test/proposal/proposal-bytes.test.ts, test/protobuf/protobuf.test.ts) and several times cheaper than building
 * message objects, which matters where every transaction writes several (the proposal, the chaincode protocol).
 */

/** Encoded bytes, or a length-delimited field whose content is its children. */
export type Part = Uint8Array | Delimited;

interface Delimited {
  readonly prefix: Uint8Array;
  readonly children: readonly Part[];
  /** Bytes of prefix and children. */
  readonly size: number;
}

const NOTHING: Part = new Uint8Array(0);

function varintLength(value: number): number {
  let length = 1;
  for (let n = value; n >= 0x80; n = Math.floor(n / 0x80)) length++;
  return length;
}

function writeVarint(target: Uint8Array, offset: number, value: number): number {
  let n = value;
  let at = offset;
  while (n >= 0x80) {
    target[at++] = (n % 0x80) | 0x80;
    n = Math.floor(n / 0x80);
  }
  target[at++] = n;
  return at;
}

/** Two varints side by side (a tag and a value or a length) in one array. */
function varintPair(first: number, second: number): Uint8Array {
  const bytes = new Uint8Array(varintLength(first) + varintLength(second));
  writeVarint(bytes, writeVarint(bytes, 0, first), second);
  return bytes;
}

/** Bytes a part takes once written. */
export function sizeOf(part: Part): number {
  return part instanceof Uint8Array ? part.length : part.size;
}

/**
 * Field with a varint value (wire type 0); omitted when 0 or false. Non-negative values only: a negative int32
 * takes ten bytes, which nothing written here needs.
 */
export function varintField(field: number, value: number | boolean): Part {
  const n = typeof value === 'boolean' ? (value ? 1 : 0) : value;
  return n === 0 ? NOTHING : varintPair(field << 3, n);
}

/**
 * Length-delimited field (wire type 2) holding bytes or a nested message; omitted when empty unless `always`
 * (repeated and map-entry fields are written even when empty).
 */
export function bytesField(field: number, value: Uint8Array | readonly Part[], always = false): Part {
  const children: readonly Part[] = value instanceof Uint8Array ? [value] : value;
  let length = 0;
  for (const child of children) length += sizeOf(child);
  if (length === 0 && !always) return NOTHING;
  const prefix = varintPair((field << 3) | 2, length);
  return { prefix, children, size: prefix.length + length };
}

export function stringField(field: number, value: string, always = false): Part {
  return bytesField(field, Buffer.from(value, 'utf8'), always);
}

function write(part: Part, target: Buffer, offset: number): number {
  if (part instanceof Uint8Array) {
    target.set(part, offset);
    return offset + part.length;
  }
  target.set(part.prefix, offset);
  let next = offset + part.prefix.length;
  for (const child of part.children) next = write(child, target, next);
  return next;
}

/** Writes a message (its fields in order) into one buffer. */
export function serialize(fields: readonly Part[]): Buffer {
  let size = 0;
  for (const field of fields) size += sizeOf(field);
  const target = Buffer.allocUnsafe(size);
  let offset = 0;
  for (const field of fields) offset = write(field, target, offset);
  return target;
}
