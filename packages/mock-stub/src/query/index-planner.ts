/**
 * CouchDB's Mango query planner (3.4): which index a `_find` runs on, or why none can. The index decides the order
 * of results without `sort`, which documents a sort can return at all (only those in the index), and the key in
 * the bookmark. Follows `mango_idx.erl` get_usable_indexes, `mango_cursor.erl` create (use_index, allow_fallback),
 * `mango_idx_view.erl` is_usable / can_use_sort / indexable_fields, `mango_idx_special.erl` is_usable (the built-in
 * `_all_docs`), `mango_selector.erl` has_required_fields / is_constant_field, and `mango_cursor_view.erl`
 * choose_best_index. Selectors are in pouchdb-selector-core's massaged form: fields at the top level (or under
 * `$and`), each with its operators.
 */
import type { CouchDbIndexDefinition } from '../api';

/** A JSON index as CouchDB lists it: its design document, name and columns. */
export interface JsonIndex {
  readonly ddoc: string;
  readonly name: string;
  readonly columns: readonly string[];
}

/** The index a query runs on: a JSON index, or `_all_docs` (document ID order). */
export type QueryPlan = { readonly kind: 'json'; readonly index: JsonIndex } | { readonly kind: 'all_docs' };

/** CouchDB's refusal: `error` and `reason`, with HTTP status 400. */
export interface PlanError {
  readonly error: string;
  readonly reason: string;
}

/** What `_find` options say about indexes. */
export interface PlanOptions {
  readonly sort: readonly unknown[] | undefined;
  /** `use_index` as given: a design document name, or `[ddoc, name]`. */
  readonly useIndex: readonly string[];
  /** `allow_fallback`, default true. */
  readonly allowFallback: boolean;
}

type Selector = Record<string, unknown>;

/** Operators a JSON index can serve (`indexable/1`). */
const INDEXABLE = new Set(['$lt', '$lte', '$eq', '$gt', '$gte', '$beginsWith', '$exists']);

/** A sort entry's field: `"size"` or `{"size": "desc"}`. */
export function sortField(entry: unknown): string {
  if (typeof entry === 'string') return entry;
  if (typeof entry === 'object' && entry !== null) return Object.keys(entry)[0] ?? '';
  return '';
}

/** A sort entry's direction, `asc` unless it says `desc`. */
export function sortDirection(entry: unknown): string {
  if (typeof entry === 'object' && entry !== null) return String(Object.values(entry)[0]);
  return 'asc';
}

/** The index definitions deployed for a namespace, as CouchDB names them (`_design/` + ddoc). */
export function jsonIndexes(definitions: readonly CouchDbIndexDefinition[]): JsonIndex[] {
  return definitions.map((definition) => {
    const name = definition.name ?? '';
    const ddoc = definition.ddoc ?? name;
    return {
      ddoc: ddoc.startsWith('_design/') ? ddoc : `_design/${ddoc}`,
      name,
      columns: definition.index.fields.map(sortField),
    };
  });
}

