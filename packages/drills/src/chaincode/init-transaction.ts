import { createHash } from 'node:crypto';
import { connect, signers } from '@hyperledger/fabric-gateway';
import { gateway as gatewayProtos, peer } from '@hyperledger/fabric-protos';
import { createPeerClient, type PeerEndpoint, type SigningIdentity } from '@fabric-testkit/test-harness';
import type { CommittedTransaction } from './lifecycle-steps';

/**
 * Submits a transaction with `is_init` set, as an init-required chaincode needs first (fabric-gateway has no
 * option for it): the gateway builds the proposal, the flag is set in its `ChaincodeInput`, and the proposal,
 * transaction and commit request are signed here (fabric-gateway's offline signing flow).
 */
export async function submitInit(
  endpoint: PeerEndpoint,
  identity: SigningIdentity,
  channel: string,
  chaincode: string,
  fn: string,
  args: readonly string[],
): Promise<CommittedTransaction> {
  const client = createPeerClient(endpoint);
  const gateway = connect({
    client,
    identity: { mspId: identity.mspId, credentials: Buffer.from(identity.certificate) },
    endorseOptions: () => ({ deadline: Date.now() + 60_000 }),
    submitOptions: () => ({ deadline: Date.now() + 30_000 }),
    commitStatusOptions: () => ({ deadline: Date.now() + 60_000 }),
  });
  const sign = signers.newPrivateKeySigner(identity.privateKey);
  try {
    const unsigned = gateway
      .getNetwork(channel)
      .getContract(chaincode)
      .newProposal(fn, { arguments: [...args] });
    const { bytes, proposalBytes } = withIsInit(unsigned.getBytes());
    const proposal = gateway.newSignedProposal(bytes, await sign(sha256(proposalBytes)));
    const transaction = await proposal.endorse();
    const signedTransaction = gateway.newSignedTransaction(transaction.getBytes(), await sign(transaction.getDigest()));
    const commit = await signedTransaction.submit();
    const status = await gateway.newSignedCommit(commit.getBytes(), await sign(commit.getDigest())).getStatus();
    if (!status.successful) {
      throw new Error(`init transaction ${status.transactionId} committed as invalid (code ${status.code})`);
    }
    return { txId: status.transactionId, blockNumber: Number(status.blockNumber) };
  } finally {
    gateway.close();
    client.close();
  }
}

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

function sha256(bytes: Uint8Array): Uint8Array {
  return createHash('sha256').update(bytes).digest();
}
