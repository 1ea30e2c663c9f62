/**
 * Errors of the two-target API. The errors of calls (`GatewayError`, `EndorseError`, `CommitError`) are
 * contract-test's, the same classes and texts on both targets; these are the API's own.
 */

/**
 * A call one target cannot honour, such as reading world state directly on a real network: refused, never
 * answered differently.
 */
export class TargetUnsupportedError extends Error {
  /** The target that refused. */
  readonly target: string;

  constructor(target: string, message: string) {
    super(`${message} (target ${target})`);
    this.name = 'TargetUnsupportedError';
    this.target = target;
  }
}

/** A network definition or call with bad input: the message names the option and what to do. */
export class NetworkDefinitionError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'NetworkDefinitionError';
  }
}
