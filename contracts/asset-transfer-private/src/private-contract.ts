import { Context, Contract, Info, Returns, Transaction } from 'fabric-contract-api';
import { KeyEndorsementPolicy } from 'fabric-shim';
import { ASSET_COLLECTION, Asset, AssetPrice, TransferAgreement } from './asset';
import { canonicalJson } from './canonical-json';
import { requirePositiveInteger, requireString, transientInput } from './transient';

/**
 * Private asset transfer between organizations. The asset lives in a collection only Org1 and Org2 hold; each
 * organization keeps its price in its own implicit collection; a sale happens when seller and buyer agreed the same
 * price, which the chaincode checks by comparing hashes, without either peer seeing the other's price. Key-level
 * endorsement policies make a transfer need the peers of both organizations.
 */
@Info({ title: 'AssetTransferPrivate', description: 'Private data, transient input and key-level endorsement' })
export class AssetTransferPrivateContract extends Contract {
  constructor() {
    super('AssetTransferPrivate');
  }

  /**
   * Creates an asset owned by the caller. Transient `asset_properties`: `{assetID, color, size, appraisedValue}`.
   * Endorse on the caller's own organization's peer: the appraisal goes into that organization's collection.
   */
  @Transaction()
  public async CreateAsset(ctx: Context): Promise<void> {
    const input = transientInput(ctx, 'asset_properties');
    const id = requireString(input, 'assetID');
    const asset = Object.assign(new Asset(), {
      ID: id,
      Color: requireString(input, 'color'),
      Size: requirePositiveInteger(input, 'size'),
      Owner: ctx.clientIdentity.getID(),
      OwnerOrg: ctx.clientIdentity.getMSPID(),
    });
    const price = Object.assign(new AssetPrice(), {
      ID: id,
      AppraisedValue: requirePositiveInteger(input, 'appraisedValue'),
    });
    assertClientOrgIsPeerOrg(ctx);
    // The hash is readable by any organization (S-51), so this check works even for a non-member of the
    // collection, which then fails on the write below (memberOnlyWrite).
    if ((await ctx.stub.getPrivateDataHash(ASSET_COLLECTION, id)).length > 0) {
      throw new Error(`The asset ${id} already exists`);
    }
    await ctx.stub.putPrivateData(ASSET_COLLECTION, id, Buffer.from(canonicalJson(asset)));
    await ctx.stub.putPrivateData(implicitCollection(asset.OwnerOrg), id, Buffer.from(canonicalJson(price)));
    await ctx.stub.setPrivateDataValidationParameter(ASSET_COLLECTION, id, endorsedBy(asset.OwnerOrg));
    // Events are in the block for every channel member: only the id, nothing private.
    ctx.stub.setEvent('AssetCreated', Buffer.from(canonicalJson({ ID: id })));
  }

  /**
   * The owner sets a new appraisal (asking price). Transient `asset_value`: `{assetID, appraisedValue}`. Endorse
   * on the owner's organization's peer.
   */
  @Transaction()
  public async AppraiseAsset(ctx: Context): Promise<void> {
    const input = transientInput(ctx, 'asset_value');
    const id = requireString(input, 'assetID');
    const price = Object.assign(new AssetPrice(), {
      ID: id,
      AppraisedValue: requirePositiveInteger(input, 'appraisedValue'),
    });
    assertClientOrgIsPeerOrg(ctx);
    const asset = await this.ReadAsset(ctx, id);
    if (asset.Owner !== ctx.clientIdentity.getID()) throw new Error(`Only the owner of asset ${id} may appraise it`);
    await ctx.stub.putPrivateData(implicitCollection(asset.OwnerOrg), id, Buffer.from(canonicalJson(price)));
    ctx.stub.setEvent('AssetAppraised', Buffer.from(canonicalJson({ ID: id })));
  }

  /** The asset, for members of the collection (others are refused by the peer: memberOnlyRead). */
  @Transaction(false)
  @Returns('Asset')
  public async ReadAsset(ctx: Context, id: string): Promise<Asset> {
    return Object.assign(new Asset(), await readJson(ctx, ASSET_COLLECTION, id, `The asset ${id} does not exist`));
  }

  /** The price the caller's organization holds for the asset: the owner's appraisal or a buyer's agreed price. */
  @Transaction(false)
  @Returns('AssetPrice')
  public async ReadMyPrice(ctx: Context, id: string): Promise<AssetPrice> {
    const org = ctx.clientIdentity.getMSPID();
    const value = await readJson(ctx, implicitCollection(org), id, `${org} holds no price for asset ${id}`);
    return Object.assign(new AssetPrice(), value);
  }

  /** The buyer's agreement to buy the asset, if any. */
  @Transaction(false)
  @Returns('TransferAgreement')
  public async ReadTransferAgreement(ctx: Context, id: string): Promise<TransferAgreement> {
    const key = agreementKey(ctx, id);
    const value = await readJson(ctx, ASSET_COLLECTION, key, `No one has agreed to buy asset ${id}`);
    return Object.assign(new TransferAgreement(), value);
  }

