import { expect } from 'chai';
import { parsePolicy, PolicyParseError } from '../../src';

describe('parsePolicy (common/policydsl/policyparser.go)', () => {
  it('parses AND, OR, OutOf and principals into one tree', () => {
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

  it("accepts each gate in Fabric's three spellings, double quotes and a quoted threshold", () => {
    for (const gate of ['AND', 'And', 'and']) {
      expect(parsePolicy(`${gate}("A.peer", 'B.peer')`).n).to.equal(2);
    }
    for (const gate of ['OR', 'Or', 'or']) expect(parsePolicy(`${gate}('A.peer', 'B.peer')`).n).to.equal(1);
    for (const gate of ['OutOf', 'OUTOF', 'outof'])
      expect(parsePolicy(`${gate}('2', 'A.peer', 'B.peer')`).n).to.equal(2);
  });

  const invalid: [string, string][] = [
    ["OR('A.member', 'Bmember')", 'error parsing principal Bmember'],
    ["OR('A.member', Bmember)", "unrecognized token 'Bmember'"],
    ["XOR('A.peer')", "unrecognized token 'XOR'"],
    ["aNd('A.peer')", "unrecognized token 'aNd'"],
    ["OR('A.PEER')", 'error parsing principal A.PEER'],
    ["OR('A.king')", 'error parsing principal A.king'],
    ["OutOf(3, 'A.member')", 'invalid t-out-of-n predicate, t 3, n 1'],
    ["OutOf(-1, 'A.member')", 'invalid t-out-of-n predicate, t -1, n 1'],
    ["OutOf(true, 'A.member')", "OutOf expects a number first, found 'true'"],
    ["AND('A.member'", 'unexpected end'],
    ["AND('A.member'))", "unexpected ')'"],
    ["AND('A.member' 'B.member')", "expected ')', found ''B.member''"],
    ["AND('A.member') & x", "unexpected character '&'"],
    ["'A.member'", 'a policy must be a gate'],
  ];
  for (const [policy, message] of invalid) {
    it(`refuses ${policy}`, () => {
      expect(() => parsePolicy(policy))
        .to.throw(PolicyParseError, message)
        .with.property('policy', policy);
    });
  }

  it('permits a threshold of n + 1, as Fabric does (a policy nobody satisfies)', () => {
    expect(parsePolicy("OutOf(2, 'A.peer')").n).to.equal(2);
  });
});
