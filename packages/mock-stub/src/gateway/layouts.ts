/**
 * Discovery's endorsement layouts for a chaincode interest (`discovery/endorsement/endorsement.go`
 * PeersForEndorsement), for the mock's one peer per organization: the sets of organizations whose peers together
 * satisfy every policy the interest names, where a collection the transaction read privately admits only its
 * member organizations' peers (loadMetadataAndFilters). G-02.
 */
import type { Policy } from '@fabric-testkit/fabric-core';
import { evaluatePolicy, type Signer } from '../identity/policy';
import type { Deployment } from '../internal/deployment';
import type { ChaincodeCall } from './interest';

/** Layouts, preferred first, or discovery's error as the gateway words it. */
export type LayoutsResult = { readonly layouts: readonly (readonly string[])[] } | { readonly error: string };

/** `internal/pkg/gateway/registry.go` endorsementPlan wraps discovery's error in this. */
const NO_COMBINATION = 'no combination of peers can be derived which satisfy the endorsement policy';

/** Most organizations the mock enumerates layouts over (2^n subsets). */
const MAX_ORGANIZATIONS = 16;

/**
 * The minimal sets of `organizations` that satisfy the interest, those with `preferred` first, then the smaller
 * ones first, then in channel order. A real gateway shuffles the layouts of each kind at random
 * (registry.go endorsementPlan); the mock picks deterministically among equals.
 */
export function endorsementLayouts(input: {
  readonly calls: readonly ChaincodeCall[];
  readonly deployments: ReadonlyMap<string, Deployment>;
  readonly organizations: readonly string[];
  /** The first endorser's organization: layouts with it come first. */
  readonly preferred: string;
  readonly channel: string;
}): LayoutsResult {
  const { calls, deployments, organizations, preferred } = input;
  const policies: Policy[] = [];
  // Discovery lists only peers that have every called chaincode installed (G-08).
  let eligible = organizations.filter((org) =>
    calls.every((c) => deployments.get(c.name)?.installedOn.has(org) ?? true),
  );
  for (const call of calls) {
    const deployment = deployments.get(call.name);
    if (deployment === undefined) {
      return {
        error: `${NO_COMBINATION}: No metadata was found for chaincode ${call.name} in channel ${input.channel}`,
      };
    }
    const collection = call.collection === undefined ? undefined : deployment.collection(call.collection);
    // support/chaincode/support.go PoliciesByChaincode: a collection's own policy, else the chaincode's.
    if (!call.disregardNamespacePolicy || collection?.endorsementPolicy !== undefined) {
      policies.push(collection?.endorsementPolicy ?? deployment.endorsementPolicy);
    }
    policies.push(...call.keyPolicies);
    if (collection !== undefined && !call.noPrivateReads) {
      // An implicit collection counts too: discovery's metadata adds the ones asked for (lifecycle
      // metadata_provider.go Metadata), found by the differential run after the mock refused such a plan.
      eligible = eligible.filter((org) => collection.memberOrgs.has(org));
    }
  }
  if (organizations.length > MAX_ORGANIZATIONS) {
    throw new Error(`the mock gateway plans endorsements over at most ${MAX_ORGANIZATIONS} organizations`);
  }
  const satisfying = subsets(eligible).filter((set) => {
    const signers: Signer[] = set.map((mspId) => ({ mspId, role: 'peer' }));
    return policies.every((policy) => evaluatePolicy(policy, signers));
  });
  const minimal = satisfying.filter((set) => !satisfying.some((other) => isStrictSubset(other, set)));
  if (minimal.length === 0) {
    return { error: `${NO_COMBINATION}: no peer combination can satisfy the endorsement policy` };
  }
  const rank = (set: readonly string[]): number => (set.includes(preferred) ? 0 : 1);
  return { layouts: minimal.sort((a, b) => rank(a) - rank(b) || a.length - b.length) };
}

/** Every subset of `items`, in order of a binary count (so each keeps the items' order). */
function subsets(items: readonly string[]): string[][] {
  const result: string[][] = [];
  for (let mask = 1; mask < 1 << items.length; mask++) {
    result.push(items.filter((_, i) => (mask & (1 << i)) !== 0));
  }
  return result;
}

function isStrictSubset(small: readonly string[], large: readonly string[]): boolean {
  return small.length < large.length && small.every((item) => large.includes(item));
}
