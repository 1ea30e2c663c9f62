import type { CallOutcome } from './types';

/**
 * The outcome without its event: what an evaluate or a refused submit reports, since only a committed transaction
 * emits its chaincode event.
 */
export function withoutEvent(outcome: CallOutcome): CallOutcome {
  const { event: _event, ...rest } = outcome;
  return rest;
}
