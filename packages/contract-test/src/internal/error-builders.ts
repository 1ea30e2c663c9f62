/** Builds this package's errors from peer responses, with the gateway's wording (S-82). Internal. */
import type { ChaincodeResponse } from '@fabric-testkit/mock-stub';
import { EndorseError, GatewayError, GrpcStatus, type ErrorDetail } from '../errors';

/** `chaincode response 500, MESSAGE`: the text `responseStatus` in `internal/pkg/gateway/apiutils.go` builds. */
export function peerErrorText(response: ChaincodeResponse): string {
  return `chaincode response ${response.status}, ${response.message}`;
}

function details(response: ChaincodeResponse, organizations: readonly string[]): ErrorDetail[] {
  return organizations.map((mspId) => ({
    address: `peer0.${mspId.toLowerCase()}:7051`,
    mspId,
    message: peerErrorText(response),
  }));
}

/**
 * Endorsers that answered differently: the gateway's detail "ProposalResponsePayloads do not match"
 * (`endorsement.go`), then what the mock found different, on the following lines.
 */
export function newMismatchError(
  mismatch: string,
  transactionId: string,
  organizations: readonly string[],
): EndorseError {
  const text = 'ProposalResponsePayloads do not match';
  return new EndorseError({
    message: `${text}\n${mismatch}`,
    code: GrpcStatus.ABORTED,
    details: organizations.map((mspId) => ({ address: `peer0.${mspId.toLowerCase()}:7051`, mspId, message: text })),
    cause: { status: 500, message: text, payload: Buffer.alloc(0) },
    transactionId,
  });
}

/** A failed endorsement: the peer's text as the message, status ABORTED as `endorse.go` returns it. */
export function newEndorseError(
  response: ChaincodeResponse,
  transactionId: string,
  organizations: readonly string[],
): EndorseError {
  return new EndorseError({
    message: peerErrorText(response),
    code: GrpcStatus.ABORTED,
    details: details(response, organizations),
    cause: response,
    transactionId,
  });
}

/** A failed evaluate: `evaluate call to endorser returned error: chaincode response 500, MESSAGE` (`evaluate.go`). */
export function newEvaluateError(response: ChaincodeResponse, organizations: readonly string[]): GatewayError {
  return new GatewayError({
    message: `evaluate call to endorser returned error: ${peerErrorText(response)}`,
    code: GrpcStatus.UNKNOWN,
    details: details(response, organizations),
    cause: response,
  });
}
