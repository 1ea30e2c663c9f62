/**
 * Key order of Fabric's state databases.
 *
 * LevelDB compares keys as raw bytes, and the peer stores keys as UTF-8
 * (`core/ledger/kvledger/txmgmt/statedb/stateleveldb/stateleveldb.go` encodes `ns + 0x00 + key`).
 * UTF-8 byte order equals Unicode code point order, which is *not* JavaScript's `<` on strings:
 * that compares UTF-16 code units, so U+E000..U+FFFF sort after astral characters (surrogates
 * are 0xD800..0xDFFF). Rule S-12 in docs/fabric-semantics.md.
 */
export function compareKeys(a: string, b: string): number {
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) {
    const x = a.charCodeAt(i);
    const y = b.charCodeAt(i);
    if (x === y) continue;
    // Only when both units differ do surrogates matter: a surrogate (a code point >= U+10000)
    // outranks every BMP unit at or above U+E000 in code point order.
    return codePointRank(x) - codePointRank(y);
  }
  return a.length - b.length;
}

/** Maps a UTF-16 code unit to a number that orders like the code point it starts. */
function codePointRank(unit: number): number {
  if (unit >= 0xd800 && unit <= 0xdfff) return unit + 0x2000; // surrogates: above U+FFFF's rank
  if (unit >= 0xe000) return unit - 0x800; // U+E000..U+FFFF: below every surrogate
  return unit;
}
