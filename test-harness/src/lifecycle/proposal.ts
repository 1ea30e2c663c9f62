import { buildProposalBytes, newNonce } from '@fabric-testkit/fabric-core';
import { peer } from '@hyperledger/fabric-protos';
import { serializeIdentity, signWith, type SigningIdentity } from './signing-identity';

/** A chaincode invocation to send as a signed proposal. */
export interface ProposalRequest {
  /** The channel; empty for peer-level system chaincode calls (`InstallChaincode`, `JoinChain`). */
  readonly channelId: string;
  readonly chaincodeName: string;
  /** Function name first, then the arguments. */
  readonly args: readonly Uint8Array[];
}

/** A signed proposal and its transaction ID. */
export interface BuiltProposal {
  readonly transactionId: string;
  readonly signedProposal: peer.SignedProposal;
}

/**
 * Builds and signs an endorser-transaction proposal, as protoutil.CreateChaincodeProposal does: fabric-core writes
 * the proposal and its transaction ID, the identity signs it.
 */
export function buildSignedProposal(identity: SigningIdentity, request: ProposalRequest): BuiltProposal {
  const { transactionId, proposalBytes } = buildProposalBytes({
    channelId: request.channelId,
    chaincodeName: request.chaincodeName,
    args: request.args,
    timestamp: new Date(),
    nonce: newNonce(),
    creator: serializeIdentity(identity),
  });
  const signedProposal = new peer.SignedProposal();
  signedProposal.setProposalBytes(proposalBytes);
  signedProposal.setSignature(signWith(identity, proposalBytes));
  return { transactionId, signedProposal };
}
