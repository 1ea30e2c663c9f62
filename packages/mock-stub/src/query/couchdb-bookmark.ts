/**
 * CouchDB's Mango bookmarks, byte for byte: `mango_json_bookmark.erl` create/1 packs
 * `[{startkey_docid, DocId}, {startkey, Key}]` with `term_to_binary(_, [compressed, {minor_version, 1}])` and
 * base64url-encodes it without padding (`couch_util:encodeBase64Url`). `Key` is the row's key in the index the
 * query used: the document ID for `_all_docs`, the list of the index's field values for a JSON index. The peer hands
 * the bookmark to the chaincode unchanged (statecouchdb.go), so a chaincode that stores or compares bookmarks sees
 * the same text on the mock as on a CouchDB peer.
 *
 * Erlang's external term format (erts/emulator/beam/external.c, OTP 25 as Debian bookworm ships for CouchDB 3.4):
 * version 131; atoms as ATOM_EXT (100, latin-1, 16-bit length) at minor version 1; binaries BINARY_EXT (109);
 * lists LIST_EXT (108) ending in NIL_EXT (106); tuples SMALL_TUPLE_EXT (104); integers SMALL_INTEGER_EXT (97),
 * INTEGER_EXT (98) or SMALL_BIG_EXT (110); floats NEW_FLOAT_EXT (70). JSON objects are jiffy's `{[{Key, Value}]}`.
 * With `compressed`, the term is zlib-deflated (level 6) behind tag 80 and its size, only when that is smaller.
 * Deflated with pako, a port of stock zlib: Node's own zlib (Chromium's fork) finds other matches, so its output for
 * the same input differs from Erlang's from about 60 bytes on; pako's is byte for byte Erlang's.
 */
import { inflateSync } from 'node:zlib';
import { deflate } from 'pako';

const VERSION = 131;
const COMPRESSED = 80;
const NEW_FLOAT_EXT = 70;
const SMALL_INTEGER_EXT = 97;
const INTEGER_EXT = 98;
const ATOM_EXT = 100;
const SMALL_TUPLE_EXT = 104;
const NIL_EXT = 106;
const STRING_EXT = 107;
const LIST_EXT = 108;
const BINARY_EXT = 109;
const SMALL_BIG_EXT = 110;

/** A JSON value as CouchDB holds it in an index key. */
type JsonValue = null | boolean | number | string | JsonValue[] | { [key: string]: JsonValue };

function isByteList(values: readonly unknown[]): values is number[] {
  return (
    values.length > 0 &&
    values.length < 65536 &&
    values.every((v) => typeof v === 'number' && Number.isInteger(v) && v >= 0 && v <= 255)
  );
}

class TermWriter {
  readonly #chunks: Buffer[] = [];

  byte(value: number): void {
    this.#chunks.push(Buffer.from([value]));
  }

  u16(value: number): void {
    const b = Buffer.alloc(2);
    b.writeUInt16BE(value);
    this.#chunks.push(b);
  }

  u32(value: number): void {
    const b = Buffer.alloc(4);
    b.writeUInt32BE(value);
    this.#chunks.push(b);
  }

  bytes(value: Buffer): void {
    this.#chunks.push(value);
  }

  atom(name: string): void {
    const text = Buffer.from(name, 'latin1');
    this.byte(ATOM_EXT);
    this.u16(text.length);
    this.bytes(text);
  }

  binary(value: string): void {
    const text = Buffer.from(value, 'utf8');
    this.byte(BINARY_EXT);
    this.u32(text.length);
    this.bytes(text);
  }

  list(items: readonly (() => void)[]): void {
    if (items.length === 0) {
      this.byte(NIL_EXT);
      return;
    }
    this.byte(LIST_EXT);
    this.u32(items.length);
    for (const item of items) item();
    this.byte(NIL_EXT);
  }

  /** A non-empty list of integers 0..255 is STRING_EXT (external.c is_external_string). */
  byteList(values: readonly number[]): void {
    this.byte(STRING_EXT);
    this.u16(values.length);
    this.bytes(Buffer.from(values));
  }

