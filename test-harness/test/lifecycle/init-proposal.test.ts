import { generateKeyPairSync } from 'node:crypto';
import { connect } from '@hyperledger/fabric-gateway';
import { gateway as gatewayProtos, peer } from '@hyperledger/fabric-protos';
import { createPeerClient } from '../../src/lifecycle/endorser-client';
import { expect } from 'chai';
import { withIsInit } from '../../src/lifecycle/init-proposal';

describe('withIsInit', () => {
  it('sets is_init in the proposal built by fabric-gateway, keeping its transaction ID and arguments', () => {
    // No call is made: fabric-gateway builds proposals offline; the client never connects.
    const client = createPeerClient({ address: '127.0.0.1:1', tlsCaCertificate: '', serverName: 'none' });
    const { publicKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
    const gateway = connect({
      client,
      identity: { mspId: 'Org1MSP', credentials: Buffer.from(publicKey.export({ type: 'spki', format: 'pem' })) },
    });
    try {
      const unsigned = gateway
        .getNetwork('ch')
        .getContract('cc')
        .newProposal('CreateAsset', { arguments: ['a1'] });
      const { bytes, proposalBytes } = withIsInit(unsigned.getBytes());
      const proposed = gatewayProtos.ProposedTransaction.deserializeBinary(bytes);
      expect(proposed.getTransactionId()).to.equal(unsigned.getTransactionId());
      expect(proposed.getProposal()?.getProposalBytes_asU8()).to.deep.equal(proposalBytes);
      const payload = peer.ChaincodeProposalPayload.deserializeBinary(
        peer.Proposal.deserializeBinary(proposalBytes).getPayload_asU8(),
      );
      const input = peer.ChaincodeInvocationSpec.deserializeBinary(payload.getInput_asU8())
        .getChaincodeSpec()
        ?.getInput();
      expect(input?.getIsInit()).to.equal(true);
      expect(input?.getArgsList_asU8().map((a) => Buffer.from(a).toString())).to.deep.equal(['CreateAsset', 'a1']);
    } finally {
      gateway.close();
      client.close();
    }
  });
});
