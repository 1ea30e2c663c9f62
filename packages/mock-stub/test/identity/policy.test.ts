import { expect } from 'chai';
import { parsePolicy, policyFromEnvelope, policyMspIds } from '@fabric-testkit/fabric-core';
import { KeyEndorsementPolicy } from 'fabric-shim';
import { evaluatePolicy, majorityPolicy } from '../../src/identity/policy';

const peer = (mspId: string) => ({ mspId, role: 'peer' as const });

describe('signature policy evaluation (cauthdsl.go)', () => {
  it('evaluates with each signer used once; peers satisfy member and peer, not admin', () => {
    const and = parsePolicy("AND('A.member','A.member')");
    expect(evaluatePolicy(and, [peer('A')])).to.equal(false);
    expect(evaluatePolicy(and, [peer('A'), peer('A')])).to.equal(true);
    expect(evaluatePolicy(parsePolicy("OR('A.admin')"), [peer('A')])).to.equal(false);
    expect(evaluatePolicy(parsePolicy("OutOf(2,'A.peer','B.peer','C.peer')"), [peer('C'), peer('A')])).to.equal(true);
    expect(evaluatePolicy(majorityPolicy(['A', 'B', 'C']), [peer('B')])).to.equal(false);
  });

  it('reads KeyEndorsementPolicy envelopes (fabric-shim statebased.js)', () => {
    const kep = new KeyEndorsementPolicy();
    kep.addOrgs('MEMBER', 'A', 'B');
    const policy = policyFromEnvelope(kep.getPolicy());
    expect(policyMspIds(policy)).to.deep.equal(['A', 'B']);
    expect(evaluatePolicy(policy, [peer('A')])).to.equal(false);
    expect(evaluatePolicy(policy, [peer('B'), peer('A')])).to.equal(true);
  });
});
