import { Object as DataType, Property } from 'fabric-contract-api';

/** The record layout this version writes. Version 1 records have no `SchemaVersion` (and no `AppraisedValue`). */
export const SCHEMA_VERSION = 2;

/**
 * An asset as version 2 stores and returns it (JSON, keys sorted). Named after its layout so that the metadata
 * schema (`AssetV2`) says which record shape clients get, and so that it never shares a schema entry with version
 * 1's `Asset` when both are loaded in one process (contract-api keys `@Object` types by class name).
 */
@DataType()
export class AssetV2 {
  @Property()
  public ID: string = '';

  @Property()
  public Color: string = '';

  @Property()
  public Size: number = 0;

  @Property()
  public Owner: string = '';

  /** New in version 2: 0 until `AppraiseAsset`, and an asset must be appraised before it is transferred. */
  @Property()
  public AppraisedValue: number = 0;

  /** 2 for every record written by version 2; absent in version 1 records. */
  @Property()
  public SchemaVersion: number = SCHEMA_VERSION;
}