/** Top-level field conditions, seeing through `$and` as CouchDB's normalized form does. */
function fieldConditions(selector: Selector): [string, unknown][] {
  const out: [string, unknown][] = [];
  for (const [field, condition] of Object.entries(selector)) {
    if (field === '$and' && Array.isArray(condition)) {
      for (const part of condition) if (isObject(part)) out.push(...fieldConditions(part));
    } else if (!field.startsWith('$')) out.push([field, condition]);
  }
  return out;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function operators(condition: unknown): string[] {
  return isObject(condition) ? Object.keys(condition).filter((key) => key.startsWith('$')) : ['$eq'];
}

/** has_required_fields: the fields every matching document has (all but `$exists: false`; `$or` needs all branches). */
function requiredFields(selector: Selector): Set<string> {
  const required = new Set<string>();
  for (const [field, condition] of fieldConditions(selector)) {
    if (operators(condition).some((op) => !(op === '$exists' && isObject(condition) && condition.$exists === false))) {
      required.add(field);
    }
  }
  const branches = selector.$or;
  if (Array.isArray(branches) && branches.length > 0) {
    const sets = branches.map((branch) => (isObject(branch) ? requiredFields(branch) : new Set<string>()));
    for (const field of sets[0] ?? []) if (sets.every((set) => set.has(field))) required.add(field);
  }
  return required;
}

/** is_constant_field: the selector pins the field to one value (`$eq`). */
function isConstantField(selector: Selector, field: string): boolean {
  return fieldConditions(selector).some(([name, condition]) => name === field && operators(condition).includes('$eq'));
}

/** indexable_fields: the fields with a condition an index range can serve. */
function indexableFields(selector: Selector): string[] {
  const fields = new Set<string>();
  for (const [field, condition] of fieldConditions(selector)) {
    if (operators(condition).some((op) => INDEXABLE.has(op))) fields.add(field);
  }
  return [...fields].sort();
}

/** can_use_sort: the sort fields are a prefix of the columns once leading constant columns are skipped. */
function canUseSort(columns: readonly string[], sortFields: readonly string[], selector: Selector): boolean {
  if (sortFields.length === 0) return true;
  const [first, ...rest] = columns;
  if (first === undefined) return false;
  if (first === sortFields[0]) return sortFields.every((field, i) => columns[i] === field);
  return isConstantField(selector, first) && canUseSort(rest, sortFields, selector);
}

function jsonUsable(
  index: JsonIndex,
  selector: Selector,
  required: ReadonlySet<string>,
  sortFields: readonly string[],
): boolean {
  const needed = index.columns.filter((c) => !sortFields.includes(c) && c !== '_id' && c !== '_rev');
  return needed.every((column) => required.has(column)) && canUseSort(index.columns, sortFields, selector);
}

/** `_all_docs` serves any selector without a sort, and a sort by `_id` when the selector constrains `_id`. */
function allDocsUsable(selector: Selector, sortFields: readonly string[]): boolean {
  if (sortFields.length === 0) return true;
  return indexableFields(selector).includes('_id') && canUseSort(['_id'], sortFields, selector);
}

/** choose_best_index: the closest composite prefix, then the fewest columns, then (ddoc, name). */
function chooseBest(indexes: readonly JsonIndex[], selector: Selector): JsonIndex | undefined {
  const ranges = indexableFields(selector);
  const prefixDifference = (index: JsonIndex): number => {
    let prefix = 0;
    while (prefix < index.columns.length && ranges.includes(index.columns[prefix] ?? '')) prefix += 1;
    return ranges.length - prefix;
  };
  return [...indexes].sort(
    (a, b) =>
      prefixDifference(a) - prefixDifference(b) ||
      a.columns.length - b.columns.length ||
      compareText(a.ddoc, b.ddoc) ||
      compareText(a.name, b.name),
  )[0];
}

function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** The design document `use_index` names, with `_design/` added as filter_indexes adds it. */
function designId(name: string): string {
  return name.startsWith('_design/') ? name : `_design/${name}`;
}

/**
 * Plans a query: the index CouchDB runs it on, or its error. A `use_index` that names no usable index falls back to
 * the usable ones (CouchDB adds a warning, which the peer only logs) unless `allow_fallback` is false.
 */
export function planQuery(
  selector: Selector,
  indexes: readonly JsonIndex[],
  options: PlanOptions,
): QueryPlan | PlanError {
  const sortFields = (options.sort ?? []).map(sortField);
  const required = requiredFields(selector);
  const usable: QueryPlan[] = indexes
    .filter((index) => jsonUsable(index, selector, required, sortFields))
    .map((index) => ({ kind: 'json', index }));
  if (allDocsUsable(selector, sortFields)) usable.push({ kind: 'all_docs' });
  if (usable.length === 0) {
    return { error: 'no_usable_index', reason: 'No index exists for this sort, try indexing by the sort fields.' };
  }
  const [ddoc, name] = options.useIndex;
  const chosen =
    ddoc === undefined
      ? []
      : usable.filter(
          (plan) =>
            plan.kind === 'json' &&
            plan.index.ddoc === designId(ddoc) &&
            (name === undefined || plan.index.name === name),
        );
  let candidates = chosen;
  if (candidates.length === 0) {
    if (!options.allowFallback && !(ddoc === undefined && usable.length > 1)) {
      const named = ddoc === undefined ? '' : `${designId(ddoc)}${name === undefined ? '' : `, ${name}`}`;
      return {
        error: 'invalid_index',
        reason:
          ddoc === undefined
            ? 'You must specify an index with the `use_index` parameter.'
            : `${named} specified by \`use_index\` could not be found or it is not suitable.`,
      };
    }
    candidates = usable;
  }
  const json = candidates.flatMap((plan) => (plan.kind === 'json' ? [plan.index] : []));
  const best = chooseBest(json, selector);
  return best === undefined ? { kind: 'all_docs' } : { kind: 'json', index: best };
}
