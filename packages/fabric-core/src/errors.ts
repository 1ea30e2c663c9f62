/**
 * The errors fabric-core throws. They carry `isFabricTestkitError`, the marker every fabric-testkit package's type
 * guard looks for (test-harness `isFabricTestkitError`), so moving a rule here does not change what callers catch.
 */

/** Base class of every error fabric-core throws. */
export class FabricCoreError extends Error {
  /** Marks fabric-testkit errors for the packages' type guards (`isFabricTestkitError`). */
  readonly isFabricTestkitError = true;

  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'FabricCoreError';
  }
}

/** A syntax or semantic error in a Fabric policy language string. */
export class PolicyParseError extends FabricCoreError {
  /** The policy string that did not parse. */
  readonly policy: string;

  constructor(policy: string, detail: string) {
    super(`invalid signature policy "${policy}": ${detail}`);
    this.name = 'PolicyParseError';
    this.policy = policy;
  }
}

/** A policy Fabric cannot encode: for example both a signature policy and a channel policy reference. */
export class PolicyConflictError extends FabricCoreError {
  /** What the policy belongs to, for example `chaincode cc` or `collection pdc`. */
  readonly owner: string;

  constructor(owner: string) {
    super(`${owner}: give a signature policy or a channel policy reference, not both`);
    this.name = 'PolicyConflictError';
    this.owner = owner;
  }
}

/** A signature policy envelope fabric-core cannot read (a principal that is not an MSP role, a missing rule). */
export class PolicyEnvelopeError extends FabricCoreError {
  constructor(detail: string) {
    super(detail);
    this.name = 'PolicyEnvelopeError';
  }
}

/**
 * Tells whether a value is an error thrown by fabric-core.
 *
 * @example
 * ```ts
 * try { parsePolicy(text); } catch (e) { if (isFabricCoreError(e)) console.log(e.message); }
 * ```
 */
export function isFabricCoreError(value: unknown): value is FabricCoreError {
  return value instanceof FabricCoreError;
}

/**
 * Bytes that are not the protobuf message expected, with protobuf-go's text as the message (what the peer's error
 * carries, `google.golang.org/protobuf/internal/impl`): "string field contains invalid UTF-8", else "proto: cannot
 * parse invalid wire-format data". Callers wrap it as the peer does (handler.go "unmarshal failed: ...",
 * chaincode_support.go "failed to unmarshal response for transaction ...: ..."); `detail` says what was wrong.
 */
export class ProtobufReadError extends FabricCoreError {
  /** What exactly was wrong (a truncated field, a wire type proto3 does not use), which protobuf-go does not say. */
  readonly detail: string;

  constructor(detail: string, message = 'proto: cannot parse invalid wire-format data') {
    super(message);
    this.name = 'ProtobufReadError';
    this.detail = detail;
  }
}
