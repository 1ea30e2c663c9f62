import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { LocalProcessRuntime } from '../../src/network/local-runtime';
import { newNetworkId } from '../../src/network/fabric-network';

const FABRIC_SAMPLECONFIG = process.env.FABRIC_TESTKIT_SAMPLECONFIG ?? '';

/**
 * A local-process runtime when the environment names Fabric binaries (FABRIC_TESTKIT_BIN_DIR with `peer` and
 * `orderer`, FABRIC_TESTKIT_CA_BIN, FABRIC_TESTKIT_SAMPLECONFIG with orderer.yaml); otherwise undefined.
 */
export function localRuntime(): LocalProcessRuntime | undefined {
  const binDir = process.env.FABRIC_TESTKIT_BIN_DIR;
  const caServer = process.env.FABRIC_TESTKIT_CA_BIN;
  if (!binDir || !caServer || !existsSync(join(FABRIC_SAMPLECONFIG, 'orderer.yaml'))) {
    return undefined;
  }
  return new LocalProcessRuntime(newNetworkId(), {
    caServer,
    orderer: join(binDir, 'orderer'),
    peer: join(binDir, 'peer'),
    ordererConfigDir: FABRIC_SAMPLECONFIG,
    ccaasBuilder: join(__dirname, '..', '..', '..', 'test', 'fixtures', 'ccaas-builder'),
  });
}
