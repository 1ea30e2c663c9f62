import { TargetUnavailableError } from './errors';
import { MockTarget } from './mock-target';
import type { Target } from './target';

/** Names `createTarget` accepts. */
export type TargetName = 'mock' | 'network';

/**
 * The target of a name. `network` is not available yet: the test harness does not configure collections,
 * endorsement policies, CouchDB or CA attributes from a scenario, so there is no `NetworkTarget` implementation.
 */
export function createTarget(name: string): Target {
  if (name === 'mock') return new MockTarget();
  if (name === 'network') {
    throw new TargetUnavailableError(
      'network',
      "the network target is not available yet: @fabric-testkit/test-harness cannot yet deploy a scenario's " +
        'chaincodes with their endorsement policy, collections and state database; run with --target mock',
    );
  }
  throw new TargetUnavailableError(name, `unknown target "${name}": use mock, network or both`);
}
