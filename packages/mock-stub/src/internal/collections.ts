/**
 * Collection configuration (Fabric's collections JSON, S-50) resolved for use: membership policy, read/write
 * restrictions, blockToLive and an optional collection-level endorsement policy. Implicit collections
 * `_implicit_org_<MSPID>` exist for every organization (`lifecycle/deployedcc_infoprovider.go`
 * GenerateImplicitCollectionForOrg: member policy `<MSPID>.member`, no member-only restrictions, no expiry).
 */
import type { CollectionConfig } from '../api';
import { invalidArgument } from '../errors';
import {
  evaluatePolicy,
  majorityPolicy,
  parsePolicy,
  policyOrganizations,
  type Policy,
  type Signer,
} from '../identity/policy';

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

/** `core/chaincode/lifecycle/scc.go` validateCollectionConfigs, as far as the mock's config can be wrong. */
function validateCollectionConfig(config: CollectionConfig, seen: ReadonlyMap<string, ResolvedCollection>): void {
  if (typeof config.name !== 'string' || config.name === '' || config.name.startsWith('_')) {
    throw invalidArgument(`invalid collection name [${String(config.name)}]`);
  }
  if (seen.has(config.name))
    throw invalidArgument(`collection-name: ${config.name} -- found duplicate in collection configuration`);
  if ((config.maxPeerCount ?? 0) < (config.requiredPeerCount ?? 0)) {
    // `core/chaincode/lifecycle/scc.go` validateCollectionConfigs
    throw invalidArgument(
      `collection-name: ${config.name} -- maximum peer count (${config.maxPeerCount}) cannot be less than the required peer count (${config.requiredPeerCount})`,
    );
  }
  if (!Number.isInteger(config.blockToLive ?? 0) || (config.blockToLive ?? 0) < 0) {
    throw invalidArgument(`collection-name: ${config.name} -- blockToLive must be a non-negative integer`);
  }
}

export function resolveCollections(
  configs: readonly CollectionConfig[],
  channelOrgs: readonly string[],
): Map<string, ResolvedCollection> {
  const resolved = new Map<string, ResolvedCollection>();
  for (const config of configs) {
    validateCollectionConfig(config, resolved);
    const memberPolicy = parsePolicy(config.policy);
    const endorsementPolicy = resolveEndorsementPolicy(config, channelOrgs);
    resolved.set(config.name, {
      name: config.name,
      memberPolicy,
      memberOrgs: policyOrganizations(memberPolicy),
      memberOnlyRead: config.memberOnlyRead ?? false,
      memberOnlyWrite: config.memberOnlyWrite ?? false,
      blockToLive: config.blockToLive ?? 0,
      requiredPeerCount: config.requiredPeerCount ?? 0,
      maxPeerCount: config.maxPeerCount ?? 0,
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
