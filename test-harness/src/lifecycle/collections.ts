import { peer } from '@hyperledger/fabric-protos';
import { FabricTestkitError } from '../errors';
import { parseSignaturePolicy } from './signature-policy';

/**
 * A private data collection in Fabric's collections JSON shape (the file `peer lifecycle chaincode approveformyorg
 * --collections-config` reads).
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
  readonly endorsementPolicy?: { readonly signaturePolicy?: string; readonly channelConfigPolicy?: string };
}

/** Encodes collections as a `CollectionConfigPackage`; undefined for none (a definition without collections). */
export function collectionConfigPackage(
  collections: readonly CollectionConfig[] | undefined,
): peer.CollectionConfigPackage | undefined {
  if (!collections || collections.length === 0) {
    return undefined;
  }
  const configPackage = new peer.CollectionConfigPackage();
  configPackage.setConfigList(collections.map(collectionConfig));
  return configPackage;
}

function collectionConfig(collection: CollectionConfig): peer.CollectionConfig {
  const memberPolicy = new peer.CollectionPolicyConfig();
  memberPolicy.setSignaturePolicy(parseSignaturePolicy(collection.policy));
  const staticConfig = new peer.StaticCollectionConfig();
  staticConfig.setName(collection.name);
  staticConfig.setMemberOrgsPolicy(memberPolicy);
  staticConfig.setRequiredPeerCount(collection.requiredPeerCount ?? 0);
  staticConfig.setMaximumPeerCount(collection.maxPeerCount ?? 1);
  staticConfig.setBlockToLive(collection.blockToLive ?? 0);
  staticConfig.setMemberOnlyRead(collection.memberOnlyRead ?? false);
  staticConfig.setMemberOnlyWrite(collection.memberOnlyWrite ?? false);
  if (collection.endorsementPolicy) {
    staticConfig.setEndorsementPolicy(
      applicationPolicy(
        collection.endorsementPolicy.signaturePolicy,
        collection.endorsementPolicy.channelConfigPolicy,
        `collection ${collection.name}`,
      ),
    );
  }
  const config = new peer.CollectionConfig();
  config.setStaticCollectionConfig(staticConfig);
  return config;
}

/** An `ApplicationPolicy`: a signature policy, or a channel policy reference; not both. */
export function applicationPolicy(
  signaturePolicy: string | undefined,
  channelConfigPolicy: string | undefined,
  owner: string,
): peer.ApplicationPolicy {
  if (signaturePolicy !== undefined && channelConfigPolicy !== undefined) {
    throw new FabricTestkitError(`${owner}: give a signature policy or a channel policy reference, not both`);
  }
  const policy = new peer.ApplicationPolicy();
  if (signaturePolicy !== undefined) {
    policy.setSignaturePolicy(parseSignaturePolicy(signaturePolicy));
  } else if (channelConfigPolicy !== undefined) {
    policy.setChannelConfigPolicyReference(channelConfigPolicy);
  }
  return policy;
}
