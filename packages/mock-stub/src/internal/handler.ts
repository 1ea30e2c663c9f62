/**
 * The peer's side of the chaincode conversation (`core/chaincode/handler.go`), answering fabric-shim's own
 * `ChaincodeStub` through the methods it calls on its handler. Return values have exactly the shapes fabric-shim's
 * `handler.js` parseResponse produces (Buffers, `{iterator, metadata}`, `QueryResponse` protobufs), and errors are
 * the peer's text wrapped as `handleMessage` does: "<TYPE> failed: transaction ID: <txid>: <error>".
 *
 * Why not the real `ChaincodeMessageHandler` over an in-memory stream: it would encode and decode every message
 * and log each transaction at info level; answering its handler interface keeps the stub, iterators, creator,
 * transient map and timestamps the real ones at a fraction of the cost. Message encoding effects that matter
 * (string and bytes coercion) are applied by `wire.ts`.
 */
import { ledger, peer } from '@hyperledger/fabric-protos';
import { HistoryQueryIterator, StateQueryIterator } from 'fabric-shim/lib/iterators';
import type { ChaincodeResponse } from '../api';
import { noSuchCollection, wrapHandlerError } from './peer-errors';
import type { HistoryResult, KvResult, ResultsIterator } from './results-iterator';
import type { TxSimulator } from './simulator';
import { wireBytes, wireString } from './wire';
import { Timestamp } from 'google-protobuf/google/protobuf/timestamp_pb';

/** `core/chaincode/handler.go` MaxResultLimit: results reach the shim in batches of 100 (S-13). */
export const MAX_RESULT_LIMIT = 100;

export interface CollectionAccess {
  exists: boolean;
  read: boolean;
  write: boolean;
}

/** What one chaincode execution (one namespace within a transaction) needs from the channel. */
export interface ExecutionContext {
  readonly channel: string;
  readonly txId: string;
  readonly namespace: string;
  readonly isInit: boolean;
  readonly simulator: TxSimulator;
  readonly totalQueryLimit: number;
  readonly historyEnabled: boolean;
  readonly purgeEnabled: boolean;
  /** `RetrieveReadWritePermission` for the proposal's creator (`core/common/privdata/store.go`, S-51). */
  collectionAccess(collection: string): CollectionAccess;
  history(key: string): HistoryResult[];
  executeQuery(
    collection: string,
    query: string,
    bookmark: string,
    pageSize: number,
    paginated: boolean,
  ): ResultsIterator<KvResult>;
  invokeChaincode(target: string, args: Buffer[]): Promise<ChaincodeResponse>;
}

type AnyResult = KvResult | HistoryResult;

interface QueryContext {
  iterator: ResultsIterator<AnyResult>;
  pending: AnyResult[];
  totalReturnCount: number;
  isPaginated: boolean;
  totalReturnLimit: number;
  kind: 'kv' | 'history';
}

const EMPTY = Buffer.alloc(0);
const PRIVATE_IN_INIT = 'private data APIs are not allowed in chaincode Init()';

export class PeerHandler {
  readonly #queries = new Map<string, QueryContext>();
  #nextQueryId = 0;

  constructor(readonly context: ExecutionContext) {}

