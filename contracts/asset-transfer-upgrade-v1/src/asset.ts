import { Object as DataType, Property } from 'fabric-contract-api';

/** An asset as version 1 stores it (JSON, keys sorted). Version 2 reads these records and migrates them. */
@DataType()
export class Asset {
  @Property()
  public ID: string = '';

  @Property()
  public Color: string = '';

  @Property()
  public Size: number = 0;

  @Property()
  public Owner: string = '';
}
