import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import chai, { expect } from 'chai';
import { MockNetwork, type ChaincodeClient, type StartedMockNetwork } from '@fabric-testkit/contract-test';
import { fabricMatchers } from '@fabric-testkit/contract-test/chai';
import { AssetQueryContract, type Asset, type AssetPage } from '../src';

chai.use(fabricMatchers);

/** The package directory, deployed as a peer installs it: `main`, its `contracts`, and `META-INF`. */
const PACKAGE_DIR = join(__dirname, '..', '..');
const CC = 'queries';

async function startNetwork(stateDatabase: 'couchdb' | 'leveldb'): Promise<StartedMockNetwork> {
  const network = await new MockNetwork()
    .withOrganizations('Org1MSP', 'Org2MSP')
    .withChannel('mychannel')
    .withPeerOptions({ stateDatabase })
    .withChaincodeLogLevel('CRITICAL')
    .start();
  await network.deploy({ name: CC, modulePath: PACKAGE_DIR });
  return network;
}

async function rejection(promise: Promise<unknown>): Promise<Error> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof Error) return error;
    throw error;
  }
  throw new Error('expected a rejection, but the promise resolved');
}

const ids = (assets: readonly Asset[]): string[] => assets.map((asset) => asset.ID);

describe('AssetLedgerQueries contract on a CouchDB peer', () => {
  let network: StartedMockNetwork;
  let cc: ChaincodeClient;

  beforeEach(async () => {
    network = await startNetwork('couchdb');
    cc = network.chaincode(CC, { as: network.identity('Org1MSP', 'alice') });
  });

  afterEach(() => network.stop());

  /** a1..a5: blue, red, blue, green, blue; owners Tom, Ann, Tom, Tom, Ann; sizes 5, 3, 1, 4, 2. */
  async function seed(): Promise<void> {
    const rows: [string, string, number, string][] = [
      ['a1', 'blue', 5, 'Tom'],
      ['a2', 'red', 3, 'Ann'],
      ['a3', 'blue', 1, 'Tom'],
      ['a4', 'green', 4, 'Tom'],
      ['a5', 'blue', 2, 'Ann'],
    ];
    for (const [id, color, size, owner] of rows) {
      await cc.submit('CreateAsset', id, color, String(size), owner, String(size * 100));
    }
  }

  describe('CreateAsset, ReadAsset, DeleteAsset, TransferAsset', () => {
    it('stores the asset as sorted JSON with a docType, plus a color index entry holding one null byte', async () => {
      const result = await cc.submit('CreateAsset', 'a1', 'blue', '5', 'Tom', '500');
      const expected = { AppraisedValue: 500, Color: 'blue', ID: 'a1', Owner: 'Tom', Size: 5, docType: 'asset' };
      expect(result.json()).to.deep.equal(expected);
      await expect(result).to.emit('AssetCreated', expected);
      expect(cc.state('a1')?.toString()).to.equal(
        '{"AppraisedValue":500,"Color":"blue","ID":"a1","Owner":"Tom","Size":5,"docType":"asset"}',
      );
      expect(cc.state('\u0000color~id\u0000blue\u0000a1\u0000')).to.deep.equal(Buffer.from([0]));
      expect((await cc.evaluate('ReadAsset', 'a1')).json()).to.deep.equal(expected);
    });

    it('refuses an id that exists, and reading a missing asset', async () => {
      await cc.submit('CreateAsset', 'a1', 'blue', '5', 'Tom', '500');
      await expect(cc.submit('CreateAsset', 'a1', 'red', '1', 'Ann', '1')).to.be.rejectedWithChaincodeError(
        500,
        'The asset a1 already exists',
      );
      await expect(cc.evaluate('ReadAsset', 'nope')).to.be.rejectedWithChaincodeError(
        500,
        'The asset nope does not exist',
      );
    });

    it('deletes the asset and its index entry', async () => {
      await seed();
      await expect(cc.submit('DeleteAsset', 'a3')).to.emit('AssetDeleted', {
        AppraisedValue: 100,
        Color: 'blue',
        ID: 'a3',
        Owner: 'Tom',
        Size: 1,
        docType: 'asset',
      });
      expect(cc).not.to.have.state('a3');
      expect(cc).not.to.have.state('\u0000color~id\u0000blue\u0000a3\u0000');
      expect(ids((await cc.evaluate('GetAssetsByColor', 'blue')).json<Asset[]>())).to.deep.equal(['a1', 'a5']);
      await expect(cc.submit('DeleteAsset', 'a3')).to.be.rejectedWithChaincodeError(500, 'The asset a3 does not exist');
    });

    it('transfers an asset; of two transfers in one block only the first commits (MVCC_READ_CONFLICT)', async () => {
      await seed();
      await expect(cc.submit('TransferAsset', 'a1', 'Ann')).to.emit('AssetTransferred', { ID: 'a1', To: 'Ann' });
      const [first, second] = await network.block([
        cc.endorse('TransferAsset', 'a1', 'Bob'),
        cc.endorse('TransferAsset', 'a1', 'Eve'),
      ]);
      await expect(first).to.have.validationCode('VALID');
      await expect(second).to.have.validationCode('MVCC_READ_CONFLICT');
      expect(network.ledger().json<Asset>(CC, 'a1')?.Owner).to.equal('Bob');
      await expect(cc.submit('TransferAsset', 'nope', 'Ann')).to.be.rejectedWithChaincodeError(
        500,
        'The asset nope does not exist',
      );
    });
  });

  describe('composite keys', () => {
    beforeEach(seed);

    it('finds the assets of one color through the index, in id order', async () => {
      expect(ids((await cc.evaluate('GetAssetsByColor', 'blue')).json<Asset[]>())).to.deep.equal(['a1', 'a3', 'a5']);
      expect((await cc.evaluate('GetAssetsByColor', 'purple')).json()).to.deep.equal([]);
    });

    it('transfers every asset of a color in one transaction and reports them in one event', async () => {
      const result = await cc.submit('TransferAssetsByColor', 'blue', 'Zoe');
      expect(result.json()).to.equal(3);
      await expect(result).to.emit('AssetsTransferred', { IDs: ['a1', 'a3', 'a5'], To: 'Zoe' });
      expect(ids((await cc.evaluate('QueryAssets', '{"selector":{"Owner":"Zoe"}}')).json<Asset[]>())).to.deep.equal([
        'a1',
        'a3',
        'a5',
      ]);
      expect((await cc.submit('TransferAssetsByColor', 'purple', 'Zoe')).json()).to.equal(0);
    });

    it('fails with PHANTOM_READ_CONFLICT when an asset of that color is created earlier in the block', async () => {
      const [create, transfer] = await network.block([
        cc.endorse('CreateAsset', 'a6', 'blue', '6', 'Tom', '600'),
        cc.endorse('TransferAssetsByColor', 'blue', 'Zoe'),
      ]);
      await expect(create).to.have.validationCode('VALID');
      await expect(transfer).to.have.validationCode('PHANTOM_READ_CONFLICT');
      expect(network.ledger().json<Asset>(CC, 'a1')?.Owner).to.equal('Tom');
    });
  });

  describe('range queries and pagination', () => {
    beforeEach(seed);

    it('lists a key range, end key exclusive; the open range skips the composite index keys', async () => {
      expect(ids((await cc.evaluate('GetAssetsByRange', '', '')).json<Asset[]>())).to.deep.equal([
        'a1',
        'a2',
        'a3',
        'a4',
        'a5',
      ]);
      expect(ids((await cc.evaluate('GetAssetsByRange', 'a2', 'a4')).json<Asset[]>())).to.deep.equal(['a2', 'a3']);
      // The ledger holds 8 more keys: the color index.
      expect(network.ledger().range(CC)).to.have.length(10);
    });

    it('pages through a range with bookmarks until the bookmark is empty', async () => {
      const pages: AssetPage[] = [];
      let bookmark = '';
      do {
        const page = (await cc.evaluate('GetAssetsByRangeWithPagination', 'a1', 'a9', '2', bookmark)).json<AssetPage>();
        pages.push(page);
        bookmark = page.Bookmark;
      } while (bookmark !== '' && pages.length < 10);
      expect(pages.map((page) => [ids(page.Records), page.FetchedRecordsCount, page.Bookmark])).to.deep.equal([
        [['a1', 'a2'], 2, 'a3'],
        [['a3', 'a4'], 2, 'a5'],
        [['a5'], 1, ''],
      ]);
    });

    it('may be submitted: a paginated query in a transaction that writes nothing is valid', async () => {
      await expect(cc.submit('GetAssetsByRangeWithPagination', '', '', '2', '')).to.have.validationCode('VALID');
    });

    it('may not be combined with writes in one transaction, in either order (S-15)', async () => {
      const contract = new AssetQueryContract();
      const pageThenWrite = await rejection(
        network.context(CC, { commit: true }, async (ctx) => {
          await contract.GetAssetsByRangeWithPagination(ctx, '', '', 2, '');
          await contract.TransferAsset(ctx, 'a1', 'Zoe');
        }),
      );
      expect(pageThenWrite.message).to.match(
        /Transaction has already performed a paginated query. Writes are not allowed/,
      );
      const writeThenPage = await rejection(
        network.context(CC, { commit: true }, async (ctx) => {
          await contract.TransferAsset(ctx, 'a1', 'Zoe');
          await contract.GetAssetsByRangeWithPagination(ctx, '', '', 2, '');
        }),
      );
      expect(writeThenPage.message).to.match(/Paginated queries are supported only in a read-only transaction/);
      expect(network.ledger().json<Asset>(CC, 'a1')?.Owner).to.equal('Tom');
    });
  });

  describe('CouchDB rich queries', () => {
    beforeEach(seed);

    it('selects by any JSON field; index entries are not JSON and never match', async () => {
      const blue = (await cc.evaluate('QueryAssets', '{"selector":{"Color":"blue"}}')).json<Asset[]>();
      expect(ids(blue).sort()).to.deep.equal(['a1', 'a3', 'a5']);
      const all = (await cc.evaluate('QueryAssets', '{"selector":{}}')).json<Asset[]>();
      expect(ids(all).sort()).to.deep.equal(['a1', 'a2', 'a3', 'a4', 'a5']);
      const big = (await cc.evaluate('QueryAssets', '{"selector":{"docType":"asset","Size":{"$gte":4}}}')).json<
        Asset[]
      >();
      expect(ids(big).sort()).to.deep.equal(['a1', 'a4']);
    });

    it('pages through a rich query with CouchDB bookmarks', async () => {
      const query = '{"selector":{"docType":"asset","Owner":"Tom"}}';
      const first = (await cc.evaluate('QueryAssetsWithPagination', query, '2', '')).json<AssetPage>();
      expect(first.FetchedRecordsCount).to.equal(2);
      expect(first.Bookmark).not.to.equal('');
      const second = (await cc.evaluate('QueryAssetsWithPagination', query, '2', first.Bookmark)).json<AssetPage>();
      expect(second.FetchedRecordsCount).to.equal(1);
      expect([...ids(first.Records), ...ids(second.Records)].sort()).to.deep.equal(['a1', 'a3', 'a4']);
    });

    it('passes CouchDB’s error back for a query it refuses', async () => {
      await expect(cc.evaluate('QueryAssets', '{"sort":[]}')).to.be.rejectedWithChaincodeError(
        500,
        /missing_required_key.*Missing required key: selector/,
      );
    });

    // `network.deploy({ modulePath })` installs the package's META-INF/statedb/couchdb/indexes as a peer does;
    // without them CouchDB would answer this sorted query with "no_usable_index".
    it('sorts an owner’s assets by size through the packaged index', async () => {
      expect(ids((await cc.evaluate('QueryAssetsByOwner', 'Tom')).json<Asset[]>())).to.deep.equal(['a3', 'a4', 'a1']);
      expect(ids((await cc.evaluate('QueryAssetsByOwner', 'Ann')).json<Asset[]>())).to.deep.equal(['a5', 'a2']);
    });

    it('ships an index that covers the sorted owner query', () => {
      const index = JSON.parse(
        readFileSync(join(PACKAGE_DIR, 'META-INF', 'statedb', 'couchdb', 'indexes', 'indexOwner.json'), 'utf8'),
      ) as { index: { fields: string[] }; ddoc: string; name: string; type: string };
      expect(index).to.deep.equal({
        index: { fields: ['docType', 'Owner', 'Size'] },
        ddoc: 'indexOwnerDoc',
        name: 'indexOwner',
        type: 'json',
      });
    });
  });

  it('describes its transactions through org.hyperledger.fabric:GetMetadata', async () => {
    const metadata = (await cc.evaluate('org.hyperledger.fabric:GetMetadata')).json<{
      contracts: Record<string, { transactions: { name: string }[] }>;
      components: { schemas: Record<string, unknown> };
    }>();
    expect(metadata.contracts.AssetLedgerQueries?.transactions.map((tx) => tx.name).sort()).to.deep.equal([
      'CreateAsset',
      'DeleteAsset',
      'GetAssetsByColor',
      'GetAssetsByRange',
      'GetAssetsByRangeWithPagination',
      'QueryAssets',
      'QueryAssetsByOwner',
      'QueryAssetsWithPagination',
      'ReadAsset',
      'TransferAsset',
      'TransferAssetsByColor',
    ]);
    expect(Object.keys(metadata.components.schemas).sort()).to.deep.equal(['Asset', 'AssetPage']);
  });
});

describe('AssetLedgerQueries contract on a LevelDB peer', () => {
  let network: StartedMockNetwork;

  beforeEach(async () => {
    network = await startNetwork('leveldb');
  });

  afterEach(() => network.stop());

  it('refuses rich queries, as a LevelDB peer does; key and range queries still work', async () => {
    const cc = network.chaincode(CC);
    await cc.submit('CreateAsset', 'a1', 'blue', '5', 'Tom', '500');
    await expect(cc.evaluate('QueryAssets', '{"selector":{}}')).to.be.rejectedWithChaincodeError(
      500,
      /ExecuteQuery not supported for leveldb/,
    );
    expect(ids((await cc.evaluate('GetAssetsByColor', 'blue')).json<Asset[]>())).to.deep.equal(['a1']);
  });
});
