/**
 * Collection configuration (Fabric's collections JSON, S-50) resolved for use: membership policy, read/write
 * restrictions, blockToLive and an optional collection-level endorsement policy. Implicit collections
 * `_implicit_org_<MSPID>` exist for every organization (`lifecycle/deployedcc_infoprovider.go`
 * GenerateImplicitCollectionForOrg: member policy `<MSPID>.member`, no member-only restrictions, no expiry).
 */
import {
  COLLECTION_DEFAULTS,
  lifecycleCollectionError,
  parsePolicy,
  policyMspIds,
  type CollectionConfig,
  type Policy,
} from '@fabric-testkit/fabric-core';
import { invalidArgument } from '../errors';
import { evaluatePolicy, majorityPolicy, type Signer } from '../identity/policy';

export const IMPLICIT_COLLECTION_PREFIX = '_implicit_org_';

export interface ResolvedCollection {
  readonly name: string;
  readonly memberPolicy: Policy;
  readonly memberOrgs: ReadonlySet<string>;
  readonly memberOnlyRead: boolean;
  readonly memberOnlyWrite: boolean;
  readonly blockToLive: number;
  readonly requiredPeerCount: number;
  readonly maxPeerCount: number;
  readonly endorsementPolicy?: Policy;
}

function resolveEndorsementPolicy(config: CollectionConfig, channelOrgs: readonly string[]): Policy | undefined {
  const policy = config.endorsementPolicy;
  if (policy?.signaturePolicy !== undefined) return parsePolicy(policy.signaturePolicy);
  if (policy?.channelConfigPolicy !== undefined) {
    if (!/Endorsement$/.test(policy.channelConfigPolicy)) {
      throw invalidArgument(`unsupported channelConfigPolicy [${policy.channelConfigPolicy}] (only .../Endorsement)`);
    }
    return majorityPolicy(channelOrgs);
  }
  return undefined;
}

export function resolveCollections(
  configs: readonly CollectionConfig[],
  channelOrgs: readonly string[],
): Map<string, ResolvedCollection> {
  // `core/chaincode/lifecycle/scc.go` validateCollectionConfigs, in the peer's words.
  const lifecycleError = lifecycleCollectionError(configs);
  if (lifecycleError !== undefined) throw invalidArgument(lifecycleError);
  const resolved = new Map<string, ResolvedCollection>();
  for (const config of configs) {
    const memberPolicy = parsePolicy(config.policy);
    const endorsementPolicy = resolveEndorsementPolicy(config, channelOrgs);
    resolved.set(config.name, {
      name: config.name,
      memberPolicy,
      memberOrgs: new Set(policyMspIds(memberPolicy)),
      memberOnlyRead: config.memberOnlyRead ?? COLLECTION_DEFAULTS.memberOnlyRead,
      memberOnlyWrite: config.memberOnlyWrite ?? COLLECTION_DEFAULTS.memberOnlyWrite,
      blockToLive: config.blockToLive ?? COLLECTION_DEFAULTS.blockToLive,
      requiredPeerCount: config.requiredPeerCount ?? COLLECTION_DEFAULTS.requiredPeerCount,
      maxPeerCount: config.maxPeerCount ?? COLLECTION_DEFAULTS.maxPeerCount,
      ...(endorsementPolicy ? { endorsementPolicy } : {}),
    });
  }
  return resolved;
}

export function implicitCollection(name: string): ResolvedCollection | undefined {
  if (!name.startsWith(IMPLICIT_COLLECTION_PREFIX)) return undefined;
  const mspId = name.slice(IMPLICIT_COLLECTION_PREFIX.length);
  if (mspId === '') return undefined;
  return {
    name,
    memberPolicy: { type: 'signedBy', mspId, role: 'member' },
    memberOrgs: new Set([mspId]),
    memberOnlyRead: false,
    memberOnlyWrite: false,
    blockToLive: 0,
    requiredPeerCount: 0,
    maxPeerCount: 0,
  };
}

/** `privdata/store.go` RetrieveReadWritePermission: members may do both; others as memberOnlyRead/Write allow. */
export function creatorPermissions(collection: ResolvedCollection, creator: Signer): { read: boolean; write: boolean } {
  if (!collection.memberOnlyRead && !collection.memberOnlyWrite) return { read: true, write: true };
  if (evaluatePolicy(collection.memberPolicy, [creator])) return { read: true, write: true };
  return { read: !collection.memberOnlyRead, write: !collection.memberOnlyWrite };
}
