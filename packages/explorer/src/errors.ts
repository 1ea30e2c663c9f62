/** The explorer's errors: one base class with a type guard, as every fabric-testkit package has. */

export class ExplorerError extends Error {
  override readonly name: string = 'ExplorerError';
}

/** A channel the source does not have. */
export class UnknownChannelError extends ExplorerError {
  override readonly name = 'UnknownChannelError';
  constructor(
    readonly channel: string,
    known: readonly string[],
  ) {
    super(`channel "${channel}" is not on this network (channels: ${known.join(', ') || 'none'})`);
  }
}

/** A viewer organization the network does not have. */
export class UnknownOrganizationError extends ExplorerError {
  override readonly name = 'UnknownOrganizationError';
  constructor(
    readonly organization: string,
    known: readonly string[],
  ) {
    super(`organization "${organization}" is not on this network (organizations: ${known.join(', ') || 'none'})`);
  }
}

/** Reading the ledger failed: the source's own error is the cause. */
export class LedgerReadError extends ExplorerError {
  override readonly name = 'LedgerReadError';
}

export function isExplorerError(error: unknown): error is ExplorerError {
  return error instanceof ExplorerError;
}
