/** Where a scenario's chaincode comes from: this repository's sample packages, and how a chaincode server serves them. */
import * as path from 'node:path';
import type { ChaincodeModule } from '@fabric-testkit/test-harness';
import type { ChaincodeSpec } from './types';

/** The directory of a sample chaincode package of this repository. */
export function samplePackageDir(sample: string): string {
  return path.dirname(require.resolve(`@fabric-testkit/${sample}/package.json`));
}

/** How the harness serves a scenario chaincode: the probe as the raw chaincode it is, samples as contract packages. */
export function chaincodeModule(chaincode: ChaincodeSpec): ChaincodeModule {
  if (chaincode.sample === 'probe') {
    return { modulePath: require.resolve('@fabric-testkit/probe'), exportName: 'ProbeChaincode' };
  }
  return { contractPackage: packageDirOf(chaincode) };
}

/** The directory of a scenario chaincode's package (the probe's or a sample's, or the scenario's own `path`). */
export function packageDirOf(chaincode: ChaincodeSpec): string {
  return chaincode.path ?? samplePackageDir(chaincode.sample ?? '');
}
