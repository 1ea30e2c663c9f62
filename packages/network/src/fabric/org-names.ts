import { NetworkDefinitionError } from '../errors';

/**
 * The harness's name of an organization, from its MSP id: `Org1MSP` → `org1`. The harness names containers and
 * hosts after it, so it must be a lower-case DNS label.
 */
export function orgNameOf(mspId: string): string {
  const name = mspId.replace(/MSP$/, '').toLowerCase();
  if (!/^[a-z][a-z0-9-]*$/.test(name)) {
    throw new NetworkDefinitionError(
      `organization ${JSON.stringify(mspId)}: a real network names its nodes after the MSP id without "MSP", ` +
        `lower-cased, which must be letters, digits and '-' starting with a letter (e.g. Org1MSP → org1)`,
    );
  }
  return name;
}