  /**
   * The caller agrees to buy the asset at a price. Transient `asset_value`: `{assetID, appraisedValue}`. The
   * price goes into the buyer's organization's implicit collection; the agreement, which only the buyer's
   * organization may later remove, into the shared one.
   */
  @Transaction()
  public async AgreeToTransfer(ctx: Context): Promise<void> {
    const input = transientInput(ctx, 'asset_value');
    const id = requireString(input, 'assetID');
    const price = Object.assign(new AssetPrice(), {
      ID: id,
      AppraisedValue: requirePositiveInteger(input, 'appraisedValue'),
    });
    assertClientOrgIsPeerOrg(ctx);
    const asset = await this.ReadAsset(ctx, id);
    const buyerOrg = ctx.clientIdentity.getMSPID();
    if (buyerOrg === asset.OwnerOrg) {
      throw new Error(`The buyer must be of another organization than the owner (${asset.OwnerOrg})`);
    }
    const agreement = Object.assign(new TransferAgreement(), {
      ID: id,
      BuyerID: ctx.clientIdentity.getID(),
      BuyerOrg: buyerOrg,
    });
    const key = agreementKey(ctx, id);
    await ctx.stub.putPrivateData(implicitCollection(buyerOrg), id, Buffer.from(canonicalJson(price)));
    await ctx.stub.putPrivateData(ASSET_COLLECTION, key, Buffer.from(canonicalJson(agreement)));
    await ctx.stub.setPrivateDataValidationParameter(ASSET_COLLECTION, key, endorsedBy(buyerOrg));
    ctx.stub.setEvent('TransferAgreed', Buffer.from(canonicalJson({ ID: id })));
  }

  /**
   * The owner sells the asset to the buyer who agreed to buy it at the owner's price. Transient `asset_owner`:
   * `{assetID, buyerMSP}`. Endorse on the peers of both organizations: the asset's key-level policy names the
   * seller's organization, the agreement's names the buyer's, and this transaction writes both.
   */
  @Transaction()
  public async TransferAsset(ctx: Context): Promise<void> {
    const input = transientInput(ctx, 'asset_owner');
    const id = requireString(input, 'assetID');
    const buyerOrg = requireString(input, 'buyerMSP');
    const asset = await this.ReadAsset(ctx, id);
    if (asset.Owner !== ctx.clientIdentity.getID()) throw new Error(`Only the owner of asset ${id} may transfer it`);
    const agreement = await this.ReadTransferAgreement(ctx, id);
    if (agreement.BuyerOrg !== buyerOrg) {
      throw new Error(`The buyer of asset ${id} is of ${agreement.BuyerOrg}, not ${buyerOrg}`);
    }
    await assertSamePrice(ctx, id, asset.OwnerOrg, buyerOrg);
    const sold = Object.assign(new Asset(), asset, { Owner: agreement.BuyerID, OwnerOrg: buyerOrg });
    await ctx.stub.putPrivateData(ASSET_COLLECTION, id, Buffer.from(canonicalJson(sold)));
    await ctx.stub.setPrivateDataValidationParameter(ASSET_COLLECTION, id, endorsedBy(buyerOrg));
    // The buyer's agreed price stays in the buyer's collection: it is the new owner's appraisal.
    await ctx.stub.deletePrivateData(implicitCollection(asset.OwnerOrg), id);
    await ctx.stub.deletePrivateData(ASSET_COLLECTION, agreementKey(ctx, id));
    ctx.stub.setEvent('AssetTransferred', Buffer.from(canonicalJson({ ID: id, OwnerOrg: buyerOrg })));
  }

  /** The caller's client id, as `Owner` and `BuyerID` record it. */
  @Transaction(false)
  @Returns('string')
  public async WhoAmI(ctx: Context): Promise<string> {
    return Promise.resolve(ctx.clientIdentity.getID());
  }
}

/** `_implicit_org_<MSPID>`: every organization has one per chaincode, without any collection config (S-50). */
function implicitCollection(mspId: string): string {
  return `_implicit_org_${mspId}`;
}

function agreementKey(ctx: Context, id: string): string {
  return ctx.stub.createCompositeKey('transferAgreement', [id]);
}

/**
 * A key-level endorsement policy (S-60): writes to the key need a peer of `mspId`, instead of the chaincode's
 * endorsement policy.
 */
function endorsedBy(mspId: string): Uint8Array {
  const policy = new KeyEndorsementPolicy();
  policy.addOrgs('PEER', mspId);
  return policy.getPolicy();
}

/**
 * A peer writes an organization's implicit collection on behalf of that organization's clients only: otherwise
 * a client of Org2 could have Org2's peer put a price into Org1's collection.
 */
function assertClientOrgIsPeerOrg(ctx: Context): void {
  const clientOrg = ctx.clientIdentity.getMSPID();
  const peerOrg = ctx.stub.getMspID();
  if (clientOrg !== peerOrg) {
    throw new Error(`client from org ${clientOrg} is not authorized to write private data on a peer of org ${peerOrg}`);
  }
}

/**
 * Seller and buyer agreed the same price when their price records hash the same. `getPrivateDataHash` works on
 * every peer, member or not (S-51): the seller's peer cannot read the buyer's price, nor the buyer's the seller's,
 * yet both endorse this check with the same result.
 */
async function assertSamePrice(ctx: Context, id: string, sellerOrg: string, buyerOrg: string): Promise<void> {
  const sellerHash = Buffer.from(await ctx.stub.getPrivateDataHash(implicitCollection(sellerOrg), id));
  const buyerHash = Buffer.from(await ctx.stub.getPrivateDataHash(implicitCollection(buyerOrg), id));
  if (!sellerHash.equals(buyerHash)) {
    throw new Error(`The prices of ${sellerOrg} and ${buyerOrg} for asset ${id} differ: no transfer`);
  }
}

async function readJson(ctx: Context, collection: string, key: string, missing: string): Promise<object> {
  const bytes = await ctx.stub.getPrivateData(collection, key);
  if (bytes.length === 0) throw new Error(missing);
  return JSON.parse(Buffer.from(bytes).toString('utf8')) as object;
}
