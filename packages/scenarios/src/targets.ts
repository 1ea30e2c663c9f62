import { TargetUnavailableError } from './errors';
import { MockTarget } from './mock-target';
import { NetworkTarget, type NetworkTargetOptions } from './network-target';
import type { Target } from './target';

/** Names `createTarget` accepts. */
export type TargetName = 'mock' | 'network';

/** The target of a name: `mock` (the in-memory peer) or `network` (a real network in containers per scenario). */
export function createTarget(name: string, options: { network?: NetworkTargetOptions } = {}): Target {
  if (name === 'mock') return new MockTarget();
  // The mock with every chaincode served as a program, over the chaincode protocol (issue 15).
  if (name === 'mock-wire') return new MockTarget({ name: 'mock-wire', wire: true });
  if (name === 'network') return new NetworkTarget(options.network);
  throw new TargetUnavailableError(name, `unknown target "${name}": use mock, mock-wire, network or both`);
}
