/**
 * CouchDB only sorts through an index (`mango_cursor.erl`, `mango_idx_view.erl` is_usable): every sort field must
 * be covered, in order, by a JSON index whose fields the selector constrains, and all sort directions must agree.
 * Sorting by `_id` alone uses the built-in `_all_docs` index. Returns CouchDB's error, or undefined when usable.
 */
import type { CouchDbIndexDefinition } from '../api';

function fieldName(entry: unknown): string {
  if (typeof entry === 'string') return entry;
  if (typeof entry === 'object' && entry !== null) return Object.keys(entry)[0] ?? '';
  return '';
}

function direction(entry: unknown): string {
  if (typeof entry === 'object' && entry !== null) return String(Object.values(entry)[0]);
  return 'asc';
}

function usable(
  index: CouchDbIndexDefinition,
  sortFields: readonly string[],
  selectorFields: ReadonlySet<string>,
): boolean {
  const columns = index.index.fields.map(fieldName);
  if (!columns.every((column) => selectorFields.has(column))) return false;
  return sortFields.every((field, i) => columns[i] === field);
}

export function checkSortIndex(
  sort: readonly unknown[] | undefined,
  selector: Record<string, unknown>,
  indexes: readonly CouchDbIndexDefinition[],
): { error: string; reason: string } | undefined {
  if (sort === undefined || sort.length === 0) return undefined;
  if (new Set(sort.map(direction)).size > 1) {
    return {
      error: 'unsupported_mixed_sort',
      reason: 'Sorts currently only support a single direction for all fields.',
    };
  }
  const sortFields = sort.map(fieldName);
  if (sortFields.length === 1 && sortFields[0] === '_id') return undefined;
  const selectorFields = new Set(Object.keys(selector).filter((field) => !field.startsWith('$')));
  if (indexes.some((index) => usable(index, sortFields, selectorFields))) return undefined;
  return { error: 'no_usable_index', reason: 'No index exists for this sort, try indexing by the sort field.' };
}
