/**
 * What a gateway client can learn of an endorsement. fabric-gateway returns only the payload of a proposal, but
 * the transaction it prepares carries the whole `ChaincodeAction` the endorsing peers signed: the chaincode's
 * response (status, message, payload), its event and the read/write set. Reading them from there shows a network
 * run the same things
 * a mock run records, without trusting the client to report them.
 */
import { chaincodeActionOf, chaincodeResponseOfDetail } from '@fabric-testkit/fabric-core';
import type { ErrorDetail } from '@hyperledger/fabric-gateway';
import { summarizeReadWriteSet } from './endorsed-rwset';
import { decodePayload } from './payload';
import type { CallOutcome } from './types';

/** The parts of a {@link CallOutcome} an endorsed transaction shows. */
export type EndorsedOutcome = Pick<CallOutcome, 'status' | 'message' | 'payload' | 'txId' | 'event' | 'readWriteSet'>;

/** Reads the chaincode action out of a fabric-gateway `PreparedTransaction` (what `Transaction.getBytes()` gives). */
export function endorsedOutcome(preparedTransaction: Uint8Array): EndorsedOutcome {
  const action = chaincodeActionOf(preparedTransaction);
  return {
    status: action.response.status,
    message: action.response.message,
    payload: decodePayload(Buffer.from(action.response.payload)),
    txId: action.txId,
    ...(action.event === undefined
      ? {}
      : { event: { name: action.event.name, payload: decodePayload(Buffer.from(action.event.payload)) } }),
    readWriteSet: summarizeReadWriteSet(action.results),
  };
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
  return { ...chaincodeResponseOfDetail(text), payload: '' };
}
