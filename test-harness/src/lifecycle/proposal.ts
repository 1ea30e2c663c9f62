import { createHash, randomBytes } from 'node:crypto';
import { common, peer } from '@hyperledger/fabric-protos';
import { serializeIdentity, signWith, type SigningIdentity } from './signing-identity';
import { timestampNow } from './timestamp';

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

/** Fabric's transaction ID: hex SHA-256 of nonce followed by the serialized creator (protoutil.ComputeTxID). */
export function computeTransactionId(nonce: Uint8Array, creator: Uint8Array): string {
  return createHash('sha256').update(nonce).update(creator).digest('hex');
}

/** Builds and signs an endorser-transaction proposal, as protoutil.CreateChaincodeProposal does. */
export function buildSignedProposal(identity: SigningIdentity, request: ProposalRequest): BuiltProposal {
  const creator = serializeIdentity(identity);
  const nonce = randomBytes(24);
  const transactionId = computeTransactionId(nonce, creator);

  const chaincodeId = new peer.ChaincodeID();
  chaincodeId.setName(request.chaincodeName);
  const extension = new peer.ChaincodeHeaderExtension();
  extension.setChaincodeId(chaincodeId);

  const channelHeader = new common.ChannelHeader();
  channelHeader.setType(common.HeaderType.ENDORSER_TRANSACTION);
  channelHeader.setTxId(transactionId);
  channelHeader.setChannelId(request.channelId);
  channelHeader.setTimestamp(timestampNow());
  channelHeader.setExtension$(extension.serializeBinary());

  const signatureHeader = new common.SignatureHeader();
  signatureHeader.setCreator(creator);
  signatureHeader.setNonce(nonce);

  const header = new common.Header();
  header.setChannelHeader(channelHeader.serializeBinary());
  header.setSignatureHeader(signatureHeader.serializeBinary());

  const input = new peer.ChaincodeInput();
  input.setArgsList(request.args.map((a) => Uint8Array.from(a)));
  const spec = new peer.ChaincodeSpec();
  spec.setType(peer.ChaincodeSpec.Type.GOLANG);
  spec.setChaincodeId(chaincodeId);
  spec.setInput(input);
  const invocation = new peer.ChaincodeInvocationSpec();
  invocation.setChaincodeSpec(spec);
  const payload = new peer.ChaincodeProposalPayload();
  payload.setInput(invocation.serializeBinary());

  const proposal = new peer.Proposal();
  proposal.setHeader(header.serializeBinary());
  proposal.setPayload(payload.serializeBinary());
  const proposalBytes = proposal.serializeBinary();

  const signedProposal = new peer.SignedProposal();
  signedProposal.setProposalBytes(proposalBytes);
  signedProposal.setSignature(signWith(identity, proposalBytes));
  return { transactionId, signedProposal };
}
