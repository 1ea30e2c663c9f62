import { gateway as gatewayProtos, peer } from '@hyperledger/fabric-protos';

/*
 * fabric-gateway has no option for `is_init`, which the first transaction of an `initRequired` chaincode needs
 * (core/chaincode/lifecycle checks it). The gateway builds the proposal offline; this sets the flag in its
 * `ChaincodeInput`, and the caller signs the new proposal bytes (fabric-gateway's offline signing flow).
 */

/** Sets `is_init` in a serialized `ProposedTransaction`; returns it and the new proposal bytes to sign. */
export function withIsInit(proposedBytes: Uint8Array): { bytes: Uint8Array; proposalBytes: Uint8Array } {
  const proposed = gatewayProtos.ProposedTransaction.deserializeBinary(proposedBytes);
  const signed = proposed.getProposal();
  if (!signed) throw new Error('the proposed transaction has no proposal');
  const proposal = peer.Proposal.deserializeBinary(signed.getProposalBytes_asU8());
  const payload = peer.ChaincodeProposalPayload.deserializeBinary(proposal.getPayload_asU8());
  const invocation = peer.ChaincodeInvocationSpec.deserializeBinary(payload.getInput_asU8());
  const input = invocation.getChaincodeSpec()?.getInput();
  if (!input) throw new Error('the proposal has no chaincode input');
  input.setIsInit(true);
  payload.setInput(invocation.serializeBinary());
  proposal.setPayload(payload.serializeBinary());
  const proposalBytes = proposal.serializeBinary();
  signed.setProposalBytes(proposalBytes);
  signed.setSignature(new Uint8Array());
  proposed.setProposal(signed);
  return { bytes: proposed.serializeBinary(), proposalBytes };
}
