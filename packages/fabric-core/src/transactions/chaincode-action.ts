/**
 * What a gateway client can learn of an endorsement: fabric-gateway's `endorse()` returns a `PreparedTransaction`
 * whose envelope carries the whole `ChaincodeAction` the endorsing peers signed (fabric-protos
 * `gateway/gateway.proto`, `peer/transaction.proto`, `peer/proposal_response.proto`): the chaincode's response
 * (status, message, payload), its event and its read/write set.
 */
import { common, gateway, peer } from '@hyperledger/fabric-protos';

/** The chaincode action of an endorsed transaction. */
export interface EndorsedChaincodeAction {
  readonly txId: string;
  readonly response: { readonly status: number; readonly message: string; readonly payload: Uint8Array };
  /** The chaincode event; absent when the function set none (`setEvent` requires a name). */
  readonly event?: { readonly name: string; readonly payload: Uint8Array };
  /** The serialized `TxReadWriteSet`. */
  readonly results: Uint8Array;
}

/** Reads the chaincode action out of a serialized `PreparedTransaction` (fabric-gateway `Transaction.getBytes()`). */
export function chaincodeActionOf(preparedTransaction: Uint8Array): EndorsedChaincodeAction {
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
    response: { status: response.getStatus(), message: response.getMessage(), payload: response.getPayload_asU8() },
    ...(event === undefined ? {} : { event }),
    results: chaincodeAction.getResults_asU8(),
  };
}

function eventOf(bytes: Uint8Array): EndorsedChaincodeAction['event'] {
  if (bytes.length === 0) return undefined;
  const event = peer.ChaincodeEvent.deserializeBinary(bytes);
  if (event.getEventName() === '') return undefined;
  return { name: event.getEventName(), payload: event.getPayload_asU8() };
}

function malformed(what: string): never {
  throw new Error(`the gateway's prepared transaction is malformed: ${what}`);
}
