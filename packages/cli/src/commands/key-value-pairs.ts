/**
 * `k=v` options (`--attr role=auditor`, `--transient asset_properties={"...":1}`): parsed into a record, refusing a
 * pair without `=`, with an empty key, or a key given twice.
 */
import { InvalidFlagError } from './network-errors';

/** Commander's collector for a repeatable `k=v` option: keeps every value as given, checked later by {@link pairsOf}. */
export function collectPair(value: string, previous: readonly string[] = []): string[] {
  return [...previous, value];
}

/** The pairs as a record; the value is everything after the first `=` (so values may hold `=` and JSON). */
export function pairsOf(flag: string, values: readonly string[] | undefined): Record<string, string> {
  const pairs: Record<string, string> = {};
  for (const value of values ?? []) {
    const at = value.indexOf('=');
    if (at <= 0) throw new InvalidFlagError(flag, value, 'KEY=VALUE with a non-empty key (for example role=auditor)');
    const key = value.slice(0, at);
    if (key in pairs) throw new InvalidFlagError(flag, value, `given once per key (${key} is given twice)`);
    pairs[key] = value.slice(at + 1);
  }
  return pairs;
}
