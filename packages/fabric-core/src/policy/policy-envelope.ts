/**
 * A policy as the `SignaturePolicyEnvelope` bytes Fabric stores and sends (`common/policies.proto`), both ways.
 */
import { common, msp } from '@hyperledger/fabric-protos';
import { PolicyEnvelopeError } from '../errors';
import { MSP_ROLE_NUMBERS, mspRoleName } from '../msp-role';
import type { Policy, SignedByPolicy } from './policy';
import { parsePolicy } from './policy-parser';

/**
 * The rule of a policy, numbering principals as Fabric's `policydsl.FromString` does: govaluate evaluates a gate's
 * arguments first, so the principals of nested gates come first (left to right), then the gate's own principals in
 * order; principals are not deduplicated (policyparser.go `secondPass`, "TODO: deduplicate principals").
 */
function ruleOf(policy: Policy, identities: msp.MSPPrincipal[]): common.SignaturePolicy {
  if (policy.type === 'signedBy') {
    return signedBy(policy, identities);
  }
  const nested = new Map<Policy, common.SignaturePolicy>();
  for (const rule of policy.rules) {
    if (rule.type === 'outOf') nested.set(rule, ruleOf(rule, identities));
  }
  const nOutOf = new common.SignaturePolicy.NOutOf();
  nOutOf.setN(policy.n);
  nOutOf.setRulesList(policy.rules.map((rule) => nested.get(rule) ?? ruleOf(rule, identities)));
  const rule = new common.SignaturePolicy();
  rule.setNOutOf(nOutOf);
  return rule;
}

function signedBy(policy: SignedByPolicy, identities: msp.MSPPrincipal[]): common.SignaturePolicy {
  const role = new msp.MSPRole();
  role.setMspIdentifier(policy.mspId);
  role.setRole(MSP_ROLE_NUMBERS[policy.role] as msp.MSPRole.MSPRoleTypeMap[keyof msp.MSPRole.MSPRoleTypeMap]);
  const principal = new msp.MSPPrincipal();
  principal.setPrincipalClassification(msp.MSPPrincipal.Classification.ROLE);
  principal.setPrincipal(role.serializeBinary());
  identities.push(principal);
  const rule = new common.SignaturePolicy();
  rule.setSignedBy(identities.length - 1);
  return rule;
}

/**
 * Encodes a policy as a `SignaturePolicyEnvelope` (version 0), with the bytes Fabric's `policydsl.FromString`
 * makes for the same policy.
 */
export function policyToEnvelope(policy: Policy): common.SignaturePolicyEnvelope {
  const identities: msp.MSPPrincipal[] = [];
  const rule = ruleOf(policy, identities);
  const envelope = new common.SignaturePolicyEnvelope();
  envelope.setVersion(0);
  envelope.setRule(rule);
  envelope.setIdentitiesList(identities);
  return envelope;
}

/**
 * Parses a policy in Fabric's policy language into a `SignaturePolicyEnvelope`, with the same bytes as Fabric's
 * `policydsl.FromString` (common/policydsl/policyparser.go).
 *
 * @example
 * ```ts
 * const envelope = parseSignaturePolicy("AND('Org1MSP.peer', OR('Org2MSP.peer', 'Org3MSP.peer'))");
 * ```
 * @throws {@link PolicyParseError} when the string is not a valid policy.
 */
export function parseSignaturePolicy(policy: string): common.SignaturePolicyEnvelope {
  return policyToEnvelope(parsePolicy(policy));
}

/**
 * Decodes `SignaturePolicyEnvelope` bytes (a key's validation parameter, as fabric-shim's
 * `KeyEndorsementPolicy.getPolicy()` makes them).
 *
 * @throws {@link PolicyEnvelopeError} for principals that are not MSP roles, and for a missing or dangling rule.
 */
export function policyFromEnvelope(bytes: Uint8Array): Policy {
  const envelope = common.SignaturePolicyEnvelope.deserializeBinary(bytes);
  const principals = envelope.getIdentitiesList().map((identity) => {
    if (identity.getPrincipalClassification() !== msp.MSPPrincipal.Classification.ROLE) {
      throw new PolicyEnvelopeError('only ROLE principals are supported in validation parameters');
    }
    const principal = msp.MSPRole.deserializeBinary(identity.getPrincipal_asU8());
    const role = mspRoleName(principal.getRole());
    if (role === undefined) throw new PolicyEnvelopeError(`unknown MSP role ${principal.getRole()}`);
    return { type: 'signedBy', mspId: principal.getMspIdentifier(), role } as const;
  });
  const rule = envelope.getRule();
  if (rule === undefined) throw new PolicyEnvelopeError('validation parameter has no rule');
  return fromRule(rule, principals);
}

function fromRule(rule: common.SignaturePolicy, principals: readonly SignedByPolicy[]): Policy {
  const nOutOf = rule.getNOutOf();
  if (nOutOf !== undefined) {
    return { type: 'outOf', n: nOutOf.getN(), rules: nOutOf.getRulesList().map((r) => fromRule(r, principals)) };
  }
  const principal = principals[rule.getSignedBy()];
  if (principal === undefined) throw new PolicyEnvelopeError(`identity index ${rule.getSignedBy()} out of range`);
  return principal;
}
