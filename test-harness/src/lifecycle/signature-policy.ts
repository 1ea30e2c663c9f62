import { common, msp } from '@hyperledger/fabric-protos';
import { FabricTestkitError } from '../errors';

/** A syntax or semantic error in a Fabric policy language string. */
export class PolicyParseError extends FabricTestkitError {
  /** The policy string that did not parse. */
  readonly policy: string;

  constructor(policy: string, detail: string) {
    super(`invalid signature policy "${policy}": ${detail}`);
    this.name = 'PolicyParseError';
    this.policy = policy;
  }
}

type RoleType = msp.MSPRole.MSPRoleTypeMap[keyof msp.MSPRole.MSPRoleTypeMap];

const ROLES: Readonly<Record<string, RoleType>> = {
  member: msp.MSPRole.MSPRoleType.MEMBER,
  admin: msp.MSPRole.MSPRoleType.ADMIN,
  client: msp.MSPRole.MSPRoleType.CLIENT,
  peer: msp.MSPRole.MSPRoleType.PEER,
  orderer: msp.MSPRole.MSPRoleType.ORDERER,
};

const PRINCIPAL = /^([A-Za-z0-9.-]+)\.(admin|member|client|peer|orderer)$/;

/** A parsed policy expression: a principal (`'Org1MSP.peer'`) or a gate (`OutOf(n, ...)`; AND is n = all, OR is 1). */
type Expression =
  | { readonly principal: string; readonly role: RoleType }
  | { readonly n: number; readonly operands: readonly Expression[] };

