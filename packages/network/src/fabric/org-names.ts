import { organizationNameOf } from '@fabric-testkit/test-harness';
import { NetworkDefinitionError } from '../errors';

/** The harness's name of an organization, from its MSP id (`Org1MSP` → `org1`): the harness names nodes after it. */
export function orgNameOf(mspId: string): string {
  try {
    return organizationNameOf(mspId);
  } catch (e) {
    throw new NetworkDefinitionError(`organization ${mspId}: ${e instanceof Error ? e.message : String(e)}`);
  }
}
