import { expect } from 'chai';
import { KeyEndorsementPolicy } from 'fabric-shim';
import {
  evaluatePolicy,
  majorityPolicy,
  parsePolicy,
  policyFromEnvelope,
  policyOrganizations,
  policyToText,
} from '../../src/identity/policy';

const peer = (mspId: string) => ({ mspId, role: 'peer' as const });

describe('signature policies (policydsl/policyparser.go, cauthdsl.go)', () => {
  it('parses AND, OR, OutOf and principals', () => {
    expect(parsePolicy("AND('A.peer', OR('B.member', OutOf(1, 'C.admin')))")).to.deep.equal({
      type: 'outOf',
      n: 2,
      rules: [
        { type: 'signedBy', mspId: 'A', role: 'peer' },
        {
          type: 'outOf',
          n: 1,
          rules: [
            { type: 'signedBy', mspId: 'B', role: 'member' },
            { type: 'outOf', n: 1, rules: [{ type: 'signedBy', mspId: 'C', role: 'admin' }] },
          ],
        },
      ],
    });
  });

  it('rejects malformed policies', () => {
    expect(() => parsePolicy("AND('A.peer'")).to.throw(/expected '\)'/);
    expect(() => parsePolicy("XOR('A.peer')")).to.throw(/expected AND, OR, OutOf/);
    expect(() => parsePolicy("'A.king'")).to.throw("invalid principal [A.king] in policy ['A.king']");
    expect(() => parsePolicy("'A.peer' x")).to.throw(/unexpected trailing text/);
    expect(() => parsePolicy('OutOf(x, "A.peer")')).to.throw(/expected a number/);
    expect(() => parsePolicy("'A.peer")).to.throw(/unterminated principal/);
  });

  it('evaluates with each signer used once; peers satisfy member and peer, not admin', () => {
    const and = parsePolicy("AND('A.member','A.member')");
    expect(evaluatePolicy(and, [peer('A')])).to.equal(false);
    expect(evaluatePolicy(and, [peer('A'), peer('A')])).to.equal(true);
    expect(evaluatePolicy(parsePolicy("'A.admin'"), [peer('A')])).to.equal(false);
    expect(evaluatePolicy(parsePolicy("OutOf(2,'A.peer','B.peer','C.peer')"), [peer('C'), peer('A')])).to.equal(true);
    expect(evaluatePolicy(majorityPolicy(['A', 'B', 'C']), [peer('B')])).to.equal(false);
  });

  it('reads KeyEndorsementPolicy envelopes (fabric-shim statebased.js)', () => {
    const kep = new KeyEndorsementPolicy();
    kep.addOrgs('MEMBER', 'A', 'B');
    const policy = policyFromEnvelope(kep.getPolicy());
    expect([...policyOrganizations(policy)]).to.deep.equal(['A', 'B']);
    expect(evaluatePolicy(policy, [peer('A')])).to.equal(false);
    expect(evaluatePolicy(policy, [peer('B'), peer('A')])).to.equal(true);
  });
});

describe('policyToText (the ledger view shows key-level policies in the policy language)', () => {
  it('writes OR, AND and OutOf, and reads back to the same policy', () => {
    for (const text of [
      "OR('Org1MSP.peer')",
      "AND('Org1MSP.peer', 'Org2MSP.member')",
      "OutOf(2, 'Org1MSP.peer', 'Org2MSP.admin', 'Org3MSP.client')",
      "OR('Org1MSP.peer', AND('Org2MSP.peer', 'Org3MSP.peer'))",
    ]) {
      expect(policyToText(parsePolicy(text))).to.equal(text);
    }
  });
});
