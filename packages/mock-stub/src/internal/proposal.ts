/**
 * Builds the client's signed proposal with @hyperledger/fabric-protos, as fabric-gateway does
 * (`protoutil.CreateChaincodeProposalWithTxIDNonceAndTransient`), so the stub's creator, timestamp, transient map,
 * binding and signed proposal are Fabric's own (S-05).
 */
import { createHash, sign } from 'node:crypto';
import { common, peer } from '@hyperledger/fabric-protos';
import { Timestamp } from 'google-protobuf/google/protobuf/timestamp_pb';
import type { MockIdentityImpl } from '../identity/identity';

export interface ProposalInput {
  channel: string;
  chaincode: string;
  args: readonly Buffer[];
  identity: MockIdentityImpl;
  transient: ReadonlyMap<string, Buffer>;
  isInit: boolean;
  timestamp: Date;
  nonce: Buffer;
}

export interface BuiltProposal {
  txId: string;
  input: peer.ChaincodeInput;
  /** Proposal bytes; the signature is left to {@link BuiltProposal.signature}. */
  signedProposal: peer.SignedProposal;
  /**
   * The client's ECDSA signature over the proposal bytes, computed on first use and cached. Signing is the
   * client's cost, not the peer's, and costs more than the rest of a simulation, so it is deferred until the
   * chaincode reads `getSignedProposal().signature` (the only place the mock exposes it).
   */
  signature: () => Uint8Array;
}

/** `protoutil.ComputeTxID`: hex SHA-256 of nonce and creator. */
export function computeTxId(nonce: Uint8Array, creator: Uint8Array): string {
  return createHash('sha256').update(nonce).update(creator).digest('hex');
}

export function chaincodeInput(args: readonly Buffer[], isInit: boolean): peer.ChaincodeInput {
  const input = new peer.ChaincodeInput();
  input.setArgsList([...args]);
  input.setIsInit(isInit);
  return input;
}

export function buildProposal(request: ProposalInput): BuiltProposal {
  const creator = request.identity.serialize();
  const txId = computeTxId(request.nonce, creator);
  const input = chaincodeInput(request.args, request.isInit);

  const chaincodeId = new peer.ChaincodeID();
  chaincodeId.setName(request.chaincode);
  const extension = new peer.ChaincodeHeaderExtension();
  extension.setChaincodeId(chaincodeId);

  const channelHeader = new common.ChannelHeader();
  channelHeader.setType(common.HeaderType.ENDORSER_TRANSACTION);
  channelHeader.setChannelId(request.channel);
  channelHeader.setTxId(txId);
  channelHeader.setEpoch(0);
  channelHeader.setTimestamp(Timestamp.fromDate(request.timestamp));
  channelHeader.setExtension$(extension.serializeBinary());

  const signatureHeader = new common.SignatureHeader();
  signatureHeader.setCreator(creator);
  signatureHeader.setNonce(request.nonce);

  const header = new common.Header();
  header.setChannelHeader(channelHeader.serializeBinary());
  header.setSignatureHeader(signatureHeader.serializeBinary());

  const spec = new peer.ChaincodeSpec();
  spec.setType(peer.ChaincodeSpec.Type.NODE);
  spec.setChaincodeId(chaincodeId);
  spec.setInput(input);
  const invocation = new peer.ChaincodeInvocationSpec();
  invocation.setChaincodeSpec(spec);

  const payload = new peer.ChaincodeProposalPayload();
  payload.setInput(invocation.serializeBinary());
  const transient = payload.getTransientmapMap();
  for (const [key, value] of request.transient) transient.set(key, value);

  const proposal = new peer.Proposal();
  proposal.setHeader(header.serializeBinary());
  proposal.setPayload(payload.serializeBinary());
  const proposalBytes = proposal.serializeBinary();

  const signedProposal = new peer.SignedProposal();
  signedProposal.setProposalBytes(proposalBytes);
  let signature: Uint8Array | undefined;
  const privateKey = request.identity.privateKey;
  return {
    txId,
    input,
    signedProposal,
    signature: () => (signature ??= sign('sha256', proposalBytes, privateKey)),
  };
}
