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
}

/** A target with the scenario's network up. */
export interface StartedTarget extends AsyncDisposable {
  /**
   * Endorses on the call's endorsing organizations' peers and, when the chaincode accepted it (status < 400),
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

/**
 * The real-network target, to be implemented over `@fabric-testkit/test-harness` (its `FabricNetwork` builder and
 * the fabric-gateway clients of `StartedFabricNetwork.connectGateway`):
 *
 * - `start`: `new FabricNetwork()` with one organization per MSP id and the channels; each chaincode served
 *   as a service (`ChaincodeOptions.chaincode`: the probe's module with its `default` export; contract samples
 *   through a `ChaincodeFromContract` wrapper module), with the scenario's endorsement policy, collections and
 *   `initRequired`; identities registered with the organization's CA (`registerUser`, with attributes).
 * - `submit`: `contract.newProposal(fn, { arguments, transientData, endorsingOrganizations })`, `endorse()`,
 *   `submit()`, `getStatus()`; an `EndorseError`'s peer message (its `details`) becomes the outcome's status and
 *   message; the commit status code its validation code; the chaincode event from a block event listener.
 * - `evaluate`: `proposal.evaluate()` on the first endorsing organization's gateway.
 * - `block`: endorse every proposal first, then submit them back to back with an orderer batch large enough to
 *   cut one block (the harness's `batchTimeout`), and check every transaction landed in the same block.
 *
 * What a gateway client cannot see (the read/write set) is left out of the outcome; the differ compares only
 * what both targets report.
 */
export interface NetworkTarget extends Target {
  /**
   * Why this network cannot run the scenario (for example CouchDB or private data collections the harness
   * does not configure yet), or undefined when it can. A differential run reports such scenarios as skipped.
   */
  unsupported(network: NetworkSpec): string | undefined;
}