  async #answer<T>(type: string, work: () => T | Promise<T>): Promise<T> {
    try {
      return await work();
    } catch (err) {
      throw wrapHandlerError(type, this.context.txId, err);
    }
  }

  #checkPrivate(collection: string, mode: 'read' | 'write'): void {
    if (this.context.isInit) throw new Error(PRIVATE_IN_INIT);
    const access = this.context.collectionAccess(collection);
    const { channel, namespace } = this.context;
    if (!access.exists) throw new Error(noSuchCollection(channel, namespace, collection));
    if (!access[mode]) {
      throw new Error(
        `tx creator does not have ${mode} access permission on privatedata in chaincodeName:${namespace} collectionName: ${collection}`,
      );
    }
  }

  handleGetState(collection: string, key: string): Promise<Buffer> {
    return this.#answer('GET_STATE', () => {
      const { simulator, namespace } = this.context;
      const k = wireString(key);
      if (collection === '') return simulator.getState(namespace, k) ?? EMPTY;
      this.#checkPrivate(collection, 'read');
      return simulator.getPrivateData(namespace, collection, k) ?? EMPTY;
    });
  }

  handlePutState(collection: string, key: string, value: unknown): Promise<Buffer> {
    const bytes = wireBytes(value); // the shim fails here, before anything reaches the peer
    return this.#answer('PUT_STATE', () => {
      const { simulator, namespace } = this.context;
      const k = wireString(key);
      if (collection === '') {
        simulator.setState(namespace, k, bytes);
      } else {
        this.#checkPrivate(collection, 'write');
        simulator.setPrivateData(namespace, collection, k, bytes);
      }
      return EMPTY;
    });
  }

  handleDeleteState(collection: string, key: string): Promise<Buffer> {
    return this.#answer('DEL_STATE', () => {
      const { simulator, namespace } = this.context;
      const k = wireString(key);
      if (collection === '') {
        simulator.deleteState(namespace, k);
      } else {
        this.#checkPrivate(collection, 'write');
        simulator.deletePrivateData(namespace, collection, k);
      }
      return EMPTY;
    });
  }

  handlePurgeState(collection: string, key: string): Promise<Buffer> {
    return this.#answer('PURGE_PRIVATE_DATA', () => {
      if (!this.context.purgeEnabled) {
        throw new Error(
          'purge private data is not enabled, channel application capability of V2_5 or later is required',
        );
      }
      if (collection === '') throw new Error('only applicable for private data');
      this.#checkPrivate(collection, 'write');
      this.context.simulator.purgePrivateData(this.context.namespace, collection, wireString(key));
      return EMPTY;
    });
  }

  handlePutStateMetadata(collection: string, key: string, metakey: string, ep: unknown): Promise<Buffer> {
    const value = wireBytes(ep);
    return this.#answer('PUT_STATE_METADATA', () => {
      const { simulator, namespace } = this.context;
      const entries = new Map([[metakey, value]]);
      if (collection === '') {
        simulator.setStateMetadata(namespace, wireString(key), entries);
      } else {
        this.#checkPrivate(collection, 'write');
        simulator.setPrivateDataMetadata(namespace, collection, wireString(key), entries);
      }
      return EMPTY;
    });
  }

  handleGetStateMetadata(collection: string, key: string): Promise<Record<string, Uint8Array>> {
    return this.#answer('GET_STATE_METADATA', () => {
      const { simulator, namespace } = this.context;
      let metadata: ReadonlyMap<string, Buffer>;
      if (collection === '') {
        metadata = simulator.getStateMetadata(namespace, wireString(key));
      } else {
        this.#checkPrivate(collection, 'read');
        metadata = simulator.getPrivateDataMetadata(namespace, collection, wireString(key));
      }
      const result: Record<string, Uint8Array> = {};
      for (const [name, value] of metadata) result[name] = new Uint8Array(value);
      return result;
    });
  }

  /** No read-permission check: `HandleGetPrivateDataHash` skips it (S-51). */
  handleGetPrivateDataHash(collection: string, key: string): Promise<Buffer> {
    return this.#answer('GET_PRIVATE_DATA_HASH', () => {
      if (this.context.isInit) throw new Error(PRIVATE_IN_INIT);
      return this.context.simulator.getPrivateDataHash(this.context.namespace, collection, wireString(key)) ?? EMPTY;
    });
  }

  handleGetStateByRange(
    collection: string,
    startKey: string,
    endKey: string,
    _channel: string,
    _txId: string,
    metadataBytes?: Uint8Array,
  ): Promise<{ iterator: StateQueryIterator; metadata?: { bookmark: string; fetchedRecordsCount: number } }> {
    return this.#answer('GET_STATE_BY_RANGE', () => {
      const { simulator, namespace } = this.context;
      const metadata = decodeQueryMetadata(metadataBytes);
      const start = wireString(startKey);
      const end = wireString(endKey ?? '');
      let iterator: ResultsIterator<KvResult>;
      const paginated = isPaginated(metadata);
      if (collection !== '') {
        this.#checkPrivate(collection, 'read');
        iterator = simulator.privateRangeScan(namespace, collection, start, end);
      } else if (paginated) {
        iterator = simulator.rangeScanWithPagination(
          namespace,
          metadata?.bookmark || start,
          end,
          metadata?.pageSize ?? 0,
        );
      } else {
        iterator = simulator.rangeScan(namespace, start, end);
      }
      return this.#startQuery(iterator, paginated, metadata, 'kv');
    });
  }

  handleGetQueryResult(
    collection: string,
    query: string,
    metadataBytes: Uint8Array | null | undefined,
  ): Promise<{ iterator: StateQueryIterator; metadata?: { bookmark: string; fetchedRecordsCount: number } }> {
    return this.#answer('GET_QUERY_RESULT', () => {
      const metadata = decodeQueryMetadata(metadataBytes ?? undefined);
      const paginated = isPaginated(metadata);
      if (collection !== '') {
        this.#checkPrivate(collection, 'read');
        this.context.simulator.checkBeforePvtdataQueries();
      } else if (paginated) {
        this.context.simulator.beginPaginatedQuery();
      }
      const iterator = this.context.executeQuery(
        collection,
        wireString(query),
        metadata?.bookmark ?? '',
        metadata?.pageSize ?? 0,
        paginated,
      );
      return this.#startQuery(iterator, paginated, metadata, 'kv');
    });
  }

  handleGetHistoryForKey(key: string): Promise<HistoryQueryIterator> {
    return this.#answer('GET_HISTORY_FOR_KEY', () => {
      if (!this.context.historyEnabled) throw new Error('history database is not enabled');
      const records = this.context.history(wireString(key));
      let index = 0;
      const iterator: ResultsIterator<HistoryResult> = {
        next: () => records[index++],
        bookmarkAndClose: () => '',
      };
      const { response } = this.#start(iterator, false, undefined, 'history');
      return new HistoryQueryIterator(this, this.context.channel, this.context.txId, response);
    });
  }

  handleQueryStateNext(id: string): Promise<peer.QueryResponse> {
    return this.#answer('QUERY_STATE_NEXT', () => {
      const query = this.#queries.get(id);
      if (query === undefined) throw new Error('query iterator not found');
      query.isPaginated = false;
      query.totalReturnLimit = this.context.totalQueryLimit;
      return this.#buildQueryResponse(id, query);
    });
  }

  handleQueryStateClose(id: string): Promise<peer.QueryResponse> {
    return this.#answer('QUERY_STATE_CLOSE', () => {
      this.#queries.delete(id);
      const response = new peer.QueryResponse();
      response.setHasMore(false);
      response.setId(id);
      return response;
    });
  }

  async handleInvokeChaincode(
    chaincodeName: string,
    args: readonly (string | Uint8Array)[],
  ): Promise<ChaincodeResponse> {
    const input = args.map((arg) => Buffer.from(arg));
    return this.#answer('INVOKE_CHAINCODE', () => this.context.invokeChaincode(chaincodeName, input));
  }

  #startQuery(
    iterator: ResultsIterator<KvResult>,
    paginated: boolean,
    metadata: QueryMetadata | undefined,
    kind: 'kv',
  ): { iterator: StateQueryIterator; metadata?: { bookmark: string; fetchedRecordsCount: number } } {
    const { response } = this.#start(iterator, paginated, metadata, kind);
    const result: { iterator: StateQueryIterator; metadata?: { bookmark: string; fetchedRecordsCount: number } } = {
      iterator: new StateQueryIterator(this, this.context.channel, this.context.txId, response),
    };
    const metadataBytes = response.getMetadata_asU8();
    if (metadataBytes.length > 0) {
      const decoded = peer.QueryResponseMetadata.deserializeBinary(metadataBytes);
      result.metadata = { bookmark: decoded.getBookmark(), fetchedRecordsCount: decoded.getFetchedRecordsCount() };
    }
    return result;
  }

  #start(
    iterator: ResultsIterator<AnyResult>,
    paginated: boolean,
    metadata: QueryMetadata | undefined,
    kind: 'kv' | 'history',
  ): { response: peer.QueryResponse } {
    const id = `${this.context.txId}-q${this.#nextQueryId++}`;
    const query: QueryContext = {
      iterator,
      pending: [],
      totalReturnCount: 0,
      isPaginated: paginated,
      totalReturnLimit: calculateTotalReturnLimit(this.context.totalQueryLimit, metadata),
      kind,
    };
    this.#queries.set(id, query);
    return { response: this.#buildQueryResponse(id, query) };
  }

  /** `core/chaincode/query_response_generator.go` BuildQueryResponse. */
  #buildQueryResponse(id: string, query: QueryContext): peer.QueryResponse {
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

  #response(id: string, kind: 'kv' | 'history', batch: AnyResult[], hasMore: boolean): peer.QueryResponse {
    const response = new peer.QueryResponse();
    response.setResultsList(batch.map((result) => toResultBytes(kind, this.context.namespace, result)));
    response.setHasMore(hasMore);
    response.setId(id);
    return response;
  }
}

