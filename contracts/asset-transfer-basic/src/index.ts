/**
 * The chaincode package: fabric-chaincode-node's `bootstrap.js` reads `contracts` from `main` and starts them
 * (`fabric-chaincode-node start`).
 * @packageDocumentation
 */
import { AssetTransferContract } from './asset-contract';

export { AssetTransferContract } from './asset-contract';
export { Asset, Owner, type AssetHistoryEntry } from './asset';
export { canonicalJson } from './canonical-json';

/** The contract classes of this chaincode; the first is the default contract. */
export const contracts = [AssetTransferContract];
