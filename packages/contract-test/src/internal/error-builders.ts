/**
 * Builds this package's errors from the mock's endorsements and responses, with the gateway's wording: the gRPC
 * status and message fabric-gateway's client shows (`${code} ${NAME}: ${message}`, grpc-js), and one detail per
 * endorsing peer that failed (`internal/pkg/gateway/endorse.go`, `apiutils.go`). G-04, S-82. Internal.
 */
import type { ChaincodeResponse, Endorsement, GatewayRefusal, NoEndorsersError } from '@fabric-testkit/mock-stub';
import { EndorseError, GatewayError, GrpcStatus, type ErrorDetail } from '../errors';

/** `chaincode response 500, MESSAGE`: the text `responseStatus` in `internal/pkg/gateway/apiutils.go` builds. */
export function peerErrorText(response: ChaincodeResponse): string {
  return `chaincode response ${response.status}, ${response.message}`;
}

/** The message of a gRPC error as grpc-js (and so fabric-gateway) shows it. */
function grpcMessage(code: keyof typeof GrpcStatus, message: string): string {
  return `${GrpcStatus[code]} ${code}: ${message}`;
}

/**
 * A refused endorsement: the gateway's message (and, on the following lines, what differed when endorsers
 * disagreed), its status, and each failed peer's detail; `cause` is the failing endorser's response, so
 * `chaincodeMessage` is what the chaincode said.
 */
export function newEndorseError(endorsement: Endorsement, refusal: GatewayRefusal): EndorseError {
  const first = grpcMessage(refusal.code, refusal.message);
  return new EndorseError({
    message: endorsement.mismatch === undefined ? first : `${first}\n${endorsement.mismatch}`,
    code: GrpcStatus[refusal.code],
    details: refusal.details,
    cause: endorsement.response,
    transactionId: endorsement.txId,
  });
}

/** An evaluate no peer could run: `14 UNAVAILABLE: no peers available to evaluate chaincode …` (registry.go). */
export function newNoEndorsersError(error: NoEndorsersError): GatewayError {
  return new GatewayError({
    message: grpcMessage('UNAVAILABLE', error.message),
    code: GrpcStatus.UNAVAILABLE,
    details: [],
    // No chaincode answered: as for the gateway's other own refusals, the response carries its text.
    cause: { status: 500, message: error.message, payload: Buffer.alloc(0) },
  });
}

/** A failed evaluate: `evaluate call to endorser returned error: chaincode response 500, MESSAGE` (`evaluate.go`). */
export function newEvaluateError(response: ChaincodeResponse, organizations: readonly string[]): GatewayError {
  const message = `evaluate call to endorser returned error: ${peerErrorText(response)}`;
  const details: ErrorDetail[] = organizations.map((mspId) => ({
    address: `peer0.${mspId.toLowerCase()}:7051`,
    mspId,
    message: peerErrorText(response),
  }));
  return new GatewayError({
    message: grpcMessage('UNKNOWN', message),
    code: GrpcStatus.UNKNOWN,
    details,
    cause: response,
  });
}
