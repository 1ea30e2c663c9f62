/**
 * JSON with object keys sorted at every level. Every endorsing peer must produce the same bytes for the same
 * asset, whatever order its properties were assigned in: otherwise their read/write sets differ and the
 * transaction fails endorsement-policy validation.
 */
export function canonicalJson(value: unknown): string {
  return JSON.stringify(sortKeys(value));
}

function sortKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortKeys);
  if (typeof value === 'object' && value !== null) {
    const entries = Object.entries(value).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return Object.fromEntries(entries.map(([key, child]) => [key, sortKeys(child)]));
  }
  return value;
}
