/**
 * The peer's query response generator (`core/chaincode/query_response_generator.go`) and the query contexts of one
 * chaincode execution: results go to the shim in batches of 100 with `has_more` (S-13), up to the total return
 * limit; a paginated query answers in one response with metadata `{bookmark, fetchedRecordsCount}` (S-14).
 */
import { ledger, peer } from '@hyperledger/fabric-protos';
import { Timestamp } from 'google-protobuf/google/protobuf/timestamp_pb';
import type { HistoryResult, KvResult, ResultsIterator } from './results-iterator';

/** `core/chaincode/handler.go` MaxResultLimit. */
export const MAX_RESULT_LIMIT = 100;

type AnyResult = KvResult | HistoryResult;
type Kind = 'kv' | 'history';

interface QueryContext {
  iterator: ResultsIterator<AnyResult>;
  pending: AnyResult[];
  totalReturnCount: number;
  isPaginated: boolean;
  totalReturnLimit: number;
  kind: Kind;
}

export interface QueryMetadata {
  pageSize: number;
  bookmark: string;
}

export function decodeQueryMetadata(bytes: Uint8Array | undefined): QueryMetadata | undefined {
  if (bytes === undefined || bytes === null) return undefined;
  const metadata = peer.QueryMetadata.deserializeBinary(bytes);
  return { pageSize: metadata.getPagesize(), bookmark: metadata.getBookmark() };
}

/** `handler.go` isMetadataSetForPagination: pageSize 0 with an empty bookmark is an ordinary query (S-14). */
export function isPaginated(metadata: QueryMetadata | undefined): boolean {
  return metadata !== undefined && !(metadata.pageSize === 0 && metadata.bookmark === '');
}

/** `handler.go` calculateTotalReturnLimit: the page size, capped at totalQueryLimit (S-14). */
function calculateTotalReturnLimit(totalQueryLimit: number, metadata: QueryMetadata | undefined): number {
  const pageSize = metadata?.pageSize ?? 0;
  return pageSize > 0 && pageSize < totalQueryLimit ? pageSize : totalQueryLimit;
}

function toResultBytes(kind: Kind, namespace: string, result: AnyResult): peer.QueryResultBytes {
  const bytes = new peer.QueryResultBytes();
  if (kind === 'kv' && 'key' in result) {
    const kv = new ledger.queryresult.KV();
    kv.setNamespace(namespace);
    kv.setKey(result.key);
    kv.setValue(result.value);
    bytes.setResultbytes(kv.serializeBinary());
  } else if ('txId' in result) {
    const modification = new ledger.queryresult.KeyModification();
    modification.setTxId(result.txId);
    modification.setValue(result.value);
    modification.setIsDelete(result.isDelete);
    modification.setTimestamp(Timestamp.fromDate(result.timestamp));
    bytes.setResultbytes(modification.serializeBinary());
  }
  return bytes;
}

export class QueryResponses {
  readonly #queries = new Map<string, QueryContext>();
  #nextId = 0;

  constructor(
    private readonly txId: string,
    private readonly namespace: string,
    private readonly totalQueryLimit: number,
  ) {}

  /** Opens a query context and answers its first response. */
  start(
    iterator: ResultsIterator<AnyResult>,
    paginated: boolean,
    metadata: QueryMetadata | undefined,
    kind: Kind,
  ): peer.QueryResponse {
    const id = `${this.txId}-q${this.#nextId++}`;
    const query: QueryContext = {
      iterator,
      pending: [],
      totalReturnCount: 0,
      isPaginated: paginated,
      totalReturnLimit: calculateTotalReturnLimit(this.totalQueryLimit, metadata),
      kind,
    };
    this.#queries.set(id, query);
    return this.#build(id, query);
  }

  /** `handler.go` HandleQueryStateNext: never paginated, limited by totalQueryLimit. */
  next(id: string): peer.QueryResponse {
    const query = this.#queries.get(id);
    if (query === undefined) throw new Error('query iterator not found');
    query.isPaginated = false;
    query.totalReturnLimit = this.totalQueryLimit;
    return this.#build(id, query);
  }

  /** `handler.go` HandleQueryStateClose. */
  close(id: string): peer.QueryResponse {
    this.#queries.delete(id);
    const response = new peer.QueryResponse();
    response.setHasMore(false);
    response.setId(id);
    return response;
  }

  /** BuildQueryResponse. */
  #build(id: string, query: QueryContext): peer.QueryResponse {
    for (;;) {
      if (query.totalReturnCount >= query.totalReturnLimit) return this.#finish(id, query);
      const result = query.iterator.next();
      if (result === undefined) return this.#finish(id, query);
      if (!query.isPaginated && query.pending.length === MAX_RESULT_LIMIT) {
        const batch = query.pending;
        query.pending = [result];
        query.totalReturnCount++;
        return this.#response(id, query.kind, batch, true);
      }
      query.pending.push(result);
      query.totalReturnCount++;
    }
  }

  /** createQueryResponse: the last batch, with metadata when paginated. */
  #finish(id: string, query: QueryContext): peer.QueryResponse {
    const batch = query.pending;
    query.pending = [];
    this.#queries.delete(id);
    const response = this.#response(id, query.kind, batch, false);
    if (query.isPaginated) {
      const metadata = new peer.QueryResponseMetadata();
      metadata.setBookmark(query.iterator.bookmarkAndClose());
      metadata.setFetchedRecordsCount(query.totalReturnCount);
      response.setMetadata(metadata.serializeBinary());
    }
    return response;
  }

  #response(id: string, kind: Kind, batch: AnyResult[], hasMore: boolean): peer.QueryResponse {
    const response = new peer.QueryResponse();
    response.setResultsList(batch.map((result) => toResultBytes(kind, this.namespace, result)));
    response.setHasMore(hasMore);
    response.setId(id);
    return response;
  }
}
