import { peer } from '@hyperledger/fabric-protos';
import { PolicyConflictError } from '../errors';
import { parseSignaturePolicy } from '../policy/policy-envelope';
import { COLLECTION_DEFAULTS, type CollectionConfig } from './collection-config';

/**
 * Encodes collections as a `CollectionConfigPackage`, as the peer CLI does (internal/peer/chaincode/common.go
 * `getCollectionConfigFromBytes`); undefined for none (a definition without collections).
 *
 * @throws {@link PolicyParseError} for a policy that does not parse; {@link PolicyConflictError} for an
 * endorsement policy with both a signature policy and a channel policy reference.
 */
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
  staticConfig.setRequiredPeerCount(collection.requiredPeerCount ?? COLLECTION_DEFAULTS.requiredPeerCount);
  staticConfig.setMaximumPeerCount(collection.maxPeerCount ?? COLLECTION_DEFAULTS.maxPeerCount);
  staticConfig.setBlockToLive(collection.blockToLive ?? COLLECTION_DEFAULTS.blockToLive);
  staticConfig.setMemberOnlyRead(collection.memberOnlyRead ?? COLLECTION_DEFAULTS.memberOnlyRead);
  staticConfig.setMemberOnlyWrite(collection.memberOnlyWrite ?? COLLECTION_DEFAULTS.memberOnlyWrite);
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

/**
 * An `ApplicationPolicy` (a chaincode's or a collection's endorsement policy): a signature policy, or a channel
 * policy reference; an empty one for neither.
 *
 * @param owner - what the policy belongs to, for the error message (`chaincode cc`, `collection pdc`).
 * @throws {@link PolicyConflictError} when both are given; {@link PolicyParseError} for a bad signature policy.
 */
export function applicationPolicy(
  signaturePolicy: string | undefined,
  channelConfigPolicy: string | undefined,
  owner: string,
): peer.ApplicationPolicy {
  if (signaturePolicy !== undefined && channelConfigPolicy !== undefined) {
    throw new PolicyConflictError(owner);
  }
  const policy = new peer.ApplicationPolicy();
  if (signaturePolicy !== undefined) {
    policy.setSignaturePolicy(parseSignaturePolicy(signaturePolicy));
  } else if (channelConfigPolicy !== undefined) {
    policy.setChannelConfigPolicyReference(channelConfigPolicy);
  }
  return policy;
}
