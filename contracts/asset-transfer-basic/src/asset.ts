import { Object as DataType, Property } from 'fabric-contract-api';

/** Who owns an asset: the creator's organization (MSP id) and its X.509 identity (`ClientIdentity.getID()`). */
@DataType()
export class Owner {
  @Property()
  public MSPID: string = '';

  @Property()
  public ID: string = '';
}

/*
 * Property types are written out: decorator metadata (`design:type`) records the declared type, and an
 * inferred one would be recorded as `Object`, which contract-api cannot turn into a schema.
 */

/** An asset as stored in world state (JSON, keys sorted). */
@DataType()
export class Asset {
  @Property()
  public ID: string = '';

  @Property()
  public Color: string = '';

  @Property()
  public Size: number = 0;

  @Property()
  public AppraisedValue: number = 0;

  @Property()
  public Owner: Owner = new Owner();
}

/** One entry of {@link Asset} history, newest first. */
export interface AssetHistoryEntry {
  TxId: string;
  Timestamp: string;
  IsDelete: boolean;
  Asset: Asset | null;
}
