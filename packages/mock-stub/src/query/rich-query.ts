/**
 * Rich queries (S-20, S-21, S-22). LevelDB refuses them with the peer's message. On CouchDB the query is rewritten as
 * `statecouchdb.go` applyAdditionalQueryOptions does (the peer overrides `limit`, appends `_id` and `~version` to
 * `fields`), then evaluated as CouchDB's `_find` would: Mango selectors via `pouchdb-selector-core` (the matcher
 * PouchDB uses to reproduce CouchDB) with CouchDB's ICU collation (`couchdb-collation.ts`), the index CouchDB's
 * planner picks (`index-planner.ts`: it orders the results, limits a sort to the documents in the index, and is
 * named in the bookmark), `sort`, `skip`, `fields`, and CouchDB's own bookmarks (`couchdb-bookmark.ts`). Documents
 * that are not JSON objects are attachments and never match.
 */
import { getFieldFromDoc, massageSelector, parseField, rowFilter } from 'pouchdb-selector-core';
import type { CouchDbIndexDefinition, StateDatabase } from '../api';
import type { VersionedValue } from '../ledger/versioned-store';
import { ListResultsIterator, type KvResult, type ResultsIterator } from '../internal/results-iterator';
import type { TxSimulator } from '../internal/simulator';
import { asJsonObject } from './couchdb-keys';
import { goJsonDecodeObject, goJsonMarshal } from './go-json';
import { validateSelector } from './mango';
import { decodeBookmark, encodeBookmark } from './couchdb-bookmark';
import { couchCollate, useCouchDbCollation } from './couchdb-collation';
import { jsonIndexes, planQuery, sortDirection, type QueryPlan } from './index-planner';

useCouchDbCollation();

export interface RichQueryRequest {
  stateDatabase: StateDatabase;
  /** Indexes deployed for the namespace or collection being queried. */
  indexes: readonly CouchDbIndexDefinition[];
  simulator: TxSimulator;
  namespace: string;
  collection: string;
  query: string;
  bookmark: string;
  pageSize: number;
  paginated: boolean;
}

interface Row {
  key: string;
  doc: Record<string, unknown>;
}

function couchError(error: string, status: number, reason: string): Error {
  return new Error(`error handling CouchDB request. Error:${error},  Status Code:${status},  Reason:${reason}`);
}

/** The row after which a bookmark continues, as `mango_json_bookmark.erl` update_args reads it. */
function bookmarkStart(bookmark: string): { docId: string; key: unknown } | undefined {
  if (bookmark === '' || bookmark === 'nil') return undefined;
  const decoded = decodeBookmark(bookmark);
  if (decoded === undefined) {
    throw couchError('invalid_bookmark', 400, `Invalid bookmark value: ${JSON.stringify(bookmark)}`);
  }
  return decoded;
}

function project(doc: Record<string, unknown>, fields: string[] | undefined): Record<string, unknown> {
  if (fields === undefined) return doc;
  const result: Record<string, unknown> = {};
  for (const field of fields) {
    const path = parseField(field);
    const value = getFieldFromDoc(doc, path);
    if (value === undefined) continue;
    let target = result;
    path.forEach((part, i) => {
      if (i === path.length - 1) target[part] = value;
      else target = (target[part] ??= {}) as Record<string, unknown>;
    });
  }
  return result;
}

interface ParsedQuery {
  selector: Record<string, unknown>;
  sort?: unknown[];
  fields?: string[];
  skip: number;
  useIndex: string[];
  allowFallback: boolean;
}

/** `allow_fallback`: a boolean, default true (`mango_opts.erl` is_boolean). */
function parseAllowFallback(value: unknown): boolean {
  if (value === undefined) return true;
  if (typeof value !== 'boolean')
    throw couchError('invalid_boolean', 400, `Invalid boolean value: ${JSON.stringify(value)}`);
  return value;
}

/** `mango_opts.erl` validate_use_index: a string `ddoc`, `_design/ddoc`, `ddoc/name`, or a list of one or two. */
function parseUseIndex(value: unknown): string[] {
  if (value === undefined || value === null) return [];
  if (typeof value === 'string') {
    const parts = value.split('/');
    if (parts.length === 1) return parts;
    if (parts.length === 2) return parts[0] === '_design' ? [parts[1] ?? ''] : parts;
    if (parts.length === 3 && parts[0] === '_design') return parts.slice(1);
  } else if (Array.isArray(value) && value.length <= 2 && value.every((part) => typeof part === 'string')) {
    return value;
  }
  throw couchError('invalid_index_name', 400, `Invalid index name: ${JSON.stringify(value)}`);
}