function toResultBytes(kind: 'kv' | 'history', namespace: string, result: AnyResult): peer.QueryResultBytes {
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

interface QueryMetadata {
  pageSize: number;
  bookmark: string;
}

function decodeQueryMetadata(bytes: Uint8Array | undefined): QueryMetadata | undefined {
  if (bytes === undefined || bytes === null) return undefined;
  const metadata = peer.QueryMetadata.deserializeBinary(bytes);
  return { pageSize: metadata.getPagesize(), bookmark: metadata.getBookmark() };
}

/** `handler.go` isMetadataSetForPagination: pageSize 0 with an empty bookmark is an ordinary query (S-14). */
function isPaginated(metadata: QueryMetadata | undefined): boolean {
  return metadata !== undefined && !(metadata.pageSize === 0 && metadata.bookmark === '');
}

/** `handler.go` calculateTotalReturnLimit: the page size, capped at totalQueryLimit (S-14). */
function calculateTotalReturnLimit(totalQueryLimit: number, metadata: QueryMetadata | undefined): number {
  const pageSize = metadata?.pageSize ?? 0;
  return pageSize > 0 && pageSize < totalQueryLimit ? pageSize : totalQueryLimit;
}

/** Runs a rich query for a chaincode (`ExecuteQuery`, `ExecuteQueryWithPagination`, `ExecuteQueryOnPrivateData`). */
export type KvResultsFactory = ExecutionContext['executeQuery'];