  tuple(items: readonly (() => void)[]): void {
    this.byte(SMALL_TUPLE_EXT);
    this.byte(items.length);
    for (const item of items) item();
  }

  integer(value: number): void {
    if (value >= 0 && value <= 255) {
      this.byte(SMALL_INTEGER_EXT);
      this.byte(value);
    } else if (value >= -(2 ** 31) && value < 2 ** 31) {
      this.byte(INTEGER_EXT);
      const b = Buffer.alloc(4);
      b.writeInt32BE(value);
      this.bytes(b);
    } else {
      let magnitude = BigInt(Math.abs(value));
      const digits: number[] = [];
      while (magnitude > 0n) {
        digits.push(Number(magnitude & 0xffn));
        magnitude >>= 8n;
      }
      this.byte(SMALL_BIG_EXT);
      this.byte(digits.length);
      this.byte(value < 0 ? 1 : 0);
      this.bytes(Buffer.from(digits));
    }
  }

  float(value: number): void {
    const b = Buffer.alloc(8);
    b.writeDoubleBE(value);
    this.byte(NEW_FLOAT_EXT);
    this.bytes(b);
  }

  json(value: JsonValue): void {
    if (value === null) this.atom('null');
    else if (typeof value === 'boolean') this.atom(value ? 'true' : 'false');
    else if (typeof value === 'number') {
      // jiffy decodes a JSON number without a fraction or exponent as an integer; Go re-encodes whole floats as
      // integers, so the documents CouchDB indexes hold integers wherever the value is whole.
      if (Number.isInteger(value)) this.integer(value);
      else this.float(value);
    } else if (typeof value === 'string') this.binary(value);
    else if (Array.isArray(value) && isByteList(value)) this.byteList(value);
    else if (Array.isArray(value)) this.list(value.map((item) => () => this.json(item)));
    else {
      const entries = Object.entries(value);
      this.tuple([
        () =>
          this.list(
            entries.map(
              ([k, v]) =>
                () =>
                  this.tuple([() => this.binary(k), () => this.json(v)]),
            ),
          ),
      ]);
    }
  }

  done(): Buffer {
    return Buffer.concat(this.#chunks);
  }
}

/**
 * `term_to_binary(Term, [compressed])` (erts external.c erts_term_to_binary_int): zlib's compress2 at level 6 into a
 * buffer of the plain size less 5; when the deflated term does not fit, the plain form.
 */
function termToBinary(term: Buffer): Buffer {
  const plain = Buffer.concat([Buffer.from([VERSION]), term]);
  const deflated = Buffer.from(deflate(term, { level: 6 }));
  if (deflated.length > plain.length - 5) return plain;
  const header = Buffer.alloc(6);
  header[0] = VERSION;
  header[1] = COMPRESSED;
  header.writeUInt32BE(term.length, 2);
  return Buffer.concat([header, deflated]);
}

/**
 * The bookmark CouchDB returns after a page whose last row was `docId` with index key `key` (the document ID
 * itself for `_all_docs`).
 */
export function encodeBookmark(docId: string, key: JsonValue): string {
  const writer = new TermWriter();
  writer.list([
    () => writer.tuple([() => writer.atom('startkey_docid'), () => writer.binary(docId)]),
    () => writer.tuple([() => writer.atom('startkey'), () => writer.json(key)]),
  ]);
  return termToBinary(writer.done()).toString('base64url');
}

/** What a bookmark says: the last row's document ID and index key. */
export interface DecodedBookmark {
  readonly docId: string;
  readonly key: unknown;
}

class TermReader {
  #offset = 0;

  constructor(private readonly data: Buffer) {}

  get atEnd(): boolean {
    return this.#offset >= this.data.length;
  }

