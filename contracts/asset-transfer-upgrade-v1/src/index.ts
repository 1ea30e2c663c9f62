/**
 * The chaincode package: fabric-chaincode-node's `bootstrap.js` reads `contracts` from `main` and starts them
 * (`fabric-chaincode-node start`, or `fabric-chaincode-node server` for chaincode-as-a-service).
 * @packageDocumentation
 */
import { AssetUpgradeContractV1 } from './asset-contract';

export { AssetUpgradeContractV1 } from './asset-contract';
export { Asset } from './asset';
export { canonicalJson } from './canonical-json';

/** The contract classes of this chaincode; the first is the default contract. */
export const contracts = [AssetUpgradeContractV1];
