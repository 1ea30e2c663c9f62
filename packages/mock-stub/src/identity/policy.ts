/**
 * Evaluation of Fabric signature policies against the signers of a transaction, as `common/cauthdsl/cauthdsl.go`
 * does it: each signer satisfies at most one principal. The policy language, its tree and its envelope bytes are
 * fabric-core's (`parsePolicy`, `policyFromEnvelope`).
 */
import type { Policy } from '@fabric-testkit/fabric-core';
import type { IdentityRole } from '../api';

export interface Signer {
  readonly mspId: string;
  readonly role: IdentityRole;
}

function satisfies(signer: Signer, mspId: string, role: string): boolean {
  if (signer.mspId !== mspId) return false;
  return role === 'member' || role === signer.role;
}

/** `cauthdsl.go` compile: greedy, each signer used once; an `OutOf` keeps the signers of the rules it counted. */
export function evaluatePolicy(policy: Policy, signers: readonly Signer[]): boolean {
  return evaluate(
    policy,
    signers,
    signers.map(() => false),
  );
}

function evaluate(policy: Policy, signers: readonly Signer[], used: boolean[]): boolean {
  if (policy.type === 'signedBy') {
    const index = signers.findIndex((s, i) => !used[i] && satisfies(s, policy.mspId, policy.role));
    if (index < 0) return false;
    used[index] = true;
    return true;
  }
  let verified = 0;
  for (const rule of policy.rules) {
    const attempt = [...used];
    if (evaluate(rule, signers, attempt)) {
      verified++;
      attempt.forEach((value, i) => (used[i] = value));
    }
  }
  return verified >= policy.n;
}

/** `MAJORITY Endorsement` over the channel's organizations, each `OR('<org>.peer')` (the default, S-60). */
export function majorityPolicy(organizations: readonly string[]): Policy {
  return {
    type: 'outOf',
    n: Math.floor(organizations.length / 2) + 1,
    rules: organizations.map((mspId) => ({ type: 'signedBy', mspId, role: 'peer' }) as const),
  };
}
