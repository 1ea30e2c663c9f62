/**
 * Just enough of the protobuf wire format to write Fabric's messages directly: varints and length-delimited
 * fields, in field-number order, defaults omitted (proto3), as google-protobuf serializes them. Fields form a tree
 * that is measured first and written once into a single buffer, so large fields (the creator certificate) are
 * copied once. The result is byte-for-byte what `@hyperledger/fabric-protos` produces
 * (test/proposal/proposal-bytes.test.ts, test/protobuf/protobuf.test.ts) and several times cheaper than building
 * message objects, which matters where every transaction writes several (the proposal, the chaincode protocol).
 */

/** Encoded bytes, or a field written when the message is. */
export type Part = Uint8Array | Field;

/**
 * A field kept as its tag and value until written: no bytes are made for tags, lengths or strings before the one
 * buffer of the message is (allocation per field showed in the chaincode protocol's profile).
 */
abstract class Field {
  /** Bytes of tag and value. */
  abstract readonly size: number;

  constructor(readonly tag: number) {}

  abstract writeValue(target: Buffer, offset: number): number;
}

class VarintField extends Field {
  readonly size: number;

  constructor(
    tag: number,
    readonly value: number,
  ) {
    super(tag);
    this.size = varintLength(tag) + varintLength(value);
  }

  writeValue(target: Buffer, offset: number): number {
    return writeVarint(target, offset, this.value);
  }
}

class DelimitedField extends Field {
  readonly size: number;

  constructor(
    tag: number,
    readonly children: readonly Part[],
    readonly length: number,
  ) {
    super(tag);
    this.size = varintLength(tag) + varintLength(length) + length;
  }

  writeValue(target: Buffer, offset: number): number {
    let next = writeVarint(target, offset, this.length);
    for (const child of this.children) next = write(child, target, next);
    return next;
  }
}

class StringField extends Field {
  readonly size: number;

  constructor(
    tag: number,
    readonly text: string,
    readonly length: number,
  ) {
    super(tag);
    this.size = varintLength(tag) + varintLength(length) + length;
  }

  writeValue(target: Buffer, offset: number): number {
    const start = writeVarint(target, offset, this.length);
    return start + target.write(this.text, start, this.length, 'utf8');
  }
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
  return n === 0 ? NOTHING : new VarintField(field << 3, n);
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
  return new DelimitedField((field << 3) | 2, children, length);
}

/** A string field, written as UTF-8 (a lone surrogate becomes U+FFFD, as `Buffer.from` makes it). */
export function stringField(field: number, value: string, always = false): Part {
  const length = Buffer.byteLength(value, 'utf8');
  if (length === 0 && !always) return NOTHING;
  return new StringField((field << 3) | 2, value, length);
}

function write(part: Part, target: Buffer, offset: number): number {
  if (part instanceof Uint8Array) {
    target.set(part, offset);
    return offset + part.length;
  }
  return part.writeValue(target, writeVarint(target, offset, part.tag));
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
