import { TargetUnavailableError } from './errors';

/** The harness organization name of an MSP ID: `Org1MSP` → `org1`. */
export function orgNameOf(mspId: string): string {
  const name = mspId.replace(/MSP$/, '').toLowerCase();
  if (!/^[a-z][a-z0-9-]*$/.test(name) || name === 'orderer') {
    throw new TargetUnavailableError(
      'network',
      `MSP ID ${mspId} does not name an organization the test harness can create: use names like Org1MSP`,
    );
  }
  return name;
}
