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
import { peer } from '@hyperledger/fabric-protos';
import { HistoryQueryIterator, StateQueryIterator } from 'fabric-shim/lib/iterators';
import type { ChaincodeResponse } from '../api';
import { noSuchCollection, wrapHandlerError } from './peer-errors';
import { QueryResponses, decodeQueryMetadata, isPaginated } from './query-responses';
import type { HistoryResult, KvResult, ResultsIterator } from './results-iterator';
import type { TxSimulator } from './simulator';
import { wireBytes, wireString } from './wire';

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

const EMPTY = Buffer.alloc(0);
const PRIVATE_IN_INIT = 'private data APIs are not allowed in chaincode Init()';

export class PeerHandler {
  readonly #queries: QueryResponses;

  constructor(readonly context: ExecutionContext) {
    this.#queries = new QueryResponses(context.txId, context.namespace, context.totalQueryLimit);
  }

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
    return this.#answer('GET_STATE_BY_RANGE', () =>
      this.#stateIterator(this.#rangeQuery(collection, startKey, endKey, metadataBytes)),
    );
  }

  /** GET_STATE_BY_RANGE as the wire carries it: the first {@link peer.QueryResponse}. */
  queryStateByRange(
    collection: string,
    startKey: string,
    endKey: string,
    metadataBytes?: Uint8Array,
  ): Promise<peer.QueryResponse> {
    return this.#answer('GET_STATE_BY_RANGE', () => this.#rangeQuery(collection, startKey, endKey, metadataBytes));
  }

  #rangeQuery(collection: string, startKey: string, endKey: string, metadataBytes?: Uint8Array): peer.QueryResponse {
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
    return this.#queries.start(iterator, paginated, metadata, 'kv');
  }

  handleGetQueryResult(
    collection: string,
    query: string,
    metadataBytes: Uint8Array | null | undefined,
  ): Promise<{ iterator: StateQueryIterator; metadata?: { bookmark: string; fetchedRecordsCount: number } }> {
    return this.#answer('GET_QUERY_RESULT', () =>
      this.#stateIterator(this.#richQuery(collection, query, metadataBytes ?? undefined)),
    );
  }

  /** GET_QUERY_RESULT as the wire carries it: the first {@link peer.QueryResponse}. */
  queryResult(collection: string, query: string, metadataBytes?: Uint8Array): Promise<peer.QueryResponse> {
    return this.#answer('GET_QUERY_RESULT', () => this.#richQuery(collection, query, metadataBytes));
  }

  #richQuery(collection: string, query: string, metadataBytes: Uint8Array | undefined): peer.QueryResponse {
    const metadata = decodeQueryMetadata(metadataBytes);
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
    return this.#queries.start(iterator, paginated, metadata, 'kv');
  }

  handleGetHistoryForKey(key: string): Promise<HistoryQueryIterator> {
    return this.#answer('GET_HISTORY_FOR_KEY', () => {
      const response = this.#historyQuery(key);
      return new HistoryQueryIterator(this, this.context.channel, this.context.txId, response);
    });
  }

  /** GET_HISTORY_FOR_KEY as the wire carries it: the first {@link peer.QueryResponse}. */
  queryHistoryForKey(key: string): Promise<peer.QueryResponse> {
    return this.#answer('GET_HISTORY_FOR_KEY', () => this.#historyQuery(key));
  }

  #historyQuery(key: string): peer.QueryResponse {
    if (!this.context.historyEnabled) throw new Error('history database is not enabled');
    const records = this.context.history(wireString(key));
    let index = 0;
    const iterator: ResultsIterator<HistoryResult> = {
      next: () => records[index++],
      bookmarkAndClose: () => '',
    };
    return this.#queries.start(iterator, false, undefined, 'history');
  }

  handleQueryStateNext(id: string): Promise<peer.QueryResponse> {
    return this.#answer('QUERY_STATE_NEXT', () => {
      return this.#queries.next(id);
    });
  }

  handleQueryStateClose(id: string): Promise<peer.QueryResponse> {
    return this.#answer('QUERY_STATE_CLOSE', () => {
      return this.#queries.close(id);
    });
  }

  async handleInvokeChaincode(
    chaincodeName: string,
    args: readonly (string | Uint8Array)[],
  ): Promise<ChaincodeResponse> {
    const input = args.map((arg) => Buffer.from(arg));
    return this.#answer('INVOKE_CHAINCODE', () => this.context.invokeChaincode(chaincodeName, input));
  }

  /** What fabric-shim's `handler.js` parseResponse makes of a first query response: an iterator and its metadata. */
  #stateIterator(response: peer.QueryResponse): {
    iterator: StateQueryIterator;
    metadata?: { bookmark: string; fetchedRecordsCount: number };
  } {
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
}

/** Runs a rich query for a chaincode (`ExecuteQuery`, `ExecuteQueryWithPagination`, `ExecuteQueryOnPrivateData`). */
export type KvResultsFactory = ExecutionContext['executeQuery'];
