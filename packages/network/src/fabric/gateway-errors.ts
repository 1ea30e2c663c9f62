/**
 * fabric-gateway's errors as contract-test's classes, so both targets reject with the same `GatewayError`,
 * `EndorseError` and `CommitError` and the chai matchers read them the same way. Messages stay the gateway's own;
 * the chaincode's status and message come from the first failing peer's detail, which the gateway words
 * `chaincode response <status>, <message>` (internal/pkg/gateway/apiutils.go `responseStatus`). A detail in another
 * form is the peer's own refusal (no such chaincode, access denied): status 500 with its text, as the mock reports.
 */
import { CommitError, EndorseError, GatewayError, type ErrorDetail } from '@fabric-testkit/contract-test';
import { EndorseError as GatewayEndorseError, GatewayError as GatewayGatewayError } from '@hyperledger/fabric-gateway';
import { chaincodeResponseOfDetail } from '@fabric-testkit/fabric-core';
import type { ValidationCode } from '../types';

/** fabric-gateway's `GatewayError` or `EndorseError` as contract-test's; any other error as it is. */
export function fromGatewayError(error: unknown): unknown {
  if (error instanceof GatewayEndorseError) {
    return new EndorseError({ ...properties(error), transactionId: error.transactionId });
  }
  if (error instanceof GatewayGatewayError) return new GatewayError(properties(error));
  return error;
}

function properties(error: GatewayGatewayError): ConstructorParameters<typeof GatewayError>[0] {
  const details: ErrorDetail[] = error.details.map((d) => ({ address: d.address, mspId: d.mspId, message: d.message }));
  // Without details the gateway refused before asking a peer (G-02, G-05): its text follows grpc-js's prefix.
  const text = details[0]?.message ?? error.message.replace(/^\d+ [A-Z_]+: /, '');
  const cause = { ...chaincodeResponseOfDetail(text), payload: Buffer.alloc(0) };
  return { message: error.message, code: error.code, details, cause };
}

/** The commit of a transaction the peer marked invalid, as a gateway `submit` rejects. */
export function newCommitError(validationCode: ValidationCode, transactionId: string, blockNumber: number): Error {
  return new CommitError({ validationCode, transactionId, blockNumber });
}
