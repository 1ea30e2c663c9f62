import { msp, peer } from '@hyperledger/fabric-protos';
import { expect } from 'chai';
import { describePolicy, validationParameter } from '../../src/chaincode/policy-lifecycle';

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
