import { organizationNameOf } from '@fabric-testkit/test-harness';
import { TargetUnavailableError } from './errors';

/** The harness organization name of an MSP ID (`Org1MSP` → `org1`); a scenario's MSP ID without one is unrunnable. */
export function orgNameOf(mspId: string): string {
  try {
    return organizationNameOf(mspId);
  } catch (e) {
    throw new TargetUnavailableError('network', e instanceof Error ? e.message : String(e));
  }
}
