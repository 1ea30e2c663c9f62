import { policyFromEnvelope, policyToText } from '@fabric-testkit/fabric-core';
import { common, peer } from '@hyperledger/fabric-protos';
import { expect } from 'chai';
import { validationParameter } from '../../src/lifecycle/lifecycle-gateway';

// The policy language, its bytes and the collection package are fabric-core's, and tested there.
describe('validation parameter of a definition', () => {
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
    const envelope = policy.getSignaturePolicy() ?? new common.SignaturePolicyEnvelope();
    expect(policyToText(policyFromEnvelope(envelope.serializeBinary()))).to.equal(
      "AND('Org1MSP.peer', 'Org2MSP.peer')",
    );
  });

  it('refuses a signature policy and a channel policy reference together', () => {
    expect(() =>
      validationParameter({ ...definition, signaturePolicy: "OR('A.peer')", endorsementPolicyReference: '/X' }),
    ).to.throw('chaincode cc: give a signature policy or a channel policy reference, not both');
  });
});
