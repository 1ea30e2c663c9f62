/**
 * Runs one command's work on the selected network: picks it (network-selection.ts), opens the target for it
 * (a real network's gateway clients, or the in-memory peer with its journal replayed), runs the work, and stores
 * what changed (new chaincode and identity records; for an in-memory network, the new journal entries) in the state
 * file in one write, only once the work succeeded.
 */
import * as path from 'node:path';
import type { CommandTarget } from './command-target';
import { FabricTarget } from './fabric-target';
import { MockTarget } from './mock-target';
import { selectNetwork, type NetworkFlags, type NetworkSelectionDeps } from './network-selection';
import { isMockDescription, type StoredDescription } from './network-state';

/** What the commands on a running network need; tests replace every part. */
export interface TargetCommandDeps extends NetworkSelectionDeps {
  /** A line of the command's output (stdout). */
  readonly write: (line: string) => void;
  /** A progress line of a long step (stderr, so `--json` output stays parseable). */
  readonly progress: (line: string) => void;
}

/** The work's result and how it changes the state file's records (none for a read). */
export interface TargetWork<T> {
  readonly result: T;
  readonly update?: (description: StoredDescription) => StoredDescription;
}

/** Runs `work` on the selected network and records what it changed. */
export async function onTarget<T>(
  flags: NetworkFlags,
  deps: TargetCommandDeps,
  work: (target: CommandTarget, description: StoredDescription) => Promise<TargetWork<T>>,
): Promise<T> {
  const selected = await selectNetwork(flags, deps);
  const { description } = selected;
  const target = isMockDescription(description)
    ? await MockTarget.open(description)
    : new FabricTarget(description, path.dirname(deps.store.directory));
  try {
    const done = await work(target, description);
    let next = done.update?.(description) ?? description;
    if (target instanceof MockTarget && target.added.length > 0 && isMockDescription(next)) {
      next = { ...next, journal: [...next.journal, ...target.added] };
    }
    if (next !== description) await deps.store.write(next);
    return done.result;
  } finally {
    await target.close();
  }
}

/** Prints `value` as JSON (`--json`) or as the lines `human` gives. */
export function output(
  deps: { readonly write: (line: string) => void },
  json: boolean | undefined,
  value: unknown,
  human: () => string[],
): void {
  if (json === true) deps.write(JSON.stringify(value, null, 2));
  else for (const line of human()) deps.write(line);
}
