/**
 * The package's error hierarchy (shared/STYLE.md "Errors"): every error has a `name`, an optional `cause` and
 * domain fields. Callers use {@link isMockFabricError} rather than `instanceof` across package copies.
 *
 * Errors the *chaincode* sees (a peer refusing a key, a bad bookmark) are plain `Error`s with the peer's text,
 * exactly as fabric-shim's handler raises them; the classes here are for the test author's side of the API.
 */
import type { ChaincodeResponse, CommittedTransaction, ValidationCode } from './api';

const BRAND = Symbol.for('@fabric-testkit/mock-stub/error');

/** Base class of every error thrown to the caller of the mock. */
export class MockFabricError extends Error {
  readonly [BRAND] = true;
  override name = 'MockFabricError';

  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
  }
}

/** A misuse of the mock's API: unknown channel, organization, chaincode, bad option. */
export class InvalidArgumentError extends MockFabricError {
  override name = 'InvalidArgumentError';
}

/** Endorsement failed: the chaincode answered with status >= 400 (a gateway would not order it). */
export class EndorseError extends MockFabricError {
  override name = 'EndorseError';

  constructor(
    message: string,
    readonly transactionId: string,
    readonly response: ChaincodeResponse,
  ) {
    super(message);
  }

  get status(): number {
    return this.response.status;
  }
}

/** The two simulations of a determinism check disagreed. `keys` names what differed. */
export class DeterminismError extends MockFabricError {
  override name = 'DeterminismError';

  constructor(
    message: string,
    readonly transactionId: string,
    readonly keys: readonly string[],
  ) {
    super(message);
  }
}

/** A submitted transaction was committed with a validation code other than VALID (as fabric-gateway's CommitError). */
export class CommitError extends MockFabricError {
  override name = 'CommitError';

  constructor(
    message: string,
    readonly transactionId: string,
    readonly code: ValidationCode,
    readonly transaction: CommittedTransaction,
  ) {
    super(message);
  }
}

/**
 * The gateway found no peer with the chaincode installed to run the proposal on: `14 UNAVAILABLE` with the
 * gateway's text (`internal/pkg/gateway/registry.go` evaluator: "no peers available to evaluate chaincode CC in
 * channel CH"). G-08.
 */
export class NoEndorsersError extends MockFabricError {
  override name = 'NoEndorsersError';
  readonly code = 'UNAVAILABLE';
}

/**
 * A chaincode server (chaincode as a service) could not be used: nothing listening at its address, a stream that
 * failed, or a program that does not speak the chaincode protocol.
 */
export class ChaincodeServerError extends MockFabricError {
  override name = 'ChaincodeServerError';

  constructor(
    readonly address: string,
    readonly reason: string,
  ) {
    super(`chaincode server at ${address}: ${reason}`);
  }
}

/** True for any error thrown by this package, including copies loaded from another path. */
export function isMockFabricError(value: unknown): value is MockFabricError {
  return typeof value === 'object' && value !== null && (value as { [BRAND]?: unknown })[BRAND] === true;
}

/** @internal */
export function invalidArgument(message: string): InvalidArgumentError {
  return new InvalidArgumentError(message);
}
