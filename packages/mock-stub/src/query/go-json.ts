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

/** Decodes a query string into an object, failing with `encoding/json`'s messages for the common cases. */
export function goJsonDecodeObject(text: string): Record<string, unknown> {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    const trimmed = text.trimStart();
    if (trimmed === '') throw new Error('EOF');
    throw new Error(goSyntaxError(trimmed));
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
    const kind = Array.isArray(parsed) ? 'array' : parsed === null ? 'null' : typeof parsed;
    if (kind === 'null') return {};
    throw new Error(`json: cannot unmarshal ${kind} into Go value of type map[string]interface {}`);
  }
  return parsed as Record<string, unknown>;
}

const LITERALS: Readonly<Record<string, string>> = { t: 'true', f: 'false', n: 'null' };

/** `encoding/json` scanner messages for a bad start of value or a broken literal; otherwise "unexpected EOF". */
function goSyntaxError(text: string): string {
  const first = text[0] ?? '';
  const literal = LITERALS[first];
  if (literal !== undefined) {
    for (let i = 1; i < literal.length; i++) {
      const c = text[i];
      if (c === undefined) return 'unexpected EOF';
      if (c !== literal[i]) return `invalid character '${c}' in literal ${literal} (expecting '${literal[i]}')`;
    }
  }
  if (!/[{["\d\-tfn]/.test(first)) return `invalid character '${first}' looking for beginning of value`;
  return 'unexpected EOF';
}
