/**
 * JSON the way the peer's Go code handles it: `json.Marshal` of a map sorts keys and escapes `<`, `>`, `&`,
 * U+2028 and U+2029 (CouchDB peers hand JSON values back in this form), and `json.Decoder` error texts for
 * malformed queries.
 */

/** `encoding/json` Marshal of a decoded document: keys sorted at every level, HTML-safe escaping. */
export function goJsonMarshal(value: unknown): string {
  return JSON.stringify(sortKeys(value)).replace(
    /[<>&\u2028\u2029]/g,
    (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`,
  );
}

function sortKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortKeys);
  if (typeof value !== 'object' || value === null) return value;
  const sorted: Record<string, unknown> = {};
  for (const key of Object.keys(value).sort()) sorted[key] = sortKeys((value as Record<string, unknown>)[key]);
  return sorted;
}

/**
 * Decodes a query string as the peer does (`statecouchdb.go` applyAdditionalQueryOptions: `json.NewDecoder`,
 * `Decode` into `map[string]any`): the first JSON value only, text after a complete object or array ignored, a
 * syntax error with `encoding/json`'s scanner message, `unexpected EOF` for a value cut short, `EOF` for no value,
 * and a `null` as an empty map. Checked against Go itself (`test/query/go-json.test.ts`).
 */
export function goJsonDecodeObject(text: string): Record<string, unknown> {
  const bytes = Buffer.from(text, 'utf8');
  const end = new GoJsonScanner(bytes).firstValueEnd();
  const parsed: unknown = JSON.parse(bytes.subarray(0, end).toString('utf8'));
  if (parsed === null) return {};
  if (typeof parsed !== 'object' || Array.isArray(parsed)) {
    const kind = Array.isArray(parsed) ? 'array' : typeof parsed;
    throw new Error(`json: cannot unmarshal ${kind} into Go value of type map[string]interface {}`);
  }
  return parsed as Record<string, unknown>;
}

/** `encoding/json`'s `quoteChar`: the offending byte as Go quotes it in a SyntaxError. */
function quoteChar(c: number): string {
  if (c === 0x27) return "'\\''";
  if (c === 0x22) return `'"'`;
  const printable = (c >= 0x20 && c < 0x7f) || (c >= 0xa1 && c !== 0xad);
  if (printable) return `'${String.fromCharCode(c)}'`;
  const named: Readonly<Record<number, string>> = { 7: 'a', 8: 'b', 9: 't', 10: 'n', 11: 'v', 12: 'f', 13: 'r' };
  const escape = named[c];
  if (escape !== undefined) return `'\\${escape}'`;
  return c < 0x80 ? `'\\x${c.toString(16).padStart(2, '0')}'` : `'\\u${c.toString(16).padStart(4, '0')}'`;
}

const isSpace = (c: number | undefined): boolean => c === 0x20 || c === 0x09 || c === 0x0a || c === 0x0d;
const isDigit = (c: number | undefined): boolean => c !== undefined && c >= 0x30 && c <= 0x39;
const isHex = (c: number | undefined): boolean =>
  c !== undefined && (isDigit(c) || (c >= 0x61 && c <= 0x66) || (c >= 0x41 && c <= 0x46));

/** A recursive-descent form of `encoding/json/scanner.go`, as `Decoder.readValue` drives it. */
class GoJsonScanner {
  #i = 0;

  constructor(private readonly bytes: Buffer) {}

  /** Where the first value ends (its last byte + 1), or throws the error `Decode` returns. */
  firstValueEnd(): number {
    this.#skipSpace();
    if (this.#i >= this.bytes.length) throw new Error('EOF');
    // Whatever follows the first value is left for a next Decode call, which the peer never makes
    // (stateEndTop records "after top-level value" for that next call only).
    this.#value();
    return this.#i;
  }

  #peek(): number | undefined {
    return this.bytes[this.#i];
  }

  /** The next byte; at the end of the text the value is cut short. */
  #next(): number {
    const c = this.bytes[this.#i];
    if (c === undefined) throw new Error('unexpected EOF');
    this.#i++;
    return c;
  }

  #fail(c: number, context: string): never {
    throw new Error(`invalid character ${quoteChar(c)} ${context}`);
  }

  #skipSpace(): void {
    while (isSpace(this.#peek())) this.#i++;
  }

  /** Scans one value. */
  #value(): void {
    this.#skipSpace();
    const c = this.#next();
    if (c === 0x7b) this.#object();
    else if (c === 0x5b) this.#array();
    else if (c === 0x22) this.#string();
    else if (c === 0x2d || isDigit(c)) this.#number(c);
    else if (c === 0x74) this.#literal('true');
    else if (c === 0x66) this.#literal('false');
    else if (c === 0x6e) this.#literal('null');
    else this.#fail(c, 'looking for beginning of value');
  }

  #object(): void {
    this.#skipSpace();
    if (this.#peek() === 0x7d) {
      this.#i++;
      return;
    }
    for (;;) {
      this.#skipSpace();
      const quote = this.#next();
      if (quote !== 0x22) this.#fail(quote, 'looking for beginning of object key string');
      this.#string();
      this.#skipSpace();
      const colon = this.#next();
      if (colon !== 0x3a) this.#fail(colon, 'after object key');
      this.#value();
      this.#skipSpace();
      const after = this.#next();
      if (after === 0x7d) return;
      if (after !== 0x2c) this.#fail(after, 'after object key:value pair');
    }
  }

  #array(): void {
    this.#skipSpace();
    if (this.#peek() === 0x5d) {
      this.#i++;
      return;
    }
    for (;;) {
      this.#value();
      this.#skipSpace();
      const after = this.#next();
      if (after === 0x5d) return;
      if (after !== 0x2c) this.#fail(after, 'after array element');
    }
  }

  #string(): void {
    for (;;) {
      const c = this.#next();
      if (c === 0x22) return;
      if (c < 0x20) this.#fail(c, 'in string literal');
      if (c !== 0x5c) continue;
      const escape = this.#next();
      if (escape === 0x75) {
        for (let k = 0; k < 4; k++) {
          const h = this.#next();
          if (!isHex(h)) this.#fail(h, 'in \\u hexadecimal character escape');
        }
      } else if (!'bfnrt\\/"'.includes(String.fromCharCode(escape))) {
        this.#fail(escape, 'in string escape code');
      }
    }
  }

  /** A number; its end is the first byte that cannot continue it (not consumed). */
  #number(first: number): void {
    let c: number | undefined = first;
    if (c === 0x2d) {
      c = this.#next();
      if (!isDigit(c)) this.#fail(c, 'in numeric literal');
    }
    if (c !== 0x30) while (isDigit(this.#peek())) this.#i++;
    if (this.#peek() === 0x2e) {
      this.#i++;
      const d = this.#next();
      if (!isDigit(d)) this.#fail(d, 'after decimal point in numeric literal');
      while (isDigit(this.#peek())) this.#i++;
    }
    const e = this.#peek();
    if (e === 0x65 || e === 0x45) {
      this.#i++;
      let d = this.#next();
      if (d === 0x2b || d === 0x2d) d = this.#next();
      if (!isDigit(d)) this.#fail(d, 'in exponent of numeric literal');
      while (isDigit(this.#peek())) this.#i++;
    }
  }

  #literal(word: string): void {
    for (let k = 1; k < word.length; k++) {
      const c = this.#next();
      if (c !== word.charCodeAt(k)) this.#fail(c, `in literal ${word} (expecting '${word[k] ?? ''}')`);
    }
  }
}
