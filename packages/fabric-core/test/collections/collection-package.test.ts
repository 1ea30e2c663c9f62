import { common, peer } from '@hyperledger/fabric-protos';
import { expect } from 'chai';
import { applicationPolicy, collectionConfigPackage, PolicyConflictError } from '../../src';
import { treeOf } from '../support/policy-tree';

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

describe('collectionConfigPackage', () => {
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

describe('applicationPolicy', () => {
  it('is empty for neither, and refuses both with PolicyConflictError naming the owner', () => {
    const neither = applicationPolicy(undefined, undefined, 'chaincode cc');
    expect(neither.hasSignaturePolicy()).to.equal(false);
    expect(neither.getChannelConfigPolicyReference()).to.equal('');
    expect(() => applicationPolicy("OR('A.peer')", '/X', 'chaincode cc'))
      .to.throw(PolicyConflictError, 'chaincode cc: give a signature policy or a channel policy reference, not both')
      .with.property('owner', 'chaincode cc');
  });
});
