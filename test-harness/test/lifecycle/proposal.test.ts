import { expect } from 'chai';
import { verify } from 'node:crypto';
import { common, msp, peer } from '@hyperledger/fabric-protos';
import { generateEcKeyPair } from '../../src/crypto/ecdsa';
import { computeTransactionId } from '@fabric-testkit/fabric-core';
import { buildSignedProposal } from '../../src/lifecycle/proposal';

describe('signed proposals', () => {
  const keys = generateEcKeyPair();
  const identity = { mspId: 'Org1MSP', certificate: 'CERT-PEM', privateKey: keys.privateKey };

  it('builds an endorser transaction proposal that Fabric can read, signed by the creator', () => {
    const { transactionId, signedProposal } = buildSignedProposal(identity, {
      channelId: '',
      chaincodeName: 'cscc',
      args: [Buffer.from('JoinChain'), Buffer.from([1, 2, 3])],
    });
    const bytes = signedProposal.getProposalBytes_asU8();
    expect(verify('sha256', bytes, keys.publicKey, signedProposal.getSignature_asU8())).to.equal(true);

    const proposal = peer.Proposal.deserializeBinary(bytes);
    const header = common.Header.deserializeBinary(proposal.getHeader_asU8());
    const channelHeader = common.ChannelHeader.deserializeBinary(header.getChannelHeader_asU8());
    const signatureHeader = common.SignatureHeader.deserializeBinary(header.getSignatureHeader_asU8());
    expect(channelHeader.getType()).to.equal(common.HeaderType.ENDORSER_TRANSACTION);
    expect(channelHeader.getChannelId()).to.equal('');
    expect(channelHeader.getTxId()).to.equal(transactionId);
    expect(transactionId).to.equal(
      computeTransactionId(signatureHeader.getNonce_asU8(), signatureHeader.getCreator_asU8()),
    );
    const extension = peer.ChaincodeHeaderExtension.deserializeBinary(channelHeader.getExtension_asU8());
    expect(extension.getChaincodeId()?.getName()).to.equal('cscc');

    const creator = msp.SerializedIdentity.deserializeBinary(signatureHeader.getCreator_asU8());
    expect(creator.getMspid()).to.equal('Org1MSP');
    expect(Buffer.from(creator.getIdBytes_asU8()).toString()).to.equal('CERT-PEM');

    const payload = peer.ChaincodeProposalPayload.deserializeBinary(proposal.getPayload_asU8());
    const invocation = peer.ChaincodeInvocationSpec.deserializeBinary(payload.getInput_asU8());
    const args = invocation.getChaincodeSpec()?.getInput()?.getArgsList_asU8() ?? [];
    expect(args.map((a) => Buffer.from(a).toString('hex'))).to.deep.equal([
      Buffer.from('JoinChain').toString('hex'),
      '010203',
    ]);
  });

  it('uses a fresh nonce, so transaction IDs differ', () => {
    const request = { channelId: 'c', chaincodeName: 'x', args: [] };
    expect(buildSignedProposal(identity, request).transactionId).to.not.equal(
      buildSignedProposal(identity, request).transactionId,
    );
  });
});