/** Tokens: names, numbers, quoted strings, parentheses and commas. */
function tokenize(policy: string): string[] {
  const tokens: string[] = [];
  const pattern = /\s*(?:('[^']*'|"[^"]*")|([A-Za-z]+)|(-?\d+)|([(),])|(\S))/y;
  let match: RegExpExecArray | null;
  while (pattern.lastIndex < policy.length && (match = pattern.exec(policy)) !== null) {
    const [, quoted, name, number, punct, other] = match;
    if (other !== undefined) {
      throw new PolicyParseError(policy, `unexpected character '${other}'`);
    }
    tokens.push(quoted ?? name ?? number ?? punct ?? '');
  }
  return tokens.filter((t) => t !== '');
}

class Parser {
  #position = 0;

  constructor(
    readonly policy: string,
    readonly tokens: readonly string[],
  ) {}

  parse(): Expression {
    const expression = this.#expression();
    if (this.#position !== this.tokens.length) {
      throw new PolicyParseError(this.policy, `unexpected '${this.tokens[this.#position] ?? ''}'`);
    }
    return expression;
  }

  #next(): string {
    const token = this.tokens[this.#position++];
    if (token === undefined) {
      throw new PolicyParseError(this.policy, 'unexpected end');
    }
    return token;
  }

  #expect(token: string): void {
    const found = this.#next();
    if (found !== token) {
      throw new PolicyParseError(this.policy, `expected '${token}', found '${found}'`);
    }
  }

  #expression(): Expression {
    const token = this.#next();
    if (/^['"]/.test(token)) {
      return this.#principal(token.slice(1, -1));
    }
    const gate = token.toLowerCase();
    if (gate !== 'and' && gate !== 'or' && gate !== 'outof') {
      throw new PolicyParseError(this.policy, `unrecognized token '${token}'`);
    }
    this.#expect('(');
    const args: (Expression | number)[] = [];
    if (gate === 'outof') {
      args.push(this.#threshold());
      this.#expect(',');
    }
    args.push(this.#expression());
    while (this.tokens[this.#position] === ',') {
      this.#position++;
      args.push(this.#expression());
    }
    this.#expect(')');
    const operands = args.filter((a): a is Expression => typeof a !== 'number');
    const n = gate === 'and' ? operands.length : gate === 'or' ? 1 : Number(args[0]);
    if (n < 0 || n > operands.length + 1) {
      throw new PolicyParseError(this.policy, `invalid t-out-of-n predicate, t ${n}, n ${operands.length}`);
    }
    return { n, operands };
  }

  /** OutOf's first argument: a number, or a quoted number (as Fabric accepts). */
  #threshold(): number {
    const token = this.#next();
    const digits = /^['"]?(-?\d+)['"]?$/.exec(token)?.[1];
    if (digits === undefined) {
      throw new PolicyParseError(this.policy, `OutOf expects a number first, found '${token}'`);
    }
    return Number.parseInt(digits, 10);
  }

  #principal(text: string): Expression {
    const match = PRINCIPAL.exec(text);
    const role = match?.[2] === undefined ? undefined : ROLES[match[2]];
    if (!match?.[1] || role === undefined) {
      throw new PolicyParseError(this.policy, `error parsing principal ${text}`);
    }
    return { principal: match[1], role };
  }
}

/**
 * Builds the rule of a gate, numbering principals as Fabric's `policydsl.FromString` does: the principals of
 * nested gates first (left to right), then the gate's own principals in order; principals are not deduplicated.
 */
function build(expression: Expression, identities: msp.MSPPrincipal[]): common.SignaturePolicy {
  if ('principal' in expression) {
    return signedBy(expression, identities);
  }
  const nested = new Map<Expression, common.SignaturePolicy>();
  for (const operand of expression.operands) {
    if (!('principal' in operand)) {
      nested.set(operand, build(operand, identities));
    }
  }
  const nOutOf = new common.SignaturePolicy.NOutOf();
  nOutOf.setN(expression.n);
  nOutOf.setRulesList(expression.operands.map((o) => nested.get(o) ?? build(o, identities)));
  const rule = new common.SignaturePolicy();
  rule.setNOutOf(nOutOf);
  return rule;
}

function signedBy(
  expression: { readonly principal: string; readonly role: RoleType },
  identities: msp.MSPPrincipal[],
): common.SignaturePolicy {
  const role = new msp.MSPRole();
  role.setMspIdentifier(expression.principal);
  role.setRole(expression.role);
  const principal = new msp.MSPPrincipal();
  principal.setPrincipalClassification(msp.MSPPrincipal.Classification.ROLE);
  principal.setPrincipal(role.serializeBinary());
  identities.push(principal);
  const rule = new common.SignaturePolicy();
  rule.setSignedBy(identities.length - 1);
  return rule;
}

/**
 * Parses a policy in Fabric's policy language into a `SignaturePolicyEnvelope`, with the same bytes as Fabric's
 * `policydsl.FromString` (common/policydsl/policyparser.go). Gates: `AND(...)`, `OR(...)`, `OutOf(n, ...)`
 * (any case); principals `'<MSP ID>.<member|admin|client|peer|orderer>'`.
 *
 * @example
 * ```ts
 * const envelope = parseSignaturePolicy("AND('Org1MSP.peer', OR('Org2MSP.peer', 'Org3MSP.peer'))");
 * ```
 * @throws {@link PolicyParseError} when the string is not a valid policy.
 */
export function parseSignaturePolicy(policy: string): common.SignaturePolicyEnvelope {
  const expression = new Parser(policy, tokenize(policy)).parse();
  if ('principal' in expression) {
    throw new PolicyParseError(policy, 'a policy must be a gate (AND, OR, OutOf), not a bare principal');
  }
  const identities: msp.MSPPrincipal[] = [];
  const rule = build(expression, identities);
  const envelope = new common.SignaturePolicyEnvelope();
  envelope.setVersion(0);
  envelope.setRule(rule);
  envelope.setIdentitiesList(identities);
  return envelope;
}

/**
 * The MSP IDs a policy names, each once, in the order they first appear; so a caller can check them against the
 * organizations it knows before Fabric silently never satisfies the policy.
 *
 * @example
 * ```ts
 * policyMspIds("AND('Org1MSP.peer', OR('Org2MSP.peer', 'Org1MSP.admin'))"); // ['Org1MSP', 'Org2MSP']
 * ```
 * @throws {@link PolicyParseError} when the string is not a valid policy.
 */
export function policyMspIds(policy: string): string[] {
  const ids = new Set<string>();
  const visit = (expression: Expression): void => {
    if ('principal' in expression) ids.add(expression.principal);
    else expression.operands.forEach(visit);
  };
  visit(new Parser(policy, tokenize(policy)).parse());
  return [...ids];
}
