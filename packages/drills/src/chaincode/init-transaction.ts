import { createHash } from 'node:crypto';
import { connect, signers } from '@hyperledger/fabric-gateway';
import { createPeerClient, withIsInit, type PeerEndpoint, type SigningIdentity } from '@fabric-testkit/test-harness';
import type { CommittedTransaction } from './transactions';

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

function sha256(bytes: Uint8Array): Uint8Array {
  return createHash('sha256').update(bytes).digest();
}
