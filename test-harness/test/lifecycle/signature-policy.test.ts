import { common, msp, peer } from '@hyperledger/fabric-protos';
import { expect } from 'chai';
import { collectionConfigPackage } from '../../src/lifecycle/collections';
import { validationParameter } from '../../src/lifecycle/lifecycle-gateway';
import { parseSignaturePolicy, PolicyParseError } from '../../src/lifecycle/signature-policy';

// Bytes of SignaturePolicyEnvelope from Fabric's own policydsl.FromString (fabric common/policydsl, Go), hex.
const FABRIC_BYTES: Record<string, string> = {
  "AND('Org1MSP.peer','Org2MSP.peer')":
    '120c120a080212020800120208011a0d120b0a074f7267314d535010031a0d120b0a074f7267324d53501003',
  "OR('A.member', AND('B.member', 'C.member'))":
    '12161214080112020802120c120a080212020800120208011a0512030a01421a0512030a01431a0512030a0141',
  "OutOf(2, 'A.admin', OR('B.client', 'C.orderer'), 'D.peer')":
    '121a1218080212020802120c120a08011202080012020801120208031a0712050a014210021a0712050a014310041a0712050a014110011a0712050a01441003',
};

/** The rule tree with principals resolved: `{ n, rules }` for gates, `MSP.role` for signatures. */
type Tree = string | { n: number; rules: Tree[] };

function treeOf(envelope: common.SignaturePolicyEnvelope): Tree {
  const roles = envelope.getIdentitiesList().map((p) => {
    const role = msp.MSPRole.deserializeBinary(p.getPrincipal_asU8());
    const name = Object.entries(msp.MSPRole.MSPRoleType).find(([, v]) => v === role.getRole())?.[0] ?? '?';
    return `${role.getMspIdentifier()}.${name.toLowerCase()}`;
  });
  const walk = (rule: common.SignaturePolicy | undefined): Tree => {
    const nOutOf = rule?.getNOutOf();
    if (nOutOf) return { n: nOutOf.getN(), rules: nOutOf.getRulesList().map(walk) };
    return roles[rule?.getSignedBy() ?? -1] ?? 'missing';
  };
  return walk(envelope.getRule());
}

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

  const invalid: [string, string][] = [
    ["OR('A.member', 'Bmember')", 'error parsing principal Bmember'],
    ["OR('A.member', Bmember)", "unrecognized token 'Bmember'"],
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
      expect(() => parseSignaturePolicy(policy))
        .to.throw(PolicyParseError, message)
        .with.property('policy', policy);
    });
  }
});

describe('validation parameter and collections of a definition', () => {
  const definition = { name: 'cc', version: '1', sequence: 1 };

  it('defaults to the channel Endorsement policy reference', () => {
    const policy = peer.ApplicationPolicy.deserializeBinary(validationParameter(definition));
    expect(policy.getChannelConfigPolicyReference()).to.equal('/Channel/Application/Endorsement');
  });

  it('encodes a signature policy inside ApplicationPolicy', () => {
    const policy = peer.ApplicationPolicy.deserializeBinary(
      validationParameter({ ...definition, signaturePolicy: "AND('Org1MSP.peer','Org2MSP.peer')" }),
    );
    expect(policy.hasSignaturePolicy()).to.equal(true);
    expect(treeOf(policy.getSignaturePolicy() ?? new common.SignaturePolicyEnvelope())).to.deep.equal({
      n: 2,
      rules: ['Org1MSP.peer', 'Org2MSP.peer'],
    });
  });

  it('refuses a signature policy and a channel policy reference together', () => {
    expect(() =>
      validationParameter({ ...definition, signaturePolicy: "OR('A.peer')", endorsementPolicyReference: '/X' }),
    ).to.throw('chaincode cc: give a signature policy or a channel policy reference, not both');
  });

  it('has no collection package without collections', () => {
    expect(collectionConfigPackage(undefined)).to.equal(undefined);
    expect(collectionConfigPackage([])).to.equal(undefined);
  });

  it("encodes Fabric's collection JSON shape with its defaults", () => {
    const configs = collectionConfigPackage([
      {
        name: 'full',
        policy: "OR('Org1MSP.member', 'Org2MSP.member')",
        requiredPeerCount: 1,
        maxPeerCount: 2,
        blockToLive: 7,
        memberOnlyRead: true,
        memberOnlyWrite: true,
        endorsementPolicy: { signaturePolicy: "OR('Org1MSP.peer')" },
      },
      { name: 'plain', policy: "OR('Org1MSP.member')", endorsementPolicy: { channelConfigPolicy: '/Channel/X' } },
    ]);
    const [full, plain] = (configs?.getConfigList() ?? []).map(
      (c) => c.getStaticCollectionConfig() ?? new peer.StaticCollectionConfig(),
    );
    expect(summary(full)).to.deep.equal(['full', 1, 2, 7, true, true]);
    expect(summary(plain)).to.deep.equal(['plain', 0, 1, 0, false, false]);
    const empty = new common.SignaturePolicyEnvelope();
    expect(treeOf(full?.getMemberOrgsPolicy()?.getSignaturePolicy() ?? empty)).to.deep.equal({
      n: 1,
      rules: ['Org1MSP.member', 'Org2MSP.member'],
    });
    expect(treeOf(full?.getEndorsementPolicy()?.getSignaturePolicy() ?? empty)).to.deep.equal({
      n: 1,
      rules: ['Org1MSP.peer'],
    });
    expect(plain?.getEndorsementPolicy()?.getChannelConfigPolicyReference()).to.equal('/Channel/X');
  });
});

function summary(config: peer.StaticCollectionConfig | undefined): unknown[] {
  if (!config) return [];
  return [
    config.getName(),
    config.getRequiredPeerCount(),
    config.getMaximumPeerCount(),
    config.getBlockToLive(),
    config.getMemberOnlyRead(),
    config.getMemberOnlyWrite(),
  ];
}