function parseQuery(text: string): ParsedQuery {
  const query = goJsonDecodeObject(text);
  if (query.fields !== undefined && !Array.isArray(query.fields)) throw new Error('fields definition must be an array');
  if (query.selector === undefined) throw couchError('missing_required_key', 400, 'Missing required key: selector');
  if (typeof query.selector !== 'object' || query.selector === null || Array.isArray(query.selector)) {
    throw couchError('invalid_selector_json', 400, 'Selector must be a JSON object');
  }
  validateSelector(query.selector, (error, reason) => couchError(error, 400, reason));
  if (query.sort !== undefined && !Array.isArray(query.sort)) {
    throw couchError(
      'invalid_sort_json',
      400,
      `Sort must be an array of sort specs, not: ${JSON.stringify(query.sort)}`,
    );
  }
  const skip = query.skip === undefined ? 0 : Number(query.skip);
  // mango_opts.erl is_non_neg_integer
  if (!Number.isInteger(skip) || skip < 0) {
    throw couchError(
      'invalid_non_neg_integer',
      400,
      `${JSON.stringify(query.skip)} is not an integer greater than or equal to zero`,
    );
  }
  const allowFallback = parseAllowFallback(query.allow_fallback);
  return {
    selector: massageSelector(query.selector),
    ...(query.sort ? { sort: query.sort } : {}),
    ...(query.fields ? { fields: (query.fields as unknown[]).map(String) } : {}),
    skip,
    useIndex: parseUseIndex(query.use_index),
    allowFallback,
  };
}

/** The key of a document in the plan's index, or undefined when the index does not hold it (a column is missing). */
function indexKey(plan: QueryPlan, row: Row): unknown {
  if (plan.kind === 'all_docs') return row.key;
  const key = plan.index.columns.map((column) => getFieldFromDoc({ ...row.doc, _id: row.key }, parseField(column)));
  return key.includes(undefined) ? undefined : key;
}

/**
 * The matching documents in the order CouchDB reads them from the planned index: by index key, then document ID
 * (both in CouchDB's collation; `_all_docs` by ID), reversed for a descending sort.
 */
function matchingRows(entries: Iterable<[string, VersionedValue]>, query: ParsedQuery, plan: QueryPlan): IndexedRow[] {
  const fields = Object.keys(query.selector);
  const rows: IndexedRow[] = [];
  for (const [key, value] of entries) {
    const doc = asJsonObject(value.value);
    if (doc === undefined || !rowFilter({ ...doc, _id: key }, query.selector, fields)) continue;
    const row = { key, doc };
    const indexed = indexKey(plan, row);
    if (indexed !== undefined) rows.push({ ...row, indexKey: indexed });
  }
  rows.sort((a, b) => couchCollate(a.indexKey, b.indexKey) || (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
  const first = query.sort?.[0];
  if (first !== undefined && sortDirection(first) === 'desc') rows.reverse();
  return rows;
}

interface IndexedRow extends Row {
  readonly indexKey: unknown;
}

/** Skips to the row after the bookmark's, in the index's order (`mango_json_bookmark.erl` update_args: start key, skip 1). */
function afterBookmark(rows: IndexedRow[], start: { docId: string; key: unknown }): IndexedRow[] {
  const index = rows.findIndex((row) => row.key === start.docId && couchCollate(row.indexKey, start.key) === 0);
  return index < 0 ? rows : rows.slice(index + 1);
}

export function executeRichQuery(request: RichQueryRequest): ResultsIterator<KvResult> {
  if (request.stateDatabase === 'leveldb') {
    const method = request.paginated && request.collection === '' ? 'ExecuteQueryWithMetadata' : 'ExecuteQuery';
    throw new Error(`${method} not supported for leveldb`);
  }
  const query = parseQuery(request.query);
  const mixedSort = query.sort !== undefined && new Set(query.sort.map(sortDirection)).size > 1;
  if (mixedSort) {
    throw couchError('unsupported_mixed_sort', 400, 'Sorts currently only support a single direction for all fields.');
  }
  const plan = planQuery(query.selector, jsonIndexes(request.indexes), {
    sort: query.sort,
    useIndex: query.useIndex,
    allowFallback: query.allowFallback,
  });
  if ('error' in plan) throw couchError(plan.error, 400, plan.reason);
  const { simulator, namespace, collection } = request;
  const store =
    collection === ''
      ? simulator.ledger.state.get(namespace)
      : simulator.options.peerHoldsCollection(namespace, collection)
        ? simulator.ledger.privateData.get(`${namespace}\u0000${collection}`)
        : undefined;
  let rows = store ? matchingRows(store.clone().range('', ''), query, plan) : [];
  const start = bookmarkStart(request.bookmark);
  if (start !== undefined) rows = afterBookmark(rows, start);
  rows = rows.slice(query.skip);
  if (request.pageSize > 0) rows = rows.slice(0, request.pageSize);
  const results: KvResult[] = rows.map((row) => ({
    key: row.key,
    value: Buffer.from(goJsonMarshal(project(row.doc, query.fields)), 'utf8'),
  }));
  const last = rows[rows.length - 1];
  const bookmark = last ? encodeBookmark(last.key, last.indexKey as never) : request.bookmark || 'nil';
  const onNext =
    collection === '' ? (result: KvResult): void => simulator.recordQueryRead(namespace, result.key) : undefined;
  return new ListResultsIterator(results, onNext, () => bookmark);
}
