/**
 * A private data collection in Fabric's collections JSON shape (the file `peer lifecycle chaincode approveformyorg
 * --collections-config` reads; internal/peer/chaincode/common.go `collectionConfigJson`).
 *
 * @example
 * ```ts
 * const collection: CollectionConfig = {
 *   name: 'assetPrivate',
 *   policy: "OR('Org1MSP.member', 'Org2MSP.member')",
 *   requiredPeerCount: 0,
 *   maxPeerCount: 1,
 *   blockToLive: 100,
 *   memberOnlyRead: true,
 * };
 * ```
 */
export interface CollectionConfig {
  readonly name: string;
  /** Who is a member of the collection, in Fabric's policy language. */
  readonly policy: string;
  /** Default 0. */
  readonly requiredPeerCount?: number;
  /** Default 1. */
  readonly maxPeerCount?: number;
  /** Blocks after which private data is purged; default 0 (kept forever). */
  readonly blockToLive?: number;
  /** Default false. */
  readonly memberOnlyRead?: boolean;
  /** Default false. */
  readonly memberOnlyWrite?: boolean;
  /** A collection-level endorsement policy: one of a signature policy or a channel policy reference. */
  readonly endorsementPolicy?: CollectionEndorsementPolicy;
}

/** A collection's own endorsement policy: a signature policy, or a channel policy reference; not both. */
export interface CollectionEndorsementPolicy {
  readonly signaturePolicy?: string;
  readonly channelConfigPolicy?: string;
}

/**
 * The values the peer CLI gives fields the JSON leaves out (internal/peer/chaincode/common.go
 * `getCollectionConfigFromBytes`: "Set default requiredPeerCount and MaxPeerCount if not specified in json").
 */
export const COLLECTION_DEFAULTS = {
  requiredPeerCount: 0,
  maxPeerCount: 1,
  blockToLive: 0,
  memberOnlyRead: false,
  memberOnlyWrite: false,
} as const;

/** Fabric's collection name rule (core/chaincode/lifecycle/scc.go `collectionNameRegExp`). */
export const COLLECTION_NAME = /^[A-Za-z0-9-]+([A-Za-z0-9_-]+)*$/;
