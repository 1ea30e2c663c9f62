/**
 * This sample as the harness serves a chaincode (a class with `Init`/`Invoke`, constructed without arguments):
 * fabric-shim's contract bootstrap reads the package the way `fabric-chaincode-node server` does (package.json
 * `main` → its `contracts` export, JSON serializer) and `ChaincodeFromContract` dispatches to the contract.
 * The package has no META-INF/metadata.json, so the metadata is introspected from the code, as in bootstrap.
 */
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import Bootstrap from 'fabric-shim/lib/contract-spi/bootstrap';
import ChaincodeFromContract from 'fabric-shim/lib/contract-spi/chaincodefromcontract';

/** The package directory: this file runs from `dist/test/integration`. */
export const PACKAGE_DIR = resolve(__dirname, '..', '..', '..');

export class SampleChaincode extends ChaincodeFromContract {
  constructor() {
    if (existsSync(join(PACKAGE_DIR, 'META-INF', 'metadata.json'))) {
      throw new Error('sample-chaincode: the package now has META-INF/metadata.json; load it as bootstrap does');
    }
    const info = Bootstrap.getInfoFromContract(PACKAGE_DIR);
    super(info.contracts, info.serializers, {}, info.title, info.version);
  }
}
