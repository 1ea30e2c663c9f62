// One suite, two targets: `npm test` runs it on the in-memory peer; FABRIC_TESTKIT_TARGET=network npm test runs
// the very same tests on a real two-organization Fabric network in containers, with a CouchDB beside each peer (or
// LevelDB, for the last describe). The paginated query with a write in one transaction (S-15) needs a chaincode of
// the test's own on a real network: see paging-writer.network-only.test.ts.
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import chai, { expect } from 'chai';
import {
  createNetwork,
  targetFromEnvironment,
  type ChaincodeClient,
  type StartedNetwork,
  type StateDatabase,
} from '@fabric-testkit/network';
import { fabricMatchers } from '@fabric-testkit/network/chai';
import { fabricImagesMissing } from '@fabric-testkit/test-harness';
import { AssetQueryContract, type Asset, type AssetPage } from '../src';

chai.use(fabricMatchers);

/** This package's directory (the test runs from dist/test), installed as a peer installs it: with `META-INF`. */
const modulePath = path.resolve(__dirname, '..', '..');
const CC = 'queries';

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

/** Pages of GetAssetsByRangeWithPagination a1..a9, two at a time, until the bookmark is empty or `most` pages. */
async function rangePages(cc: ChaincodeClient, most: number): Promise<[string[], number, string][]> {
  const pages: [string[], number, string][] = [];
  let bookmark = '';
  do {
    const page = (await cc.evaluate('GetAssetsByRangeWithPagination', 'a1', 'a9', '2', bookmark)).json<AssetPage>();
    pages.push([ids(page.Records), page.FetchedRecordsCount, page.Bookmark]);
    bookmark = page.Bookmark;
  } while (bookmark !== '' && pages.length < most);
  return pages;
}

/** The contract deployed; alice (Org1MSP) calls it. */
async function deployed(network: StartedNetwork): Promise<ChaincodeClient> {
  await network.deploy({ name: CC, modulePath });
  return network.chaincode(CC, { as: await network.identity('Org1MSP', 'alice') });
}

/** a1..a5: blue, red, blue, green, blue; owners Tom, Ann, Tom, Tom, Ann; sizes 5, 3, 1, 4, 2. */
async function seeded(network: StartedNetwork): Promise<ChaincodeClient> {
  const cc = await deployed(network);
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
  return cc;
}

/**
 * Starts a two-organization network with the state database for the enclosing describe, and stops it after. On a
 * real network with CouchDB, the CouchDB image must be there: without it the describe is skipped, saying how to
 * make the image, rather than failing.
 */
function useNetwork(stateDatabase: StateDatabase, set: (network: StartedNetwork) => void): void {
  let started: StartedNetwork | undefined;
  before(async function () {
    // The suite provokes chaincode errors on purpose: CRITICAL keeps fabric-shim from logging each one.
    const builder = createNetwork({ progress: (line) => console.log(`      ${line}`) }).withChaincodeLogLevel(
      'CRITICAL',
    );
    if (builder.target === 'network') {
      // A real network takes about 15 s to start, more with a CouchDB beside each peer.
      this.timeout(300_000);
      const missing = stateDatabase === 'couchdb' ? await fabricImagesMissing({ couchdb: true }) : undefined;
      if (missing !== undefined) {
        console.log(
          `    skipped: ${missing}; make the CouchDB image with: fabric-testkit images --couchdb --couchdb-source DIR`,
        );
        this.skip();
      }
    }
    started = await builder
      .withOrganizations('Org1MSP', 'Org2MSP')
      .withChannel('mychannel')
      .withStateDatabase(stateDatabase)
      .start();
    set(started);
  });
  after(() => started?.stop());
}

