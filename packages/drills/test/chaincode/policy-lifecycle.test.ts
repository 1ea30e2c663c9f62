import { msp, peer } from '@hyperledger/fabric-protos';
import { expect } from 'chai';
import { collectionPackage, describePolicy, validationParameter } from '../../src/chaincode/policy-lifecycle';

describe('endorsement policies of a definition', () => {
  it('encodes a channel policy reference', () => {
    const policy = peer.ApplicationPolicy.deserializeBinary(validationParameter({ channelPolicy: '/Channel/X' }));
    expect(policy.getChannelConfigPolicyReference()).to.equal('/Channel/X');
    expect(policy.hasSignaturePolicy()).to.equal(false);
  });

  it('encodes "n out of the peers of these organizations" as a signature policy', () => {
    const policy = peer.ApplicationPolicy.deserializeBinary(
      validationParameter({ outOf: 1, peersOf: ['Org1MSP', 'Org2MSP'] }),
    );
    const envelope = policy.getSignaturePolicy();
    const roles = envelope
      ?.getIdentitiesList()
      .map((p) => msp.MSPRole.deserializeBinary(p.getPrincipal_asU8()))
      .map((r) => `${r.getMspIdentifier()}:${r.getRole()}`);
    expect(roles).to.deep.equal([`Org1MSP:${msp.MSPRole.MSPRoleType.PEER}`, `Org2MSP:${msp.MSPRole.MSPRoleType.PEER}`]);
    const nOutOf = envelope?.getRule()?.getNOutOf();
    expect(nOutOf?.getN()).to.equal(1);
    expect(nOutOf?.getRulesList().map((r) => r.getSignedBy())).to.deep.equal([0, 1]);
  });

  it('describes a policy for the report', () => {
    expect(describePolicy({ channelPolicy: '/Channel/Application/Endorsement' })).to.equal(
      '/Channel/Application/Endorsement',
    );
    expect(describePolicy({ outOf: 2, peersOf: ['A', 'B'] })).to.equal('2 of A.peer, B.peer');
  });
});

describe('collection configs of a definition', () => {
  it('has no package without collections', () => {
    expect(collectionPackage(undefined)).to.equal(undefined);
    expect(collectionPackage([])).to.equal(undefined);
  });

  it('encodes a static collection whose members are any member of the organizations', () => {
    const configs = collectionPackage([{ name: 'c1', memberMspIds: ['Org1MSP'], blockToLive: 7 }])?.getConfigList();
    const config = configs?.[0]?.getStaticCollectionConfig();
    expect(configs).to.have.length(1);
    expect(config?.getName()).to.equal('c1');
    expect(config?.getBlockToLive()).to.equal(7);
    const envelope = config?.getMemberOrgsPolicy()?.getSignaturePolicy();
    const role = msp.MSPRole.deserializeBinary(
      envelope?.getIdentitiesList()[0]?.getPrincipal_asU8() ?? new Uint8Array(),
    );
    expect([role.getMspIdentifier(), role.getRole()]).to.deep.equal(['Org1MSP', msp.MSPRole.MSPRoleType.MEMBER]);
    expect(envelope?.getRule()?.getNOutOf()?.getN()).to.equal(1);
  });
});
