import { Context, Contract, Info, Returns, Transaction } from 'fabric-contract-api';
import { ASSET_DOC_TYPE, Asset, AssetPage } from './asset';
import { canonicalJson } from './canonical-json';

/** Object type of the color index: keys `\u0000color~id\u0000<color>\u0000<id>\u0000` (S-10). */
const COLOR_INDEX = 'color~id';

/**
 * An index entry's value. An empty value would be a delete (S-02), so index entries store one null byte, as the
 * Fabric samples do. It is not JSON, so CouchDB keeps it as an attachment that no selector matches (S-21).
 */
const INDEX_VALUE = Buffer.from([0]);

type PagedResponse = Awaited<ReturnType<Context['stub']['getStateByRangeWithPagination']>>;

/**
 * Ways to find assets in the ledger: by key, by key range (with pagination), by a composite-key index, and, on a
 * CouchDB peer, by JSON selector (with pagination). Queries that page are for evaluation only: a peer refuses a
 * transaction that both pages and writes (S-15).
 */
@Info({ title: 'AssetLedgerQueries', description: 'Composite keys, ranges, pagination and CouchDB rich queries' })
export class AssetQueryContract extends Contract {
  constructor() {
    super('AssetLedgerQueries');
  }

  /** Creates an asset and its color index entry. */
  @Transaction()
  @Returns('Asset')
  public async CreateAsset(
    ctx: Context,
    id: string,
    color: string,
    size: number,
    owner: string,
    appraisedValue: number,
  ): Promise<Asset> {
    if ((await ctx.stub.getState(id)).length > 0) throw new Error(`The asset ${id} already exists`);
    const asset = Object.assign(new Asset(), {
      ID: id,
      Color: color,
      Size: size,
      Owner: owner,
      AppraisedValue: appraisedValue,
    });
    await ctx.stub.putState(id, Buffer.from(canonicalJson(asset)));
    await ctx.stub.putState(ctx.stub.createCompositeKey(COLOR_INDEX, [color, id]), INDEX_VALUE);
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

  /** Deletes the asset and its index entry: an index must change with the data it indexes. */
  @Transaction()
  public async DeleteAsset(ctx: Context, id: string): Promise<void> {
    const asset = await this.ReadAsset(ctx, id);
    await ctx.stub.deleteState(id);
    await ctx.stub.deleteState(ctx.stub.createCompositeKey(COLOR_INDEX, [asset.Color, id]));
    ctx.stub.setEvent('AssetDeleted', Buffer.from(canonicalJson(asset)));
  }

  @Transaction()
  public async TransferAsset(ctx: Context, id: string, newOwner: string): Promise<void> {
    const asset = await this.ReadAsset(ctx, id);
    asset.Owner = newOwner;
    await ctx.stub.putState(id, Buffer.from(canonicalJson(asset)));
    ctx.stub.setEvent('AssetTransferred', Buffer.from(canonicalJson({ ID: id, To: newOwner })));
  }

  /**
   * Gives every asset of a color to a new owner and returns how many. It finds them with a partial composite key
   * query, a range query that the committing peer re-executes: an asset of that color created in the same block
   * makes this transaction fail with `PHANTOM_READ_CONFLICT` instead of silently missing it (S-04). A rich query
   * here would not be re-checked, which is why updates should not rely on one.
   */
  @Transaction()
  @Returns('number')
  public async TransferAssetsByColor(ctx: Context, color: string, newOwner: string): Promise<number> {
    const ids: string[] = [];
    for await (const { key } of ctx.stub.getStateByPartialCompositeKey(COLOR_INDEX, [color])) {
      const { attributes } = ctx.stub.splitCompositeKey(key);
      const id = attributes[1] ?? '';
      const asset = await this.ReadAsset(ctx, id);
      asset.Owner = newOwner;
      await ctx.stub.putState(id, Buffer.from(canonicalJson(asset)));
      ids.push(id);
    }
    ctx.stub.setEvent('AssetsTransferred', Buffer.from(canonicalJson({ IDs: ids, To: newOwner })));
    return ids.length;
  }

  /** Assets of one color, in id order, through the color index (partial composite key query). */
  @Transaction(false)
  @Returns('Asset[]')
  public async GetAssetsByColor(ctx: Context, color: string): Promise<Asset[]> {
    const assets: Asset[] = [];
    for await (const { key } of ctx.stub.getStateByPartialCompositeKey(COLOR_INDEX, [color])) {
      assets.push(await this.ReadAsset(ctx, ctx.stub.splitCompositeKey(key).attributes[1] ?? ''));
    }
    return assets;
  }

  /**
   * Assets with ids in [startKey, endKey), in key order (UTF-8 bytes, S-12). '' for both means all of them:
   * simple-key ranges never return composite keys such as the color index (S-11).
   */
  @Transaction(false)
  @Returns('Asset[]')
  public async GetAssetsByRange(ctx: Context, startKey: string, endKey: string): Promise<Asset[]> {
    const assets: Asset[] = [];
    for await (const { value } of ctx.stub.getStateByRange(startKey, endKey)) assets.push(parseAsset(value));
    return assets;
  }

  /** One page of {@link GetAssetsByRange}; start again from `bookmark` for the next page (S-14). */
  @Transaction(false)
  @Returns('AssetPage')
  public async GetAssetsByRangeWithPagination(
    ctx: Context,
    startKey: string,
    endKey: string,
    pageSize: number,
    bookmark: string,
  ): Promise<AssetPage> {
    return toPage(await ctx.stub.getStateByRangeWithPagination(startKey, endKey, pageSize, bookmark));
  }

  /**
   * An owner's assets, smallest first: a CouchDB rich query (S-20). CouchDB sorts only through an index, here
   * `META-INF/statedb/couchdb/indexes/indexOwner.json` (fields docType, Owner, Size): the sort lists the index
   * fields in order and the selector constrains each of them.
   */
  @Transaction(false)
  @Returns('Asset[]')
  public async QueryAssetsByOwner(ctx: Context, owner: string): Promise<Asset[]> {
    const query = {
      selector: { docType: ASSET_DOC_TYPE, Owner: owner, Size: { $gt: 0 } },
      sort: [{ docType: 'asc' }, { Owner: 'asc' }, { Size: 'asc' }],
    };
    return this.QueryAssets(ctx, JSON.stringify(query));
  }

  /** Any Mango query, e.g. `{"selector":{"docType":"asset","Color":"blue"}}`. CouchDB peers only. */
  @Transaction(false)
  @Returns('Asset[]')
  public async QueryAssets(ctx: Context, queryString: string): Promise<Asset[]> {
    const assets: Asset[] = [];
    for await (const { value } of ctx.stub.getQueryResult(queryString)) assets.push(parseAsset(value));
    return assets;
  }

  /** One page of {@link QueryAssets}; the bookmark is CouchDB's. */
  @Transaction(false)
  @Returns('AssetPage')
  public async QueryAssetsWithPagination(
    ctx: Context,
    queryString: string,
    pageSize: number,
    bookmark: string,
  ): Promise<AssetPage> {
    return toPage(await ctx.stub.getQueryResultWithPagination(queryString, pageSize, bookmark));
  }
}

async function toPage({ iterator, metadata }: PagedResponse): Promise<AssetPage> {
  const records: Asset[] = [];
  for (let result = await iterator.next(); !result.done; result = await iterator.next()) {
    records.push(parseAsset(result.value.value));
  }
  await iterator.close();
  return Object.assign(new AssetPage(), {
    Records: records,
    FetchedRecordsCount: metadata.fetchedRecordsCount,
    Bookmark: metadata.bookmark,
  });
}

function parseAsset(bytes: Uint8Array): Asset {
  return Object.assign(new Asset(), JSON.parse(Buffer.from(bytes).toString('utf8')) as Partial<Asset>);
}
