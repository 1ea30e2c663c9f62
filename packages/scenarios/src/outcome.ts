import type { CallOutcome } from './types';

/**
 * The outcome without its event: what an evaluate or a refused submit reports, since only a committed transaction
 * emits its chaincode event.
 */
export function withoutEvent(outcome: CallOutcome): CallOutcome {
  const { event: _event, ...rest } = outcome;
  return rest;
}

/**
 * A committed transaction's outcome: its event only when it is VALID. A listener never receives the event of an
 * invalid transaction (`internal/pkg/gateway/event/chaincodeiterator.go` skips them), so an outcome must not show it.
 */
export function committedOutcome(outcome: CallOutcome, validationCode: string, blockNumber: number): CallOutcome {
  const committed = { ...outcome, validationCode, blockNumber };
  return validationCode === 'VALID' ? committed : withoutEvent(committed);
}
