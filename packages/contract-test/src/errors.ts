/**
 * The errors a client sees, shaped after `@hyperledger/fabric-gateway` (`GatewayError` → `EndorseError`, and
 * `CommitError`) so tests read like application code. Messages carry the peer's wording (S-82,
 * `internal/pkg/gateway/apiutils.go`): `chaincode response 500, MESSAGE`.
 */
import {
  validationCodeNumber as fabricValidationCodeNumber,
  type ValidationCodeName,
} from '@fabric-testkit/fabric-core';
import type { ChaincodeResponse } from '@fabric-testkit/mock-stub';

const fabricErrorBrand = Symbol.for('@fabric-testkit/contract-test:error');

/** gRPC status codes the gateway uses for chaincode failures (`evaluate.go`, `endorse.go`). */
export const GrpcStatus = {
  /** An evaluate whose chaincode response is an error. */
  UNKNOWN: 2,
  /** No set of endorsers can satisfy the policies, or transient data would reach non-members (G-02, G-05). */
  FAILED_PRECONDITION: 9,
  /** An endorsement that could not be collected. */
  ABORTED: 10,
  /** No peer with the chaincode installed in the organizations asked for (G-08). */
  UNAVAILABLE: 14,
} as const;

/** One endorsing peer's error, as in fabric-gateway's `ErrorDetail`. */
export interface ErrorDetail {
  /** Peer endpoint; the mock names one peer per organization, `peer0.<mspid lowercased>`. */
  readonly address: string;
  readonly mspId: string;
  /** The peer's text, e.g. `chaincode response 500, the asset a1 does not exist`. */
  readonly message: string;
}

/**
 * A chaincode responded with an error status (>= 400) to an evaluate. Like fabric-gateway's `GatewayError`,
 * with the chaincode's own status and message as extra fields.
 *
 * @example
 * ```ts
 * try { await cc.evaluate('ReadAsset', 'missing') } catch (e) {
 *   if (isFabricError(e, 'GatewayError')) console.log(e.status, e.chaincodeMessage);
 * }
 * ```
 */
export class GatewayError extends Error {
  /** gRPC status code the gateway would return ({@link GrpcStatus}). */
  readonly code: number;
  /** One entry per endorsing peer that returned the error. */
  readonly details: readonly ErrorDetail[];
  /** The chaincode response status, e.g. 500 for a thrown error. */
  readonly status: number;
  /** The chaincode's message, without the peer's `chaincode response N, ` prefix. */
  readonly chaincodeMessage: string;
  /** The chaincode response (status, message, payload) the peer returned. */
  override readonly cause: ChaincodeResponse;
  /** @internal */
  readonly [fabricErrorBrand] = true;

  constructor(properties: {
    message: string;
    code: number;
    details: readonly ErrorDetail[];
    cause: ChaincodeResponse;
  }) {
    super(properties.message);
    this.name = 'GatewayError';
    this.code = properties.code;
    this.details = properties.details;
    this.cause = properties.cause;
    this.status = properties.cause.status;
    this.chaincodeMessage = properties.cause.message;
  }
}

/**
 * The endorsement of a submitted (or `endorse`d) transaction failed: the chaincode returned status >= 400, so
 * nothing was ordered. Mirrors fabric-gateway's `EndorseError`; `message` is the peer's text,
 * `chaincode response 500, MESSAGE`.
 */
export class EndorseError extends GatewayError {
  readonly transactionId: string;

  constructor(properties: ConstructorParameters<typeof GatewayError>[0] & { transactionId: string }) {
    super(properties);
    this.name = 'EndorseError';
    this.transactionId = properties.transactionId;
  }
}

/**
 * The transaction was ordered but the committing peer marked it invalid. Mirrors fabric-gateway's `CommitError`
 * (`code` is the numeric `TxValidationCode`, message `Transaction ID failed to commit with status code 11
 * (MVCC_READ_CONFLICT)`), plus the code's name and the block it landed in.
 */
export class CommitError extends Error {
  /** Numeric `TxValidationCode` (`peer/transaction.proto`), as fabric-gateway reports it. */
  readonly code: number;
  /** The code's name, e.g. `'MVCC_READ_CONFLICT'`: any of Fabric's, as a real network may report any. */
  readonly validationCode: TxValidationCodeName;
  readonly transactionId: string;
  readonly blockNumber: number;
  /** @internal */
  readonly [fabricErrorBrand] = true;

  constructor(properties: { validationCode: TxValidationCodeName; transactionId: string; blockNumber: number }) {
    const code = validationCodeNumber(properties.validationCode);
    super(
      `Transaction ${properties.transactionId} failed to commit with status code ${code} (${properties.validationCode})`,
    );
    this.name = 'CommitError';
    this.code = code;
    this.validationCode = properties.validationCode;
    this.transactionId = properties.transactionId;
    this.blockNumber = properties.blockNumber;
  }
}

/** Every error this package throws on behalf of the network. */
export type FabricError = GatewayError | EndorseError | CommitError;

interface FabricErrorsByName {
  GatewayError: GatewayError;
  EndorseError: EndorseError;
  CommitError: CommitError;
}

/**
 * Type guard for this package's errors, optionally of one kind (an `EndorseError` is also a `GatewayError`).
 * Works across copies of the package (it checks a registered symbol, not `instanceof`).
 *
 * @example
 * ```ts
 * catch (e) { if (isFabricError(e, 'CommitError')) expect(e.validationCode).to.equal('MVCC_READ_CONFLICT'); }
 * ```
 */
export function isFabricError(error: unknown): error is FabricError;
export function isFabricError<K extends keyof FabricErrorsByName>(
  error: unknown,
  kind: K,
): error is FabricErrorsByName[K];
export function isFabricError(error: unknown, kind?: keyof FabricErrorsByName): boolean {
  if (!(error instanceof Error) || !(fabricErrorBrand in error)) return false;
  if (kind === undefined) return true;
  if (kind === 'GatewayError') return error.name === 'GatewayError' || error.name === 'EndorseError';
  return error.name === kind;
}

/** A name of Fabric's `TxValidationCode` (`peer/transaction.proto`); the mock's `ValidationCode` is a subset. */
export type TxValidationCodeName = ValidationCodeName;

/** The numeric `TxValidationCode` for a code name. */
export function validationCodeNumber(name: TxValidationCodeName): number {
  return fabricValidationCodeNumber(name);
}
