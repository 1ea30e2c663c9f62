/**
 * Fabric signature policies: the policy language (`common/policydsl/policyparser.go`: `AND`, `OR`, `OutOf`,
 * principals `'MSPID.role'`), `SignaturePolicyEnvelope` bytes (key-level validation parameters, S-60), and their
 * evaluation as `common/cauthdsl/cauthdsl.go` does it: each signer satisfies at most one principal.
 */
import { common, msp } from '@hyperledger/fabric-protos';
import type { IdentityRole } from '../api';

export type PrincipalRole = 'member' | 'admin' | 'client' | 'peer' | 'orderer';

export type Policy =
  | { readonly type: 'signedBy'; readonly mspId: string; readonly role: PrincipalRole }
  | { readonly type: 'outOf'; readonly n: number; readonly rules: readonly Policy[] };

export interface Signer {
  readonly mspId: string;
  readonly role: IdentityRole;
}

const ROLE_NAMES: readonly PrincipalRole[] = ['member', 'admin', 'client', 'peer', 'orderer'];

/** Parses `AND('Org1MSP.peer', OR('Org2MSP.member', OutOf(1, 'Org3MSP.admin')))`. */
export function parsePolicy(text: string): Policy {
  const parser = new PolicyParser(text);
  const policy = parser.parseExpression();
  parser.expectEnd();
  return policy;
}

class PolicyParser {
  #pos = 0;

  constructor(private readonly text: string) {}

  #fail(what: string): never {
    throw new Error(`unrecognized token in policy [${this.text}] at position ${this.#pos}: ${what}`);
  }

  #skipSpace(): void {
    while (/\s/.test(this.text[this.#pos] ?? '')) this.#pos++;
  }

  #expect(char: string): void {
    this.#skipSpace();
    if (this.text[this.#pos] !== char) this.#fail(`expected '${char}'`);
    this.#pos++;
  }

  expectEnd(): void {
    this.#skipSpace();
    if (this.#pos !== this.text.length) this.#fail('unexpected trailing text');
  }

  parseExpression(): Policy {
    this.#skipSpace();
    const quote = this.text[this.#pos];
    if (quote === "'" || quote === '"') return this.#parsePrincipal(quote);
    const match = /^(AND|OR|OutOf)\s*\(/i.exec(this.text.slice(this.#pos));
    if (!match?.[1]) this.#fail('expected AND, OR, OutOf or a quoted principal');
    this.#pos += match[0].length;
    const operator = match[1].toLowerCase();
    let n = 0;
    if (operator === 'outof') {
      this.#skipSpace();
      const digits = /^\d+/.exec(this.text.slice(this.#pos));
      if (!digits) this.#fail('expected a number');
      n = Number(digits[0]);
      this.#pos += digits[0].length;
      this.#expect(',');
    }
    const rules: Policy[] = [this.parseExpression()];
    for (this.#skipSpace(); this.text[this.#pos] === ','; this.#skipSpace()) {
      this.#pos++;
      rules.push(this.parseExpression());
    }
    this.#expect(')');
    if (operator === 'and') n = rules.length;
    if (operator === 'or') n = 1;
    return { type: 'outOf', n, rules };
  }

  #parsePrincipal(quote: string): Policy {
    const end = this.text.indexOf(quote, this.#pos + 1);
    if (end < 0) this.#fail('unterminated principal');
    const principal = this.text.slice(this.#pos + 1, end);
    this.#pos = end + 1;
    const dot = principal.lastIndexOf('.');
    const role = principal.slice(dot + 1).toLowerCase();
    if (dot <= 0 || !ROLE_NAMES.includes(role as PrincipalRole)) {
      throw new Error(`invalid principal [${principal}] in policy [${this.text}]`);
    }
    return { type: 'signedBy', mspId: principal.slice(0, dot), role: role as PrincipalRole };
  }
}

/** `MSPRole.MSPRoleType` order: MEMBER, ADMIN, CLIENT, PEER, ORDERER. */
const PROTO_ROLES: readonly PrincipalRole[] = ['member', 'admin', 'client', 'peer', 'orderer'];

/** Decodes a `SignaturePolicyEnvelope` (as `KeyEndorsementPolicy.getPolicy()` produces). */
export function policyFromEnvelope(bytes: Uint8Array): Policy {
  const envelope = common.SignaturePolicyEnvelope.deserializeBinary(bytes);
  const principals = envelope.getIdentitiesList().map((identity) => {
    if (identity.getPrincipalClassification() !== msp.MSPPrincipal.Classification.ROLE) {
      throw new Error('only ROLE principals are supported in validation parameters');
    }
    const role = msp.MSPRole.deserializeBinary(identity.getPrincipal_asU8());
    return { mspId: role.getMspIdentifier(), role: PROTO_ROLES[role.getRole()] ?? 'member' };
  });
  const rule = envelope.getRule();
  if (rule === undefined) throw new Error('validation parameter has no rule');
  return fromProtoRule(rule, principals);
}

function fromProtoRule(rule: common.SignaturePolicy, principals: { mspId: string; role: PrincipalRole }[]): Policy {
  if (rule.hasNOutOf()) {
    const outOf = rule.getNOutOf();
    const rules = outOf?.getRulesList() ?? [];
    return { type: 'outOf', n: outOf?.getN() ?? 0, rules: rules.map((r) => fromProtoRule(r, principals)) };
  }
  const principal = principals[rule.getSignedBy()];
  if (principal === undefined) throw new Error(`identity index ${rule.getSignedBy()} out of range`);
  return { type: 'signedBy', ...principal };
}

function satisfies(signer: Signer, mspId: string, role: PrincipalRole): boolean {
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

/** The organizations named in a policy (a collection's member orgs, `privdata` MemberOrgs). */
export function policyOrganizations(policy: Policy): Set<string> {
  if (policy.type === 'signedBy') return new Set([policy.mspId]);
  return new Set(policy.rules.flatMap((rule) => [...policyOrganizations(rule)]));
}

/** `MAJORITY Endorsement` over the channel's organizations, each `OR('<org>.peer')` (the default, S-60). */
export function majorityPolicy(organizations: readonly string[]): Policy {
  return {
    type: 'outOf',
    n: Math.floor(organizations.length / 2) + 1,
    rules: organizations.map((mspId) => ({ type: 'signedBy', mspId, role: 'peer' }) as const),
  };
}

/** A policy in Fabric's policy language: `AND` when all rules are needed, `OR` when one is, `OutOf` otherwise. */
export function policyToText(policy: Policy): string {
  if (policy.type === 'signedBy') return `'${policy.mspId}.${policy.role}'`;
  const rules = policy.rules.map(policyToText).join(', ');
  if (policy.n === policy.rules.length && policy.rules.length > 1) return `AND(${rules})`;
  if (policy.n === 1) return `OR(${rules})`;
  return `OutOf(${policy.n}, ${rules})`;
}
