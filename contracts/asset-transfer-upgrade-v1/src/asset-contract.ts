import { Context, Contract, Info, Returns, Transaction } from 'fabric-contract-api';
import { Asset } from './asset';
import { canonicalJson } from './canonical-json';

/**
 * Version 1 of the `asset-upgrade` chaincode: create, read, transfer and list assets. Version 2 (the
 * asset-transfer-upgrade-v2 sample) is deployed under the same name and must keep every record written here.
 */
@Info({ title: 'AssetUpgrade', description: 'asset-upgrade chaincode, version 1', version: '1.0' })
export class AssetUpgradeContractV1 extends Contract {
  constructor() {
    super('AssetUpgrade');
  }

  /** Which version of the chaincode answered: "v1". */
  @Transaction(false)
  @Returns('string')
  public async Version(_ctx: Context): Promise<string> {
    return Promise.resolve('v1');
  }

  /** Creates an asset. Fails if the id is taken or the size is not a positive integer. */
  @Transaction()
  @Returns('Asset')
  public async CreateAsset(ctx: Context, id: string, color: string, size: number, owner: string): Promise<Asset> {
    if ((await ctx.stub.getState(id)).length > 0) throw new Error(`The asset ${id} already exists`);
    if (!Number.isSafeInteger(size) || size <= 0) throw new Error(`size must be a positive integer, not ${size}`);
    const asset = Object.assign(new Asset(), { ID: id, Color: color, Size: size, Owner: owner });
    await ctx.stub.putState(id, Buffer.from(canonicalJson(asset)));
    ctx.stub.setEvent('AssetCreated', Buffer.from(canonicalJson(asset)));
    return asset;
  }

  @Transaction(false)
  @Returns('Asset')
  public async ReadAsset(ctx: Context, id: string): Promise<Asset> {
    const bytes = await ctx.stub.getState(id);
    if (bytes.length === 0) throw new Error(`The asset ${id} does not exist`);
    return parseAsset(bytes);
  }

  /** Gives the asset to a new owner. Emits `AssetTransferred`. */
  @Transaction()
  public async TransferAsset(ctx: Context, id: string, newOwner: string): Promise<void> {
    const asset = await this.ReadAsset(ctx, id);
    const from = asset.Owner;
    asset.Owner = newOwner;
    await ctx.stub.putState(id, Buffer.from(canonicalJson(asset)));
    ctx.stub.setEvent('AssetTransferred', Buffer.from(canonicalJson({ From: from, ID: id, To: newOwner })));
  }

  /** Every asset, in key order. */
  @Transaction(false)
  @Returns('Asset[]')
  public async GetAllAssets(ctx: Context): Promise<Asset[]> {
    const assets: Asset[] = [];
    for await (const { value } of ctx.stub.getStateByRange('', '')) assets.push(parseAsset(value));
    return assets;
  }
}

function parseAsset(bytes: Uint8Array): Asset {
  return Object.assign(new Asset(), JSON.parse(Buffer.from(bytes).toString('utf8')) as Partial<Asset>);
}