  #take(length: number): Buffer {
    if (this.#offset + length > this.data.length) throw new Error('truncated term');
    const slice = this.data.subarray(this.#offset, this.#offset + length);
    this.#offset += length;
    return slice;
  }

  #big(): number {
    const length = this.#take(1)[0] ?? 0;
    const negative = this.#take(1)[0] === 1;
    const digits = this.#take(length);
    let value = 0n;
    for (let i = digits.length - 1; i >= 0; i -= 1) value = (value << 8n) | BigInt(digits[i] ?? 0);
    return Number(negative ? -value : value);
  }

  #atom(tag: number): { atom: string } {
    const length = tag === 119 ? (this.#take(1)[0] ?? 0) : this.#take(2).readUInt16BE();
    return { atom: this.#take(length).toString(tag === ATOM_EXT ? 'latin1' : 'utf8') };
  }

  term(): unknown {
    const tag = this.#take(1)[0];
    switch (tag) {
      case SMALL_INTEGER_EXT:
        return this.#take(1)[0];
      case INTEGER_EXT:
        return this.#take(4).readInt32BE();
      case SMALL_BIG_EXT:
        return this.#big();
      case NEW_FLOAT_EXT:
        return this.#take(8).readDoubleBE();
      case ATOM_EXT:
      case 118: // ATOM_UTF8_EXT
      case 119: // SMALL_ATOM_UTF8_EXT, as newer Erlang releases write atoms
        return this.#atom(tag);
      case BINARY_EXT:
        return this.#take(this.#take(4).readUInt32BE()).toString('utf8');
      case NIL_EXT:
        return [];
      case STRING_EXT:
        return [...this.#take(this.#take(2).readUInt16BE())];
      case LIST_EXT: {
        const count = this.#take(4).readUInt32BE();
        const items = Array.from({ length: count }, () => this.term());
        this.term(); // the tail, NIL_EXT for a proper list
        return items;
      }
      case SMALL_TUPLE_EXT:
        return { tuple: Array.from({ length: this.#take(1)[0] ?? 0 }, () => this.term()) };
      default:
        throw new Error(`unsupported term tag ${String(tag)}`);
    }
  }
}

/** A decoded key term as JSON: jiffy's `{[{K, V}]}` is an object, the atoms null, true and false are themselves. */
function toJson(term: unknown): unknown {
  if (Array.isArray(term)) return term.map(toJson);
  if (typeof term !== 'object' || term === null) return term;
  if ('atom' in term) {
    const atom = (term as { atom: string }).atom;
    return atom === 'null' ? null : atom === 'true' ? true : atom === 'false' ? false : atom;
  }
  const [pairs] = (term as { tuple: unknown[] }).tuple;
  const object: Record<string, unknown> = {};
  for (const pair of Array.isArray(pairs) ? pairs : []) {
    const [name, value] = (pair as { tuple: unknown[] }).tuple;
    object[String(name)] = toJson(value);
  }
  return object;
}

/**
 * Reads a bookmark as `mango_json_bookmark.erl` unpack/1 does; undefined for anything CouchDB would refuse with
 * `invalid_bookmark` (not base64url, not a term, or without `startkey` and `startkey_docid`).
 */
export function decodeBookmark(bookmark: string): DecodedBookmark | undefined {
  try {
    let data = Buffer.from(bookmark, 'base64url');
    if (data[0] !== VERSION) return undefined;
    data = data[1] === COMPRESSED ? inflateSync(data.subarray(6)) : data.subarray(1);
    const reader = new TermReader(data);
    const term = reader.term();
    if (!reader.atEnd || !Array.isArray(term)) return undefined;
    const field = (name: string): { found: boolean; value: unknown } => {
      for (const item of term as unknown[]) {
        const tuple = (item as { tuple?: unknown[] }).tuple;
        if (tuple?.length === 2 && (tuple[0] as { atom?: string }).atom === name)
          return { found: true, value: tuple[1] };
      }
      return { found: false, value: undefined };
    };
    const docId = field('startkey_docid');
    const key = field('startkey');
    if (!docId.found || !key.found || typeof docId.value !== 'string') return undefined;
    return { docId: docId.value, key: toJson(key.value) };
  } catch {
    return undefined;
  }
}
