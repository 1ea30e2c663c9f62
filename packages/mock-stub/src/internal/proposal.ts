/**
 * Builds the client's signed proposal as fabric-gateway does (`protoutil.CreateChaincodeProposalWithTxIDNonceAndTransient`),
 * so the stub's creator, timestamp, transient map, binding and signed proposal are Fabric's own (S-05). The bytes
 * are written directly (`protobuf-writer.ts`); a test checks them against `@hyperledger/fabric-protos`.
 */
import { createHash, sign } from 'node:crypto';
import { peer } from '@hyperledger/fabric-protos';
import { bytesField, serialize, stringField, varintField, type Part } from './protobuf-writer';
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

/** `google.protobuf.Timestamp` of a date (seconds, nanos), for dates after 1970. */
function timestamp(date: Date): Part[] {
  const ms = date.getTime();
  return [varintField(1, Math.floor(ms / 1000)), varintField(2, (ms % 1000) * 1_000_000)];
}

/** Map fields are repeated entries `{key = 1, value = 2}`, written in key order as google-protobuf does. */
function transientEntries(transient: ReadonlyMap<string, Buffer>): Part[] {
  return [...transient.keys()].sort().map((key) =>
    // Map entries carry key and value even when empty (jspb.Map serializeBinary).
    bytesField(2, [stringField(1, key, true), bytesField(2, transient.get(key) ?? Buffer.alloc(0), true)], true),
  );
}

/** The proposal bytes: `peer.Proposal{header = 1, payload = 2}` with the messages inside, as fabric-gateway builds them. */
export function encodeProposal(request: ProposalInput, txId: string, creator: Uint8Array): Buffer {
  const chaincodeId = [stringField(2, request.chaincode)]; // peer.ChaincodeID{path = 1, name = 2, version = 3}
  const channelHeader = [
    varintField(1, 3), // type: ENDORSER_TRANSACTION
    bytesField(3, timestamp(request.timestamp)),
    stringField(4, request.channel),
    stringField(5, txId),
    bytesField(7, [bytesField(2, chaincodeId)]), // extension: ChaincodeHeaderExtension{chaincode_id = 2}
  ];
  const signatureHeader = [bytesField(1, creator), bytesField(2, request.nonce)];
  const header = [bytesField(1, channelHeader), bytesField(2, signatureHeader)];
  // peer.ChaincodeInput{args = 1, decorations = 2, is_init = 3}
  const input = [...request.args.map((arg) => bytesField(1, arg, true)), varintField(3, request.isInit)];
  const spec = [
    varintField(1, 2), // type: NODE
    bytesField(2, chaincodeId, true),
    bytesField(3, input, true),
  ];
  const invocation = [bytesField(1, spec, true)]; // ChaincodeInvocationSpec{chaincode_spec = 1}
  const payload = [bytesField(1, invocation), ...transientEntries(request.transient)];
  return serialize([bytesField(1, header), bytesField(2, payload)]);
}

export function buildProposal(request: ProposalInput): BuiltProposal {
  const creator = request.identity.serialize();
  const txId = computeTxId(request.nonce, creator);
  const proposalBytes = encodeProposal(request, txId, creator);
  const signedProposal = new peer.SignedProposal();
  signedProposal.setProposalBytes(proposalBytes);
  let signature: Uint8Array | undefined;
  const privateKey = request.identity.privateKey;
  return {
    txId,
    input: chaincodeInput(request.args, request.isInit),
    signedProposal,
    signature: () => (signature ??= sign('sha256', proposalBytes, privateKey)),
  };
}
