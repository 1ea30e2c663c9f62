/**
 * Fabric's policy language, parsed as `common/policydsl/policyparser.go` (`FromString`) accepts it: gates
 * `AND`/`And`/`and`, `OR`/`Or`/`or`, `OutOf`/`OUTOF`/`outof`; principals `'<MSP ID>.<role>'` where the MSP ID is
 * alphanumerics, `.` and `-` and the role is lower case; a threshold from -∞ to n + 1 is refused outside 0..n+1;
 * the whole policy must be a gate.
 */
import { PolicyParseError } from '../errors';
import { isMspRoleName } from '../msp-role';
import type { OutOfPolicy, Policy, SignedByPolicy } from './policy';

/** policyparser.go `regex`: `^([[:alnum:].-]+)([.])(admin|member|client|peer|orderer)$`. */
const PRINCIPAL = /^([A-Za-z0-9.-]+)\.(admin|member|client|peer|orderer)$/;

/** policyparser.go registers each gate in three spellings: as written, lower case and upper case. */
const GATES: Readonly<Record<string, 'and' | 'or' | 'outof'>> = {
  And: 'and',
  and: 'and',
  AND: 'and',
  Or: 'or',
  or: 'or',
  OR: 'or',
  OutOf: 'outof',
  outof: 'outof',
  OUTOF: 'outof',
};

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

  parse(): Policy {
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

  #expression(): Policy {
    const token = this.#next();
    if (/^['"]/.test(token)) {
      return this.#principal(token.slice(1, -1));
    }
    const gate = GATES[token];
    if (gate === undefined) {
      throw new PolicyParseError(this.policy, `unrecognized token '${token}'`);
    }
    this.#expect('(');
    const threshold = gate === 'outof' ? this.#threshold() : undefined;
    const rules = [this.#expression()];
    while (this.tokens[this.#position] === ',') {
      this.#position++;
      rules.push(this.#expression());
    }
    this.#expect(')');
    const n = threshold ?? (gate === 'and' ? rules.length : 1);
    // policyparser.go secondPass: "t should be positive, permit equal to n+1, but disallow over n+1".
    if (n < 0 || n > rules.length + 1) {
      throw new PolicyParseError(this.policy, `invalid t-out-of-n predicate, t ${n}, n ${rules.length}`);
    }
    return { type: 'outOf', n, rules };
  }

  /** OutOf's first argument and its comma: a number, or a quoted number (policyparser.go `outof` takes strings). */
  #threshold(): number {
    const token = this.#next();
    const digits = /^['"]?(-?\d+)['"]?$/.exec(token)?.[1];
    if (digits === undefined) {
      throw new PolicyParseError(this.policy, `OutOf expects a number first, found '${token}'`);
    }
    this.#expect(',');
    return Number.parseInt(digits, 10);
  }

  #principal(text: string): SignedByPolicy {
    const match = PRINCIPAL.exec(text);
    const mspId = match?.[1];
    const role = match?.[2];
    if (mspId === undefined || role === undefined || !isMspRoleName(role)) {
      throw new PolicyParseError(this.policy, `error parsing principal ${text}`);
    }
    return { type: 'signedBy', mspId, role };
  }
}

/**
 * Parses a policy in Fabric's policy language, as `policydsl.FromString` (common/policydsl/policyparser.go) does.
 * Gates: `AND(...)`, `OR(...)`, `OutOf(n, ...)`; principals `'<MSP ID>.<member|admin|client|peer|orderer>'`.
 *
 * @example
 * ```ts
 * parsePolicy("AND('Org1MSP.peer', OR('Org2MSP.peer', 'Org3MSP.peer'))");
 * // { type: 'outOf', n: 2, rules: [{ type: 'signedBy', mspId: 'Org1MSP', role: 'peer' }, { type: 'outOf', ... }] }
 * ```
 * @throws {@link PolicyParseError} when the string is not a valid policy, or is a bare principal (Fabric refuses
 * those: `FromString` needs a gate).
 */
export function parsePolicy(policy: string): OutOfPolicy {
  const parsed = new Parser(policy, tokenize(policy)).parse();
  if (parsed.type === 'signedBy') {
    throw new PolicyParseError(policy, 'a policy must be a gate (AND, OR, OutOf), not a bare principal');
  }
  return parsed;
}
