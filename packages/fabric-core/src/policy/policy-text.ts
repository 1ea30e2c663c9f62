import type { Policy } from './policy';
import { parsePolicy } from './policy-parser';

/**
 * A policy written back in Fabric's policy language: `AND` when all rules are needed, `OR` when one is, `OutOf`
 * otherwise; `parsePolicy(policyToText(p))` gives `p` back.
 *
 * @example
 * ```ts
 * policyToText({ type: 'outOf', n: 1, rules: [{ type: 'signedBy', mspId: 'Org1MSP', role: 'peer' }] }); // "OR('Org1MSP.peer')"
 * ```
 */
export function policyToText(policy: Policy): string {
  if (policy.type === 'signedBy') return `'${policy.mspId}.${policy.role}'`;
  const rules = policy.rules.map(policyToText).join(', ');
  if (policy.n === policy.rules.length && policy.rules.length > 1) return `AND(${rules})`;
  if (policy.n === 1) return `OR(${rules})`;
  return `OutOf(${policy.n}, ${rules})`;
}

/**
 * The MSP IDs a policy names, each once, in the order they first appear; so a caller can check them against the
 * organizations it knows before Fabric silently never satisfies the policy (and `privdata` MemberOrgs).
 *
 * @example
 * ```ts
 * policyMspIds("AND('Org1MSP.peer', OR('Org2MSP.peer', 'Org1MSP.admin'))"); // ['Org1MSP', 'Org2MSP']
 * ```
 * @throws {@link PolicyParseError} when given a string that is not a valid policy.
 */
export function policyMspIds(policy: string | Policy): string[] {
  const ids = new Set<string>();
  const visit = (rule: Policy): void => {
    if (rule.type === 'signedBy') ids.add(rule.mspId);
    else rule.rules.forEach(visit);
  };
  visit(typeof policy === 'string' ? parsePolicy(policy) : policy);
  return [...ids];
}
