/**
 * One chaincode execution over the wire (`core/chaincode/handler.go` Execute, `chaincode_support.go`
 * processChaincodeExecutionResult): a TRANSACTION or INIT message carrying the chaincode input and the signed
 * proposal, the chaincode's requests answered by the peer handler, and its COMPLETED turned into the response and
 * event, its ERROR into "transaction returned with failure: <text>".
 */
import { chaincodeInputFields, ProtobufReadError, serialize } from '@fabric-testkit/fabric-core';
import type { peer } from '@hyperledger/fabric-protos';
import type { ChaincodeResponse } from '../../api';
import type { ExecutionResult, TransactionRun } from '../transaction-run';
import type { PeerHandler } from '../handler';
import type { ChaincodeConnections } from './chaincode-connections';
import { answerChaincodeMessage } from './peer-messages';
import { decodeResponse, MessageType as Type, type ChaincodeMessage } from './chaincode-message';

/** The peer's `chaincode.executetimeout` (`sampleconfig/core.yaml`: 30s). */
export const EXECUTE_TIMEOUT_MS = 30_000;

/**
 * A COMPLETED message's `Response`; bytes that are not one fail as `chaincode_support.go`
 * processChaincodeExecutionResult fails them.
 */
function completedResponse(bytes: Uint8Array, txId: string): ChaincodeResponse {
  try {
    const { status, message, payload } = decodeResponse(bytes);
    return { status, message, payload: Buffer.from(payload) };
  } catch (error) {
    if (!(error instanceof ProtobufReadError)) throw error;
    throw new Error(`failed to unmarshal response for transaction ${txId}: ${error.message}`);
  }
}

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
  const request: ChaincodeMessage = {
    type: isInit ? Type.INIT : Type.TRANSACTION,
    txid: txId,
    channelId: channel,
    payload: serialize(chaincodeInputFields(input.getArgsList_asU8(), input.getIsInit())),
    proposal: { proposalBytes: run.signedProposal.getProposalBytes_asU8(), signature: run.signature() },
  };
  const response = await connection.execute(
    request,
    (message) => answerChaincodeMessage(handler, message),
    EXECUTE_TIMEOUT_MS,
  );
  if (response.type === Type.ERROR) {
    throw new Error(`transaction returned with failure: ${Buffer.from(response.payload).toString()}`);
  }
  const result = completedResponse(response.payload, txId);
  const event = response.chaincodeEvent;
  return {
    response: result,
    ...(event !== undefined ? { event: { name: event.eventName, payload: Buffer.from(event.payload) } } : {}),
  };
}
