import { Context, Contract, Info, Returns, Transaction } from 'fabric-contract-api';
import { Asset, Owner, type AssetHistoryEntry } from './asset';
import { canonicalJson } from './canonical-json';

/**
 * Basic asset transfer: create, read, update, transfer and delete JSON assets. Only an asset's owner may change
 * it; every change emits one chaincode event whose payload is the asset (or the transfer) as canonical JSON.
 */
@Info({ title: 'AssetTransfer', description: 'Basic asset transfer with ownership checks' })
export class AssetTransferContract extends Contract {
  constructor() {
    super('AssetTransfer');
  }

  /** Creates an asset owned by the caller. Fails if the id is taken. */
  @Transaction()
  @Returns('Asset')
  public async CreateAsset(
    ctx: Context,
    id: string,
    color: string,
    size: number,
    appraisedValue: number,
  ): Promise<Asset> {
    if (await this.AssetExists(ctx, id)) throw new Error(`The asset ${id} already exists`);
    const asset = Object.assign(new Asset(), {
      ID: id,
      Color: color,
      Size: size,
      AppraisedValue: appraisedValue,
      Owner: caller(ctx),
    });
    await this.write(ctx, asset, 'AssetCreated', asset);
    return asset;
  }

  /** Returns the asset's stored JSON. */
  @Transaction(false)
  @Returns('string')
  public async ReadAsset(ctx: Context, id: string): Promise<string> {
    const bytes = await ctx.stub.getState(id);
    // A missing key reads as empty bytes, not null (S-02).
    if (bytes.length === 0) throw new Error(`The asset ${id} does not exist`);
    return Buffer.from(bytes).toString('utf8');
  }

  /** Changes color, size and value. Owner only. */
  @Transaction()
  public async UpdateAsset(
    ctx: Context,
    id: string,
    color: string,
    size: number,
    appraisedValue: number,
  ): Promise<void> {
    const asset = await this.ownedAsset(ctx, id, 'update');
    Object.assign(asset, { Color: color, Size: size, AppraisedValue: appraisedValue });
    await this.write(ctx, asset, 'AssetUpdated', asset);
  }

  /** Deletes the asset. Owner only. */
  @Transaction()
  public async DeleteAsset(ctx: Context, id: string): Promise<void> {
    const asset = await this.ownedAsset(ctx, id, 'delete');
    await ctx.stub.deleteState(id);
    ctx.stub.setEvent('AssetDeleted', Buffer.from(canonicalJson(asset)));
  }

  /** Gives the asset to another client (its MSP id and `ClientIdentity` id, see `WhoAmI`). Owner only. */
  @Transaction()
  public async TransferAsset(ctx: Context, id: string, newOwnerMSPID: string, newOwnerID: string): Promise<void> {
    const asset = await this.ownedAsset(ctx, id, 'transfer');
    const from = asset.Owner;
    asset.Owner = Object.assign(new Owner(), { MSPID: newOwnerMSPID, ID: newOwnerID });
    await this.write(ctx, asset, 'AssetTransferred', { ID: id, From: from, To: asset.Owner });
  }

  /** Whether the asset exists. */
  @Transaction(false)
  @Returns('boolean')
  public async AssetExists(ctx: Context, id: string): Promise<boolean> {
    const bytes = await ctx.stub.getState(id);
    return bytes.length > 0;
  }

  /** Every asset, in key order: an open range ('' to '') covers all simple keys of this chaincode. */
  @Transaction(false)
  @Returns('Asset[]')
  public async GetAllAssets(ctx: Context): Promise<Asset[]> {
    const assets: Asset[] = [];
    for await (const { value } of ctx.stub.getStateByRange('', '')) {
      assets.push(parseAsset(value));
    }
    return assets;
  }

  /** The asset's history, newest first, with the transaction that wrote each version. */
  @Transaction(false)
  @Returns('string')
  public async GetAssetHistory(ctx: Context, id: string): Promise<string> {
    const entries: AssetHistoryEntry[] = [];
    for await (const entry of ctx.stub.getHistoryForKey(id)) {
      const seconds = Number(entry.timestamp.seconds);
      const millis = seconds * 1000 + Math.floor(entry.timestamp.nanos / 1e6);
      entries.push({
        TxId: entry.txId,
        Timestamp: new Date(millis).toISOString(),
        IsDelete: entry.isDelete,
        Asset: entry.isDelete ? null : parseAsset(entry.value),
      });
    }
    return canonicalJson(entries);
  }

  /** The caller as an owner: use it to name the recipient of a transfer. */
  @Transaction(false)
  @Returns('Owner')
  public async WhoAmI(ctx: Context): Promise<Owner> {
    return Promise.resolve(caller(ctx));
  }

  private async ownedAsset(ctx: Context, id: string, action: string): Promise<Asset> {
    const asset = parseAsset(Buffer.from(await this.ReadAsset(ctx, id)));
    const me = caller(ctx);
    if (asset.Owner.MSPID !== me.MSPID || asset.Owner.ID !== me.ID) {
      throw new Error(
        `${describeOwner(me)} may not ${action} asset ${id}: it is owned by ${describeOwner(asset.Owner)}`,
      );
    }
    return asset;
  }

  private async write(ctx: Context, asset: Asset, eventName: string, eventPayload: unknown): Promise<void> {
    await ctx.stub.putState(asset.ID, Buffer.from(canonicalJson(asset)));
    ctx.stub.setEvent(eventName, Buffer.from(canonicalJson(eventPayload)));
  }
}

function caller(ctx: Context): Owner {
  return Object.assign(new Owner(), { MSPID: ctx.clientIdentity.getMSPID(), ID: ctx.clientIdentity.getID() });
}

/** `alice@Org1MSP`: the certificate's common name and the MSP, for readable errors. */
function describeOwner(owner: Owner): string {
  const commonName = /CN=([^,/:]+)/.exec(owner.ID)?.[1] ?? owner.ID;
  return `${commonName}@${owner.MSPID}`;
}

function parseAsset(bytes: Uint8Array): Asset {
  return Object.assign(new Asset(), JSON.parse(Buffer.from(bytes).toString('utf8')) as Partial<Asset>);
}
