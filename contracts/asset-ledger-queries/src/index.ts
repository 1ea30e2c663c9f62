/**
 * The chaincode package: fabric-chaincode-node's `bootstrap.js` reads `contracts` from `main` and starts them
 * (`fabric-chaincode-node start`, or `fabric-chaincode-node server` for chaincode-as-a-service). The package ships
 * `META-INF/statedb/couchdb/indexes/`: a CouchDB peer creates those indexes when the chaincode is installed.
 * @packageDocumentation
 */
import { AssetQueryContract } from './query-contract';

export { AssetQueryContract } from './query-contract';
export { ASSET_DOC_TYPE, Asset, AssetPage } from './asset';
export { canonicalJson } from './canonical-json';

/** The contract classes of this chaincode; the first is the default contract. */
export const contracts = [AssetQueryContract];
