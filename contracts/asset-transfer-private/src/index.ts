/**
 * The chaincode package: fabric-chaincode-node's `bootstrap.js` reads `contracts` from `main` and starts them
 * (`fabric-chaincode-node start`, or `fabric-chaincode-node server` for chaincode-as-a-service). Deploy it with
 * `collections_config.json` (`peer lifecycle chaincode approveformyorg --collections-config ...`).
 * @packageDocumentation
 */
import { AssetTransferPrivateContract } from './private-contract';

export { AssetTransferPrivateContract } from './private-contract';
export { ASSET_COLLECTION, Asset, AssetPrice, TransferAgreement } from './asset';
export { canonicalJson } from './canonical-json';

/** The contract classes of this chaincode; the first is the default contract. */
export const contracts = [AssetTransferPrivateContract];
