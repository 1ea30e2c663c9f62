/**
 * One chaincode execution over the wire (`core/chaincode/handler.go` Execute, `chaincode_support.go`
 * processChaincodeExecutionResult): a TRANSACTION or INIT message carrying the chaincode input and the signed
 * proposal, the chaincode's requests answered by the peer handler, and its COMPLETED turned into the response and
 * event, its ERROR into "transaction returned with failure: <text>".
 */
import { peer } from '@hyperledger/fabric-protos';
import type { ExecutionResult, TransactionRun } from '../transaction-run';
import type { PeerHandler } from '../handler';
import type { ChaincodeConnections } from './chaincode-connections';
import { answerChaincodeMessage } from './peer-messages';

/** The peer's `chaincode.executetimeout` (`sampleconfig/core.yaml`: 30s). */
export const EXECUTE_TIMEOUT_MS = 30_000;

const Type = peer.ChaincodeMessage.Type;

/** A chaincode served by a program the peer dials (chaincode as a service). */
export interface RemoteChaincode {
  /** The server each organization's peer dials, by MSP id. */
  readonly addresses: ReadonlyMap<string, string>;
  readonly connections: ChaincodeConnections;
}

export async function executeRemote(
  remote: RemoteChaincode,
  handler: PeerHandler,
  run: TransactionRun,
  input: peer.ChaincodeInput,
): Promise<ExecutionResult> {
  const { channel, txId, isInit } = handler.context;
  // Deployment checked that every organization with the chaincode installed has an address.
  const address = remote.addresses.get(run.peerMspId) ?? '';
  const connection = await remote.connections.connection(address);
  const signedProposal = new peer.SignedProposal();
  signedProposal.setProposalBytes(run.signedProposal.getProposalBytes_asU8());
  signedProposal.setSignature(run.signature());
  const request = new peer.ChaincodeMessage();
  request.setType(isInit ? Type.INIT : Type.TRANSACTION);
  request.setTxid(txId);
  request.setChannelId(channel);
  request.setPayload(input.serializeBinary());
  request.setProposal(signedProposal);
  const response = await connection.execute(
    request,
    (message) => answerChaincodeMessage(handler, message),
    EXECUTE_TIMEOUT_MS,
  );
  if (response.getType() === Type.ERROR) {
    throw new Error(`transaction returned with failure: ${Buffer.from(response.getPayload_asU8()).toString()}`);
  }
  const result = peer.Response.deserializeBinary(response.getPayload_asU8());
  const event = response.getChaincodeEvent();
  return {
    response: {
      status: result.getStatus(),
      message: result.getMessage(),
      payload: Buffer.from(result.getPayload_asU8()),
    },
    ...(event !== undefined
      ? { event: { name: event.getEventName(), payload: Buffer.from(event.getPayload_asU8()) } }
      : {}),
  };
}
