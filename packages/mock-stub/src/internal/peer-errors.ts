/** Error texts of the peer, kept in one place with the Go source they come from. */
import type { Version } from '../api';

/** `core/chaincode/handler.go` handleMessage wraps every handler error like this before sending it to the shim. */
export function wrapHandlerError(messageType: string, txId: string, cause: unknown): Error {
  const text = cause instanceof Error ? cause.message : String(cause);
  return new Error(`${messageType} failed: transaction ID: ${txId}: ${text}`);
}

/** `core/ledger/kvledger/txmgmt/txmgr/tx_simulator.go`. */
export const simulatorErrors = {
  pvtQueryAfterWrite: (txId: string): string =>
    `txid [${txId}]: unsuppored transaction. Queries on pvt data is supported only in a read-only transaction`,
  writeAfterPvtQuery: (txId: string): string =>
    `txid [${txId}]: unsuppored transaction. Transaction has already performed queries on pvt data. Writes are not allowed`,
  paginatedAfterWrite: (txId: string): string =>
    `txid [${txId}]: unsuppored transaction. Paginated queries are supported only in a read-only transaction`,
  writeAfterPaginated: (txId: string): string =>
    `txid [${txId}]: unsuppored transaction. Transaction has already performed a paginated query. Writes are not allowed`,
};

/** `core/ledger/ledger_interface.go` InvalidCollNameError. */
export function invalidCollectionName(ns: string, collection: string): string {
  return `collection [${collection}] not defined in the collection config for chaincode [${ns}]`;
}

/** `core/common/privdata/store.go` NoSuchCollectionError. */
export function noSuchCollection(channel: string, ns: string, collection: string): string {
  return `collection ${channel}/${ns}/${collection} could not be found`;
}

/** `core/ledger/internal/version/version.go` Height.String(). */
export function formatHeight(version: Version | null | undefined): string {
  return version ? `{BlockNum: ${version.blockNum}, TxNum: ${version.txNum}}` : '<nil>';
}
