import { Context, Contract, Info, Returns, Transaction } from 'fabric-contract-api';
import { AssetV2, SCHEMA_VERSION } from './asset';
import { canonicalJson } from './canonical-json';

/**
 * Version 2 of the `asset-upgrade` chaincode, deployed under the same name as version 1 so it inherits its world
 * state. What changed:
 * - a field: `AppraisedValue` (with `SchemaVersion` to tell the layouts apart);
 * - a rule: an asset must be appraised (`AppraiseAsset`) before it can be transferred;
 * - migration: reads return version 1 records in the new layout without writing them (a query writes nothing),
 *   every write stores the new layout, and `MigrateAssets` rewrites the remaining version 1 records at once.
 * Version 1 clients keep working: every version 1 transaction has the same name and parameters.
 */
@Info({ title: 'AssetUpgrade', description: 'asset-upgrade chaincode, version 2', version: '2.0' })
export class AssetUpgradeContractV2 extends Contract {
  constructor() {
    super('AssetUpgrade');
  }

  /** Which version of the chaincode answered: "v2". */
  @Transaction(false)
  @Returns('string')
  public async Version(_ctx: Context): Promise<string> {
    return Promise.resolve('v2');
  }

  /** Creates an asset, not yet appraised. Same parameters as version 1. */
  @Transaction()
  @Returns('AssetV2')
  public async CreateAsset(ctx: Context, id: string, color: string, size: number, owner: string): Promise<AssetV2> {
    if ((await ctx.stub.getState(id)).length > 0) throw new Error(`The asset ${id} already exists`);
    if (!Number.isSafeInteger(size) || size <= 0) throw new Error(`size must be a positive integer, not ${size}`);
    const asset = Object.assign(new AssetV2(), { ID: id, Color: color, Size: size, Owner: owner });
    await write(ctx, asset, 'AssetCreated', asset);
    return asset;
  }

  /** The asset in the version 2 layout, whichever version wrote it. */
  @Transaction(false)
  @Returns('AssetV2')
  public async ReadAsset(ctx: Context, id: string): Promise<AssetV2> {
    const bytes = await ctx.stub.getState(id);
    if (bytes.length === 0) throw new Error(`The asset ${id} does not exist`);
    return upgradeRecord(bytes);
  }

  /** Sets the appraised value (a positive integer). Emits `AssetAppraised`. */
  @Transaction()
  public async AppraiseAsset(ctx: Context, id: string, appraisedValue: number): Promise<void> {
    if (!Number.isSafeInteger(appraisedValue) || appraisedValue <= 0) {
      throw new Error(`appraisedValue must be a positive integer, not ${appraisedValue}`);
    }
    const asset = await this.ReadAsset(ctx, id);
    asset.AppraisedValue = appraisedValue;
    await write(ctx, asset, 'AssetAppraised', { AppraisedValue: appraisedValue, ID: id });
  }

  /** Gives the asset to a new owner; new in version 2: only once it is appraised. Emits `AssetTransferred`. */
  @Transaction()
  public async TransferAsset(ctx: Context, id: string, newOwner: string): Promise<void> {
    const asset = await this.ReadAsset(ctx, id);
    if (asset.AppraisedValue <= 0) throw new Error(`The asset ${id} must be appraised before it can be transferred`);
    const from = asset.Owner;
    asset.Owner = newOwner;
    await write(ctx, asset, 'AssetTransferred', { From: from, ID: id, To: newOwner });
  }

  /** Every asset in key order, in the version 2 layout. */
  @Transaction(false)
  @Returns('AssetV2[]')
  public async GetAllAssets(ctx: Context): Promise<AssetV2[]> {
    const assets: AssetV2[] = [];
    for await (const { value } of ctx.stub.getStateByRange('', '')) assets.push(upgradeRecord(value));
    return assets;
  }

  /**
   * Rewrites every version 1 record in the version 2 layout and returns how many it rewrote. Emits
   * `AssetsMigrated` with their ids. The range it read is checked again at commit (S-04): an asset created in the
   * same block invalidates it with `PHANTOM_READ_CONFLICT`, and it can simply be submitted again.
   */
  @Transaction()
  @Returns('number')
  public async MigrateAssets(ctx: Context): Promise<number> {
    const migrated: string[] = [];
    for await (const { key, value } of ctx.stub.getStateByRange('', '')) {
      if (isVersion1(value)) {
        await ctx.stub.putState(key, Buffer.from(canonicalJson(upgradeRecord(value))));
        migrated.push(key);
      }
    }
    ctx.stub.setEvent('AssetsMigrated', Buffer.from(canonicalJson({ IDs: migrated })));
    return migrated.length;
  }
}

type StoredAsset = Omit<AssetV2, 'AppraisedValue' | 'SchemaVersion'> & Partial<AssetV2>;

function parseRecord(bytes: Uint8Array): StoredAsset {
  return JSON.parse(Buffer.from(bytes).toString('utf8')) as StoredAsset;
}

function isVersion1(bytes: Uint8Array): boolean {
  return parseRecord(bytes).SchemaVersion === undefined;
}

/** A stored record of either version as a version 2 asset: a version 1 record gets `AppraisedValue` 0. */
function upgradeRecord(bytes: Uint8Array): AssetV2 {
  return Object.assign(new AssetV2(), { AppraisedValue: 0 }, parseRecord(bytes), { SchemaVersion: SCHEMA_VERSION });
}

async function write(ctx: Context, asset: AssetV2, eventName: string, eventPayload: object): Promise<void> {
  await ctx.stub.putState(asset.ID, Buffer.from(canonicalJson(asset)));
  ctx.stub.setEvent(eventName, Buffer.from(canonicalJson(eventPayload)));
}
