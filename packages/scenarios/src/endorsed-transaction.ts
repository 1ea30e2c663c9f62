/**
 * What a gateway client can learn of an endorsement. fabric-gateway returns only the payload of a proposal, but
 * the transaction it prepares carries the whole `ChaincodeAction` the endorsing peers signed: the chaincode's
 * response (status, message, payload), its event and the read/write set. Reading them from there shows a network
 * run the same things
 * a mock run records, without trusting the client to report them.
 */
import { common, gateway, peer } from '@hyperledger/fabric-protos';
import type { ErrorDetail } from '@hyperledger/fabric-gateway';
import { summarizeReadWriteSet } from './endorsed-rwset';
import { decodePayload } from './payload';
import type { CallOutcome, EventRecord } from './types';

/** The parts of a {@link CallOutcome} an endorsed transaction shows. */
export type EndorsedOutcome = Pick<CallOutcome, 'status' | 'message' | 'payload' | 'txId' | 'event' | 'readWriteSet'>;

/** Reads the chaincode action out of a fabric-gateway `PreparedTransaction` (what `Transaction.getBytes()` gives). */
export function endorsedOutcome(preparedTransaction: Uint8Array): EndorsedOutcome {
  const prepared = gateway.PreparedTransaction.deserializeBinary(preparedTransaction);
  const envelope = prepared.getEnvelope() ?? malformed('no envelope');
  const payload = common.Payload.deserializeBinary(envelope.getPayload_asU8());
  const transaction = peer.Transaction.deserializeBinary(payload.getData_asU8());
  const [action] = transaction.getActionsList();
  if (action === undefined) malformed('no transaction action');
  const actionPayload = peer.ChaincodeActionPayload.deserializeBinary(action.getPayload_asU8());
  const endorsed = actionPayload.getAction() ?? malformed('no endorsed action');
  const responsePayload = peer.ProposalResponsePayload.deserializeBinary(endorsed.getProposalResponsePayload_asU8());
  const chaincodeAction = peer.ChaincodeAction.deserializeBinary(responsePayload.getExtension_asU8());
  const response = chaincodeAction.getResponse() ?? malformed('no chaincode response');
  const event = eventOf(chaincodeAction.getEvents_asU8());
  return {
    status: response.getStatus(),
    message: response.getMessage(),
    payload: decodePayload(Buffer.from(response.getPayload_asU8())),
    txId: prepared.getTransactionId(),
    ...(event === undefined ? {} : { event }),
    readWriteSet: summarizeReadWriteSet(chaincodeAction.getResults_asU8()),
  };
}

/** An empty events field means the chaincode set no event (`setEvent` requires a name). */
function eventOf(bytes: Uint8Array): EventRecord | undefined {
  if (bytes.length === 0) return undefined;
  const event = peer.ChaincodeEvent.deserializeBinary(bytes);
  if (event.getEventName() === '') return undefined;
  return { name: event.getEventName(), payload: decodePayload(Buffer.from(event.getPayload_asU8())) };
}

function malformed(what: string): never {
  throw new Error(`the gateway's prepared transaction is malformed: ${what}`);
}

/**
 * The outcome of a refused proposal, from the gateway's error details. The gateway words a chaincode's error
 * response as `chaincode response <status>, <message>`; a status-500 response without payload is the peer's own
 * refusal (no such chaincode, access denied, ...) and passes its message as is (internal/pkg/gateway/apiutils.go
 * responseStatus). The first failing peer's detail is used, as the mock reports the first failing response.
 */
export function refusedOutcome(error: { message: string; details?: readonly ErrorDetail[] }): EndorsedOutcome {
  // Without details (the gateway refused before asking any peer, G-02, G-05) the message is the gateway's own,
  // behind grpc-js's `CODE NAME: ` prefix.
  const text = error.details?.[0]?.message ?? error.message.replace(/^\d+ [A-Z_]+: /, '');
  const match = /^chaincode response (\d+), ([\s\S]*)$/.exec(text);
  if (match?.[1] !== undefined && match[2] !== undefined) {
    return { status: Number(match[1]), message: match[2], payload: '' };
  }
  return { status: 500, message: text, payload: '' };
}
