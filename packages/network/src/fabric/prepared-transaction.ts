/**
 * What an endorsement returned, read from the transaction fabric-gateway prepared: a gateway `endorse()` gives
 * only the payload, but the prepared envelope carries the whole `ChaincodeAction` the peers signed, with the
 * chaincode's response and event (fabric-protos `peer/proposal_response.proto`, `peer/transaction.proto`).
 */
import { common, gateway, peer } from '@hyperledger/fabric-protos';
import type { ChaincodeEvent } from '../types';

/** The response payload and event of an endorsed transaction. */
export interface EndorsedAction {
  readonly txId: string;
  readonly payload: Buffer;
  readonly event?: ChaincodeEvent;
}

/** Reads the chaincode action out of a `PreparedTransaction` (fabric-gateway's `Transaction.getBytes()`). */
export function endorsedAction(preparedTransaction: Uint8Array): EndorsedAction {
  const prepared = gateway.PreparedTransaction.deserializeBinary(preparedTransaction);
  const envelope = prepared.getEnvelope() ?? malformed('no envelope');
  const payload = common.Payload.deserializeBinary(envelope.getPayload_asU8());
  const transaction = peer.Transaction.deserializeBinary(payload.getData_asU8());
  const action = transaction.getActionsList()[0] ?? malformed('no transaction action');
  const actionPayload = peer.ChaincodeActionPayload.deserializeBinary(action.getPayload_asU8());
  const endorsed = actionPayload.getAction() ?? malformed('no endorsed action');
  const responsePayload = peer.ProposalResponsePayload.deserializeBinary(endorsed.getProposalResponsePayload_asU8());
  const chaincodeAction = peer.ChaincodeAction.deserializeBinary(responsePayload.getExtension_asU8());
  const response = chaincodeAction.getResponse() ?? malformed('no chaincode response');
  const event = eventOf(chaincodeAction.getEvents_asU8());
  return {
    txId: prepared.getTransactionId(),
    payload: Buffer.from(response.getPayload_asU8()),
    ...(event === undefined ? {} : { event }),
  };
}

/** An empty events field means the chaincode set no event (`setEvent` requires a name). */
function eventOf(bytes: Uint8Array): ChaincodeEvent | undefined {
  if (bytes.length === 0) return undefined;
  const event = peer.ChaincodeEvent.deserializeBinary(bytes);
  if (event.getEventName() === '') return undefined;
  return { name: event.getEventName(), payload: Buffer.from(event.getPayload_asU8()) };
}

function malformed(what: string): never {
  throw new Error(`the gateway's prepared transaction is malformed: ${what}`);
}
