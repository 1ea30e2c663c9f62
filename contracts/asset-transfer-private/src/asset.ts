import { Object as DataType, Property } from 'fabric-contract-api';

/** The collection Org1 and Org2 share (see `collections_config.json`): members only may read or write it. */
export const ASSET_COLLECTION = 'assetCollection';

/** An asset as both organizations see it, in {@link ASSET_COLLECTION} under its id. */
@DataType()
export class Asset {
  @Property()
  public ID: string = '';

  @Property()
  public Color: string = '';

  @Property()
  public Size: number = 0;

  /** The owner's client id (`ClientIdentity.getID()`). */
  @Property()
  public Owner: string = '';

  @Property()
  public OwnerOrg: string = '';
}

/**
 * A price only one organization knows, in its implicit collection `_implicit_org_<MSPID>` under the asset id: the
 * owner's appraisal, or a buyer's agreed price. Both have this exact shape, so equal prices have equal hashes.
 */
@DataType()
export class AssetPrice {
  @Property()
  public ID: string = '';

  @Property()
  public AppraisedValue: number = 0;
}

/** A buyer's agreement to buy, in {@link ASSET_COLLECTION} under `transferAgreement~<id>`. */
@DataType()
export class TransferAgreement {
  @Property()
  public ID: string = '';

  @Property()
  public BuyerID: string = '';

  @Property()
  public BuyerOrg: string = '';
}
