/**
 * Where a scenario runs. A {@link Target} builds the scenario's network and answers calls with what it observed;
 * the runner checks expectations and the differ compares two targets' runs. Targets never throw for what the
 * chaincode or the peer decides (an error status, an invalid transaction): they report it in the outcome. They
 * throw only when they cannot run the call at all.
 */
import type { Call, CallOutcome, NetworkSpec } from './types';

/** A place to run scenarios: the in-memory mock ({@link MockTarget}) or a real network. */
export interface Target {
  /** Shown in reports and diffs, e.g. `mock`, `network`. */
  readonly name: string;
  /** Creates the organizations, channels and identities, and deploys the chaincodes. */
  start(network: NetworkSpec): Promise<StartedTarget>;
  /**
   * Why this target cannot run a scenario on `network` (for example CouchDB peers a target cannot start), or
   * undefined when it can. The runner records such a run as skipped, with the reason; targets that can run
   * everything leave it out.
   */
  unsupported?(network: NetworkSpec): string | undefined;
}

/** A target with the scenario's network up. */
export interface StartedTarget extends AsyncDisposable {
  /**
   * Endorses on the call's endorsing organizations' peers and, when the gateway accepts its status (200–399),
   * orders and commits it alone, as a gateway submit does. The outcome carries the validation code.
   */
  submit(call: Call): Promise<CallOutcome>;
  /** Runs the call on one peer of the first endorsing organization (default: the identity's), never commits. */
  evaluate(call: Call): Promise<CallOutcome>;
  /**
   * Endorses every call against the same committed state, then commits the accepted ones together in one block,
   * in order, so later ones can be invalidated by earlier ones (MVCC, phantoms, key-level policy changes).
   */
  block(calls: readonly Call[]): Promise<CallOutcome[]>;
  stop(): Promise<void>;
}