describe('AssetLedgerQueries contract on a CouchDB peer', function () {
  // On a real network each submit waits for a block on both organizations' peers: seconds, not milliseconds.
  if (targetFromEnvironment() === 'network') this.timeout(60_000);

  let network: StartedNetwork;
  let cc: ChaincodeClient;

  useNetwork('couchdb', (started) => (network = started));

  /** Gives each test of the enclosing describe the fixture's state (a fresh channel on a real network). */
  function startFrom(fixture: (network: StartedNetwork) => Promise<ChaincodeClient>): void {
    beforeEach(async function () {
      if (network.target === 'network') this.timeout(180_000);
      cc = await network.loadFixture(fixture);
    });
  }

  async function read(id: string): Promise<Asset> {
    return (await cc.evaluate('ReadAsset', id)).json<Asset>();
  }

  describe('CreateAsset, ReadAsset, DeleteAsset, TransferAsset', () => {
    startFrom(deployed);

    it('stores the asset with a docType, emits AssetCreated and returns it', async () => {
      const result = await cc.submit('CreateAsset', 'a1', 'blue', '5', 'Tom', '500');
      const expected = { AppraisedValue: 500, Color: 'blue', ID: 'a1', Owner: 'Tom', Size: 5, docType: 'asset' };
      expect(result.json()).to.deep.equal(expected);
      await expect(result).to.emit('AssetCreated', expected);
      expect(await read('a1')).to.deep.equal(expected);
      expect(ids((await cc.evaluate('GetAssetsByColor', 'blue')).json<Asset[]>())).to.deep.equal(['a1']);
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
  });

  describe('with assets a1..a5', () => {
    startFrom(seeded);

    it('reads an asset through either organization’s peer', async () => {
      const expected = { AppraisedValue: 500, Color: 'blue', ID: 'a1', Owner: 'Tom', Size: 5, docType: 'asset' };
      const asBob = cc.with({ as: await network.identity('Org2MSP', 'bob') });
      expect(await read('a1')).to.deep.equal(expected);
      expect((await asBob.evaluate('ReadAsset', 'a1')).json()).to.deep.equal(expected);
    });

    it('deletes the asset and its index entry', async () => {
      await expect(cc.submit('DeleteAsset', 'a3')).to.emit('AssetDeleted', {
        AppraisedValue: 100,
        Color: 'blue',
        ID: 'a3',
        Owner: 'Tom',
        Size: 1,
        docType: 'asset',
      });
      await expect(cc.evaluate('ReadAsset', 'a3')).to.be.rejectedWithChaincodeError(500, 'The asset a3 does not exist');
      expect(ids((await cc.evaluate('GetAssetsByColor', 'blue')).json<Asset[]>())).to.deep.equal(['a1', 'a5']);
      await expect(cc.submit('DeleteAsset', 'a3')).to.be.rejectedWithChaincodeError(500, 'The asset a3 does not exist');
    });

    it('transfers an asset; of two transfers in one block only the first commits (MVCC_READ_CONFLICT)', async () => {
      await expect(cc.submit('TransferAsset', 'a1', 'Ann')).to.emit('AssetTransferred', { ID: 'a1', To: 'Ann' });
      const [first, second] = await network.block([
        cc.endorse('TransferAsset', 'a1', 'Bob'),
        cc.endorse('TransferAsset', 'a1', 'Eve'),
      ]);
      await expect(first).to.have.validationCode('VALID');
      await expect(second).to.have.validationCode('MVCC_READ_CONFLICT');
      expect((await read('a1')).Owner).to.equal('Bob');
      await expect(cc.submit('TransferAsset', 'nope', 'Ann')).to.be.rejectedWithChaincodeError(
        500,
        'The asset nope does not exist',
      );
    });

    describe('composite keys', () => {
      it('finds the assets of one color through the index, in id order', async () => {
        expect(ids((await cc.evaluate('GetAssetsByColor', 'blue')).json<Asset[]>())).to.deep.equal(['a1', 'a3', 'a5']);
        expect(ids((await cc.evaluate('GetAssetsByColor', 'red')).json<Asset[]>())).to.deep.equal(['a2']);
        expect((await cc.evaluate('GetAssetsByColor', 'purple')).json()).to.deep.equal([]);
      });

      it('transfers every asset of a color in one transaction and reports them in one event', async () => {
        const result = await cc.submit('TransferAssetsByColor', 'blue', 'Zoe');
        expect(result.json()).to.equal(3);
        await expect(result).to.emit('AssetsTransferred', { IDs: ['a1', 'a3', 'a5'], To: 'Zoe' });
        expect(
          ids((await cc.evaluate('QueryAssets', '{"selector":{"Owner":"Zoe"}}')).json<Asset[]>()).sort(),
        ).to.deep.equal(['a1', 'a3', 'a5']);
        expect((await cc.submit('TransferAssetsByColor', 'purple', 'Zoe')).json()).to.equal(0);
      });

      it('fails with PHANTOM_READ_CONFLICT when an asset of that color is created earlier in the block', async () => {
        const [create, transfer] = await network.block([
          cc.endorse('CreateAsset', 'a6', 'blue', '6', 'Tom', '600'),
          cc.endorse('TransferAssetsByColor', 'blue', 'Zoe'),
        ]);
        await expect(create).to.have.validationCode('VALID');
        await expect(transfer).to.have.validationCode('PHANTOM_READ_CONFLICT');
        expect((await read('a1')).Owner).to.equal('Tom');
      });
    });

    describe('range queries and pagination', () => {
      it('lists a key range, end key exclusive; the open range skips the composite index keys', async () => {
        expect(ids((await cc.evaluate('GetAssetsByRange', '', '')).json<Asset[]>())).to.deep.equal([
          'a1',
          'a2',
          'a3',
          'a4',
          'a5',
        ]);
        expect(ids((await cc.evaluate('GetAssetsByRange', 'a2', 'a4')).json<Asset[]>())).to.deep.equal(['a2', 'a3']);
      });

      it('pages through a range with bookmarks; on CouchDB the last page’s bookmark is the end key', async function () {
        // The mock ends with an empty bookmark, as a LevelDB peer does; a CouchDB peer answers the last page with
        // the range's end key, and an empty page after it.
        if (network.target === 'mock') this.skip();
        expect(await rangePages(cc, 4)).to.deep.equal([
          [['a1', 'a2'], 2, 'a3'],
          [['a3', 'a4'], 2, 'a5'],
          [['a5'], 1, 'a9'],
          [[], 0, 'a9'],
        ]);
      });

      it('may be submitted: a paginated query in a transaction that writes nothing is valid', async () => {
        await expect(cc.submit('GetAssetsByRangeWithPagination', '', '', '2', '')).to.have.validationCode('VALID');
      });
    });

    describe('CouchDB rich queries', () => {
      it('selects by any JSON field; index entries are not JSON and never match a field', async () => {
        const blue = (await cc.evaluate('QueryAssets', '{"selector":{"Color":"blue"}}')).json<Asset[]>();
        expect(ids(blue).sort()).to.deep.equal(['a1', 'a3', 'a5']);
        const assets = (await cc.evaluate('QueryAssets', '{"selector":{"docType":"asset"}}')).json<Asset[]>();
        expect(ids(assets).sort()).to.deep.equal(['a1', 'a2', 'a3', 'a4', 'a5']);
        const big = (await cc.evaluate('QueryAssets', '{"selector":{"docType":"asset","Size":{"$gte":4}}}')).json<
          Asset[]
        >();
        expect(ids(big).sort()).to.deep.equal(['a1', 'a4']);
      });

      it('matches the index entries too with an empty selector, which the contract cannot parse', async function () {
        // The mock's CouchDB never matches a non-JSON value; a real CouchDB peer's empty selector matches every
        // document, the index entries' (one null byte) included, so QueryAssets fails parsing one.
        if (network.target === 'mock') this.skip();
        await expect(cc.evaluate('QueryAssets', '{"selector":{}}')).to.be.rejectedWithChaincodeError(
          500,
          /is not valid JSON/,
        );
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
    });
  });

  describe('the package', () => {
    startFrom(deployed);

    it('ships an index that covers the sorted owner query', () => {
      const index = JSON.parse(
        readFileSync(path.join(modulePath, 'META-INF', 'statedb', 'couchdb', 'indexes', 'indexOwner.json'), 'utf8'),
      ) as { index: { fields: string[] }; ddoc: string; name: string; type: string };
      expect(index).to.deep.equal({
        index: { fields: ['docType', 'Owner', 'Size'] },
        ddoc: 'indexOwnerDoc',
        name: 'indexOwner',
        type: 'json',
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

  // The key layout and what a transaction may not combine are inside the peer: no function of the contract returns
  // raw keys, and the sample never pages and writes in one transaction. The mock lets a test look at the ledger
  // and run contract methods in one transaction (network.mock.context); on a real network the S-15 check runs
  // with a chaincode of the test's own, in paging-writer.network-only.test.ts.
  describe('inside the peer (mock only: raw keys and contract methods in one transaction)', () => {
    beforeEach(function () {
      if (network.target !== 'mock') this.skip();
    });

    startFrom(seeded);

    it('stores the asset as sorted JSON, plus a color index entry holding one null byte, for each asset', () => {
      expect(cc.state('a1')?.toString()).to.equal(
        '{"AppraisedValue":500,"Color":"blue","ID":"a1","Owner":"Tom","Size":5,"docType":"asset"}',
      );
      expect(cc.state('\u0000color~id\u0000blue\u0000a1\u0000')).to.deep.equal(Buffer.from([0]));
      // Five assets and five index entries.
      expect(network.mock.ledger().range(CC)).to.have.length(10);
    });

    it('refuses a paginated query combined with writes in one transaction, in either order (S-15)', async () => {
      const contract = new AssetQueryContract();
      const pageThenWrite = await rejection(
        network.mock.context(CC, { commit: true }, async (ctx) => {
          await contract.GetAssetsByRangeWithPagination(ctx, '', '', 2, '');
          await contract.TransferAsset(ctx, 'a1', 'Zoe');
        }),
      );
      expect(pageThenWrite.message).to.match(
        /Transaction has already performed a paginated query. Writes are not allowed/,
      );
      const writeThenPage = await rejection(
        network.mock.context(CC, { commit: true }, async (ctx) => {
          await contract.TransferAsset(ctx, 'a1', 'Zoe');
          await contract.GetAssetsByRangeWithPagination(ctx, '', '', 2, '');
        }),
      );
      expect(writeThenPage.message).to.match(/Paginated queries are supported only in a read-only transaction/);
      expect((await read('a1')).Owner).to.equal('Tom');
    });
  });
});

describe('AssetLedgerQueries contract on a LevelDB peer', function () {
  if (targetFromEnvironment() === 'network') this.timeout(60_000);

  let network: StartedNetwork;

  useNetwork('leveldb', (started) => (network = started));

  it('refuses rich queries with the peer’s message; key and range queries still work', async function () {
    if (network.target === 'network') this.timeout(180_000);
    const cc = await network.loadFixture(deployed);
    await cc.submit('CreateAsset', 'a1', 'blue', '5', 'Tom', '500');
    await expect(cc.evaluate('QueryAssets', '{"selector":{}}')).to.be.rejectedWithChaincodeError(
      500,
      /^GET_QUERY_RESULT failed: transaction ID: [0-9a-f]{64}: ExecuteQuery not supported for leveldb$/,
    );
    expect(ids((await cc.evaluate('GetAssetsByColor', 'blue')).json<Asset[]>())).to.deep.equal(['a1']);
    expect(ids((await cc.evaluate('GetAssetsByRange', '', '')).json<Asset[]>())).to.deep.equal(['a1']);
  });

  it('pages through a range with bookmarks until the bookmark is empty', async function () {
    if (network.target === 'network') this.timeout(180_000);
    const cc = await network.loadFixture(seeded);
    expect(await rangePages(cc, 10)).to.deep.equal([
      [['a1', 'a2'], 2, 'a3'],
      [['a3', 'a4'], 2, 'a5'],
      [['a5'], 1, ''],
    ]);
  });
});
