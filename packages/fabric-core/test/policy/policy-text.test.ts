import { expect } from 'chai';
import { parsePolicy, policyMspIds, policyToText } from '../../src';

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

describe('policyMspIds', () => {
  it('lists each MSP ID once, in order of first appearance, from text or a parsed policy', () => {
    const text = "AND('Org1MSP.peer', OR('Org2MSP.peer', 'Org1MSP.admin'))";
    expect(policyMspIds(text)).to.deep.equal(['Org1MSP', 'Org2MSP']);
    expect(policyMspIds(parsePolicy(text))).to.deep.equal(['Org1MSP', 'Org2MSP']);
    expect(policyMspIds({ type: 'signedBy', mspId: 'A', role: 'peer' })).to.deep.equal(['A']);
  });
});
