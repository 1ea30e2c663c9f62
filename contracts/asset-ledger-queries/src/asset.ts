import { Object as DataType, Property } from 'fabric-contract-api';

/** Stored in every asset so a CouchDB selector can tell assets from anything else in the namespace. */
export const ASSET_DOC_TYPE = 'asset';

/** An asset as stored in world state (JSON, keys sorted): a CouchDB document when the peer runs CouchDB. */
@DataType()
export class Asset {
  @Property()
  public docType: string = ASSET_DOC_TYPE;

  @Property()
  public ID: string = '';

  @Property()
  public Color: string = '';

  @Property()
  public Size: number = 0;

  @Property()
  public Owner: string = '';

  @Property()
  public AppraisedValue: number = 0;
}

/** One page of a paginated query: pass `Bookmark` back to get the next page; "" means there is none. */
@DataType()
export class AssetPage {
  @Property('Records', 'Asset[]')
  public Records: Asset[] = [];

  @Property()
  public FetchedRecordsCount: number = 0;

  @Property()
  public Bookmark: string = '';
}
