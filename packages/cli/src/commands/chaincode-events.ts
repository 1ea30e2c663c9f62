/**
 * `fabric-testkit events NAME [--from BLOCK] [--count N] [--timeout SECONDS]`: prints the chaincode's events as
 * fabric-gateway's `getChaincodeEvents` delivers them, one line each (or one JSON object per line with `--json`).
 * It follows new blocks until Ctrl-C; `--count` ends it after N events, waiting at most `--timeout` seconds for them.
 */
import type { Command } from 'commander';
import type { EventOutcome } from './command-target';
import { defaultTargetDeps, withNetworkOptions } from './chaincode-deploy';
import { InvalidFlagError, NetworkCommandError } from './network-errors';
import type { NetworkFlags } from './network-selection';
import { onTarget, type TargetCommandDeps } from './target-session';

/** How long `--count` waits for its events unless `--timeout` says otherwise. */
export const DEFAULT_COUNT_TIMEOUT_S = 60;

/** The flags of `events`. */
export interface EventsFlags extends NetworkFlags {
  readonly from?: string;
  readonly count?: string;
  readonly timeout?: string;
  readonly json?: boolean;
}

/** The events a `--count` asked for did not all come in time. */
export class EventsTimeoutError extends NetworkCommandError {
  override readonly name = 'EventsTimeoutError';
}

/** Registers `events`. */
export function registerChaincodeEventsCommand(program: Command, deps: TargetCommandDeps = defaultTargetDeps): void {
  withNetworkOptions(program.command('events').description("Print a chaincode's events, following until Ctrl-C"))
    .argument('<name>', 'the chaincode name')
    .option('--from <block>', 'start at this block (default: the next block)')
    .option('--count <n>', 'stop after N events')
    .option('--timeout <seconds>', `with --count, wait at most this long (default ${DEFAULT_COUNT_TIMEOUT_S})`)
    .action(async (name: string, flags: EventsFlags) => {
      const controller = new AbortController();
      const abort = (): void => controller.abort();
      process.once('SIGINT', abort);
      try {
        await runEvents(name, flags, deps, controller);
      } finally {
        process.removeListener('SIGINT', abort);
      }
    });
}

function wholeNumber(flag: string, value: string | undefined, min: number): number | undefined {
  if (value === undefined) return undefined;
  if (!/^\d+$/.test(value) || Number(value) < min) {
    throw new InvalidFlagError(flag, value, `a whole number${min > 0 ? ` from ${min}` : ''}`);
  }
  return Number(value);
}

/** The action of `events`: resolves with the events printed once `--count` is reached or `controller` aborts. */
export async function runEvents(
  name: string,
  flags: EventsFlags,
  deps: TargetCommandDeps,
  controller: AbortController = new AbortController(),
): Promise<EventOutcome[]> {
  const from = wholeNumber('--from', flags.from, 0);
  const count = wholeNumber('--count', flags.count, 1);
  const timeoutS = wholeNumber('--timeout', flags.timeout, 1) ?? DEFAULT_COUNT_TIMEOUT_S;
  if (flags.timeout !== undefined && count === undefined) {
    throw new InvalidFlagError(
      '--timeout',
      flags.timeout,
      'given with --count (without it, events follows until Ctrl-C)',
    );
  }
  const seen: EventOutcome[] = [];
  let timedOut = false;
  const timer =
    count === undefined
      ? undefined
      : setTimeout(() => {
          timedOut = true;
          controller.abort();
        }, timeoutS * 1000);
  try {
    await onTarget(flags, deps, async (target) => {
      await target.events(
        {
          chaincode: name,
          ...(from === undefined ? {} : { from }),
          ...(count === undefined ? {} : { count }),
          signal: controller.signal,
        },
        (event) => {
          seen.push(event);
          deps.write(
            flags.json === true
              ? JSON.stringify(event)
              : `block ${event.blockNumber} transaction ${event.transactionId} event ${event.eventName}: ${event.payload}`,
          );
        },
      );
      return { result: undefined };
    });
  } finally {
    if (timer !== undefined) clearTimeout(timer);
  }
  if (timedOut && count !== undefined && seen.length < count) {
    throw new EventsTimeoutError(
      `waited ${timeoutS} s for ${count} event(s) of chaincode ${name}${from === undefined ? '' : ` from block ${from}`}, ` +
        `saw ${seen.length}; invoke a transaction that emits one, or raise --timeout`,
    );
  }
  return seen;
}
