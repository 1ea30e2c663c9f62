/**
 * Builds the client's signed proposal as fabric-gateway does (`protoutil.CreateChaincodeProposalWithTxIDNonceAndTransient`),
 * so the stub's creator, timestamp, transient map, binding and signed proposal are Fabric's own (S-05). The bytes
 * and the transaction ID are fabric-core's (`buildProposalBytes`); the mock adds its identity and lazy signing.
 */
import { sign } from 'node:crypto';
import { buildProposalBytes, CHAINCODE_TYPES } from '@fabric-testkit/fabric-core';
import { peer } from '@hyperledger/fabric-protos';
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

export function chaincodeInput(args: readonly Buffer[], isInit: boolean): peer.ChaincodeInput {
  const input = new peer.ChaincodeInput();
  input.setArgsList([...args]);
  input.setIsInit(isInit);
  return input;
}

export function buildProposal(request: ProposalInput): BuiltProposal {
  const { transactionId, proposalBytes } = buildProposalBytes({
    channelId: request.channel,
    chaincodeName: request.chaincode,
    args: request.args,
    transient: request.transient,
    isInit: request.isInit,
    timestamp: request.timestamp,
    nonce: request.nonce,
    creator: request.identity.serialize(),
    // The mock runs Node chaincode; the type is what a Node client of the mock would send.
    chaincodeType: CHAINCODE_TYPES.NODE,
  });
  const signedProposal = new peer.SignedProposal();
  signedProposal.setProposalBytes(proposalBytes);
  let signature: Uint8Array | undefined;
  const privateKey = request.identity.privateKey;
  return {
    txId: transactionId,
    input: chaincodeInput(request.args, request.isInit),
    signedProposal,
    signature: () => (signature ??= sign('sha256', proposalBytes, privateKey)),
  };
}
