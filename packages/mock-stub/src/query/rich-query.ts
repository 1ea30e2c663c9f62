/**
 * Rich queries (S-20, S-21). LevelDB refuses them with the peer's message. On CouchDB the query is rewritten as
 * `statecouchdb.go` applyAdditionalQueryOptions does (the peer overrides `limit`, appends `_id` and `~version` to
 * `fields`), then evaluated as CouchDB's `_find` would: Mango selectors via `pouchdb-selector-core` (the matcher
 * PouchDB uses to reproduce CouchDB), `sort`, `skip`, `fields`, and bookmarks. Documents that are not JSON objects
 * are attachments and never match. Without `sort`, results come in `_id` order.
 * A `sort` needs an index that covers it, as CouchDB requires (see `sort-index.ts`).
 */
import { createFieldSorter, getFieldFromDoc, massageSelector, parseField, rowFilter } from 'pouchdb-selector-core';
import type { CouchDbIndexDefinition, StateDatabase } from '../api';
import type { VersionedValue } from '../ledger/versioned-store';
import { ListResultsIterator, type KvResult, type ResultsIterator } from '../internal/results-iterator';
import type { TxSimulator } from '../internal/simulator';
import { asJsonObject } from './couchdb-keys';
import { goJsonDecodeObject, goJsonMarshal } from './go-json';
import { validateSelector } from './mango';
import { checkSortIndex } from './sort-index';

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

function encodeBookmark(key: string): string {
  return Buffer.from(JSON.stringify([key]), 'utf8').toString('base64url');
}

function decodeBookmark(bookmark: string): string | undefined {
  if (bookmark === '' || bookmark === 'nil') return undefined;
  try {
    const decoded: unknown = JSON.parse(Buffer.from(bookmark, 'base64url').toString('utf8'));
    if (Array.isArray(decoded) && typeof decoded[0] === 'string') return decoded[0];
  } catch {
    // fall through
  }
  throw couchError('invalid_bookmark', 400, `Invalid bookmark value: ${JSON.stringify(bookmark)}`);
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
  if (!Number.isInteger(skip) || skip < 0) throw couchError('invalid_argument', 400, 'Invalid value for skip');
  return {
    selector: massageSelector(query.selector),
    ...(query.sort ? { sort: query.sort } : {}),
    ...(query.fields ? { fields: (query.fields as unknown[]).map(String) } : {}),
    skip,
  };
}

function matchingRows(entries: Iterable<[string, VersionedValue]>, query: ParsedQuery): Row[] {
  const fields = Object.keys(query.selector);
  const rows: Row[] = [];
  for (const [key, value] of entries) {
    const doc = asJsonObject(value.value);
    if (doc !== undefined && rowFilter({ ...doc, _id: key }, query.selector, fields)) rows.push({ key, doc });
  }
  if (query.sort && query.sort.length > 0) {
    const sorter = createFieldSorter(query.sort);
    rows.sort((a, b) => sorter({ doc: { ...a.doc, _id: a.key } }, { doc: { ...b.doc, _id: b.key } }));
    const first: unknown = query.sort[0];
    if (typeof first === 'object' && first !== null && Object.values(first)[0] === 'desc') rows.reverse();
  }
  return rows;
}

export function executeRichQuery(request: RichQueryRequest): ResultsIterator<KvResult> {
  if (request.stateDatabase === 'leveldb') {
    const method = request.paginated && request.collection === '' ? 'ExecuteQueryWithMetadata' : 'ExecuteQuery';
    throw new Error(`${method} not supported for leveldb`);
  }
  const query = parseQuery(request.query);
  const sortError = checkSortIndex(query.sort, query.selector, request.indexes);
  if (sortError !== undefined) throw couchError(sortError.error, 400, sortError.reason);
  const { simulator, namespace, collection } = request;
  const store =
    collection === ''
      ? simulator.ledger.state.get(namespace)
      : simulator.options.peerHoldsCollection(namespace, collection)
        ? simulator.ledger.privateData.get(`${namespace}\u0000${collection}`)
        : undefined;
  let rows = store ? matchingRows(store.clone().range('', ''), query).slice(query.skip) : [];
  const after = decodeBookmark(request.bookmark);
  if (after !== undefined) rows = rows.slice(rows.findIndex((row) => row.key === after) + 1);
  if (request.pageSize > 0) rows = rows.slice(0, request.pageSize);
  const results: KvResult[] = rows.map((row) => ({
    key: row.key,
    value: Buffer.from(goJsonMarshal(project(row.doc, query.fields)), 'utf8'),
  }));
  const last = rows[rows.length - 1];
  const bookmark = last ? encodeBookmark(last.key) : request.bookmark || 'nil';
  const onNext =
    collection === '' ? (result: KvResult): void => simulator.recordQueryRead(namespace, result.key) : undefined;
  return new ListResultsIterator(results, onNext, () => bookmark);
}
