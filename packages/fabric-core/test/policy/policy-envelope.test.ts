import { common, msp } from '@hyperledger/fabric-protos';
import { expect } from 'chai';
import {
  parsePolicy,
  parseSignaturePolicy,
  policyFromEnvelope,
  PolicyEnvelopeError,
  PolicyParseError,
  policyToEnvelope,
} from '../../src';
import { treeOf } from '../support/policy-tree';

// Bytes of SignaturePolicyEnvelope from Fabric's own policydsl.FromString (fabric common/policydsl, Go), hex.
const FABRIC_BYTES: Record<string, string> = {
  "AND('Org1MSP.peer','Org2MSP.peer')":
    '120c120a080212020800120208011a0d120b0a074f7267314d535010031a0d120b0a074f7267324d53501003',
  "OR('A.member', AND('B.member', 'C.member'))":
    '12161214080112020802120c120a080212020800120208011a0512030a01421a0512030a01431a0512030a0141',
  "OutOf(2, 'A.admin', OR('B.client', 'C.orderer'), 'D.peer')":
    '121a1218080212020802120c120a08011202080012020801120208031a0712050a014210021a0712050a014310041a0712050a014110011a0712050a01441003',
};

describe('signature policies in Fabric policy language', () => {
  for (const [policy, hex] of Object.entries(FABRIC_BYTES)) {
    it(`encodes ${policy} to the bytes Fabric's policydsl makes`, () => {
      expect(Buffer.from(parseSignaturePolicy(policy).serializeBinary()).toString('hex')).to.equal(hex);
    });
  }

  it('decodes to the expected rule tree, gates in any case, double quotes and a quoted threshold', () => {
    const envelope = common.SignaturePolicyEnvelope.deserializeBinary(
      parseSignaturePolicy(
        `outof('1', "Org1MSP.member", and('Org2MSP.peer', 'My-Org.With.Dots.client'))`,
      ).serializeBinary(),
    );
    expect(treeOf(envelope)).to.deep.equal({
      n: 1,
      rules: ['Org1MSP.member', { n: 2, rules: ['Org2MSP.peer', 'My-Org.With.Dots.client'] }],
    });
    expect(envelope.getIdentitiesList().map((p) => p.getPrincipalClassification())).to.deep.equal([
      msp.MSPPrincipal.Classification.ROLE,
      msp.MSPPrincipal.Classification.ROLE,
      msp.MSPPrincipal.Classification.ROLE,
    ]);
  });

  it('refuses what the parser refuses, with PolicyParseError', () => {
    expect(() => parseSignaturePolicy("'A.member'"))
      .to.throw(PolicyParseError, 'a policy must be a gate')
      .with.property('isFabricTestkitError', true);
  });
});

describe('policyFromEnvelope', () => {
  it('reads back what policyToEnvelope writes, a single principal included', () => {
    for (const text of Object.keys(FABRIC_BYTES)) {
      const policy = parsePolicy(text);
      expect(policyFromEnvelope(policyToEnvelope(policy).serializeBinary())).to.deep.equal(policy);
    }
    const single = { type: 'signedBy', mspId: 'A', role: 'client' } as const;
    expect(policyFromEnvelope(policyToEnvelope(single).serializeBinary())).to.deep.equal(single);
  });

  function envelopeWith(principal: msp.MSPPrincipal, rule?: common.SignaturePolicy): Uint8Array {
    const envelope = new common.SignaturePolicyEnvelope();
    envelope.setIdentitiesList([principal]);
    if (rule) envelope.setRule(rule);
    return envelope.serializeBinary();
  }

  function rolePrincipal(role: number): msp.MSPPrincipal {
    const mspRole = new msp.MSPRole();
    mspRole.setMspIdentifier('A');
    mspRole.setRole(role as msp.MSPRole.MSPRoleTypeMap[keyof msp.MSPRole.MSPRoleTypeMap]);
    const principal = new msp.MSPPrincipal();
    principal.setPrincipalClassification(msp.MSPPrincipal.Classification.ROLE);
    principal.setPrincipal(mspRole.serializeBinary());
    return principal;
  }

  function signedBy(index: number): common.SignaturePolicy {
    const rule = new common.SignaturePolicy();
    rule.setSignedBy(index);
    return rule;
  }

  it('refuses principals that are not roles, unknown roles, a missing rule and a dangling index', () => {
    const identity = new msp.MSPPrincipal();
    identity.setPrincipalClassification(msp.MSPPrincipal.Classification.IDENTITY);
    expect(() => policyFromEnvelope(envelopeWith(identity, signedBy(0)))).to.throw(
      PolicyEnvelopeError,
      'only ROLE principals are supported in validation parameters',
    );
    expect(() => policyFromEnvelope(envelopeWith(rolePrincipal(42), signedBy(0)))).to.throw('unknown MSP role 42');
    expect(() => policyFromEnvelope(envelopeWith(rolePrincipal(0)))).to.throw('validation parameter has no rule');
    expect(() => policyFromEnvelope(envelopeWith(rolePrincipal(0), signedBy(3)))).to.throw(
      'identity index 3 out of range',
    );
  });
});
