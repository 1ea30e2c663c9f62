// The sample on a real 2-org Fabric 2.5 network in containers (fabric-testkit's harness), with LevelDB peers:
// CA-issued users, the chaincode served from this package as a service, fabric-gateway clients. The default
// endorsement policy (MAJORITY of 2 orgs) makes every submit need both orgs' peers.
import { resolve } from 'node:path';
import {
  FabricNetwork,
  skipWithoutFabricImages,
  type GatewayConnection,
  type StartedFabricNetwork,
  waitForBlock,
} from '@fabric-testkit/test-harness';
import { EndorseError, GatewayError, type Contract, type Network } from '@hyperledger/fabric-gateway';
import { expect } from 'chai';
import type { Asset, AssetPage } from '../../src';

const CHANNEL = 'assets';
const CHAINCODE = 'queries';
/** A test-only chaincode running the sample's paginated query and a write in one transaction. */
const PAGING_WRITER = 'paging-writer';

const ids = (assets: readonly Asset[]): string[] => assets.map((asset) => asset.ID);

describe('asset-ledger-queries on a 2-org Fabric network (LevelDB peers)', function () {
  this.timeout(180_000);

  let network: StartedFabricNetwork | undefined;
  const connections: GatewayConnection[] = [];
  let org1Channel: Network;
  let org2Channel: Network;
  let alice: Contract; // Org1MSP
  let bob: Contract; // Org2MSP
  let aliceWriter: Contract; // Org1MSP, the paging-writer chaincode

  before(async function () {
    await skipWithoutFabricImages(this);
    network = await new FabricNetwork()
      .withOrganization({ name: 'org1' })
      .withOrganization({ name: 'org2' })
      .withChannel({ name: CHANNEL })
      .withChaincode({
        name: CHAINCODE,
        channel: CHANNEL,
        // The package directory (this file runs from dist/test/integration), served as `fabric-chaincode-node server` does.
        chaincode: { contractPackage: resolve(__dirname, '..', '..', '..') },
      })
      .withChaincode({
        name: PAGING_WRITER,
        channel: CHANNEL,
        chaincode: { modulePath: require.resolve('./paging-writer-chaincode'), exportName: 'PagingWriterChaincode' },
      })
      .start();
    const aliceId = await network.organization('org1').registerUser({ name: 'alice' });
    const bobId = await network.organization('org2').registerUser({ name: 'bob' });
    const org1 = network.connectGateway('org1', aliceId);
    connections.push(org1);
    const org2 = network.connectGateway('org2', bobId);
    connections.push(org2);
    org1Channel = org1.gateway.getNetwork(CHANNEL);
    org2Channel = org2.gateway.getNetwork(CHANNEL);
    alice = org1Channel.getContract(CHAINCODE);
    bob = org2Channel.getContract(CHAINCODE);
    aliceWriter = org1Channel.getContract(PAGING_WRITER);
  });

  after(async function () {
    for (const connection of connections) connection.close();
    await network?.stop();
  });

  /** Submits and waits until the peers of both orgs have committed the block. */
  async function submit(contract: Contract, name: string, ...args: string[]): Promise<void> {
    const submitted = await contract.submitAsync(name, { arguments: args });
    const status = await submitted.getStatus();
    expect(status.successful, `${name} committed`).to.equal(true);
    await Promise.all([org1Channel, org2Channel].map((channel) => waitForBlock(channel, status.blockNumber)));
  }

  async function evaluate<T>(contract: Contract, name: string, ...args: string[]): Promise<T> {
    return json<T>(await contract.evaluateTransaction(name, ...args));
  }

  it('creates assets (submit) with their color index entries, that both orgs read', async () => {
    // The mock unit tests' seed: a1..a5 blue, red, blue, green, blue; owners Tom, Ann, Tom, Tom, Ann.
    const rows: [string, string, number, string][] = [
      ['a1', 'blue', 5, 'Tom'],
      ['a2', 'red', 3, 'Ann'],
      ['a3', 'blue', 1, 'Tom'],
      ['a4', 'green', 4, 'Tom'],
      ['a5', 'blue', 2, 'Ann'],
    ];
    for (const [id, color, size, owner] of rows) {
      await submit(alice, 'CreateAsset', id, color, String(size), owner, String(size * 100));
    }
    const expected = { docType: 'asset', ID: 'a1', Color: 'blue', Size: 5, Owner: 'Tom', AppraisedValue: 500 };
    expect(await evaluate(alice, 'ReadAsset', 'a1')).to.deep.equal(expected);
    expect(await evaluate(bob, 'ReadAsset', 'a1')).to.deep.equal(expected);
  });

  it('finds the assets of one color through the composite-key index, in id order', async () => {
    expect(ids(await evaluate<Asset[]>(bob, 'GetAssetsByColor', 'blue'))).to.deep.equal(['a1', 'a3', 'a5']);
    expect(ids(await evaluate<Asset[]>(alice, 'GetAssetsByColor', 'red'))).to.deep.equal(['a2']);
    expect(await evaluate(alice, 'GetAssetsByColor', 'purple')).to.deep.equal([]);
  });

  it('lists a key range, end key exclusive; the open range skips the composite index keys', async () => {
    expect(ids(await evaluate<Asset[]>(alice, 'GetAssetsByRange', '', ''))).to.deep.equal([
      'a1',
      'a2',
      'a3',
      'a4',
      'a5',
    ]);
    expect(ids(await evaluate<Asset[]>(bob, 'GetAssetsByRange', 'a2', 'a4'))).to.deep.equal(['a2', 'a3']);
  });

  it('pages through a range with bookmarks until the bookmark is empty: the same pages as on the mock', async () => {
    const pages: AssetPage[] = [];
    let bookmark = '';
    do {
      const page = await evaluate<AssetPage>(bob, 'GetAssetsByRangeWithPagination', 'a1', 'a9', '2', bookmark);
      pages.push(page);
      bookmark = page.Bookmark;
    } while (bookmark !== '' && pages.length < 10);
    expect(pages.map((page) => [ids(page.Records), page.FetchedRecordsCount, page.Bookmark])).to.deep.equal([
      [['a1', 'a2'], 2, 'a3'],
      [['a3', 'a4'], 2, 'a5'],
      [['a5'], 1, ''],
    ]);
  });

  it('commits a submitted paginated query that writes nothing', async () => {
    await submit(alice, 'GetAssetsByRangeWithPagination', '', '', '2', '');
  });

  it('refuses a paginated query and a write in one transaction, in either order, with the peer’s text', async () => {
    await submit(aliceWriter, 'CreateAsset', 'w1', 'Tom');
    const pageThenWrite = await endorseRejection(aliceWriter, 'PageThenWrite', 'w1', 'Zoe');
    // The gateway stops at the first refusing endorser: one detail, from Org1's peer.
    expect(pageThenWrite).to.deep.equal([`chaincode response 500, ${PAGE_THEN_WRITE}`]);
    const writeThenPage = await endorseRejection(aliceWriter, 'WriteThenPage', 'w1', 'Zoe');
    expect(writeThenPage).to.deep.equal([`chaincode response 500, ${WRITE_THEN_PAGE}`]);
  });

  it('refuses rich queries on LevelDB with the peer’s message; key and range queries still work', async () => {
    const error = await alice.evaluateTransaction('QueryAssets', '{"selector":{}}').then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(error).to.be.instanceOf(GatewayError);
    if (error instanceof GatewayError) {
      expect(error.details.map((d) => withoutTxIds(d.message))).to.deep.equal([
        `chaincode response 500, ${RICH_QUERY_REFUSED}`,
      ]);
    }
    expect(ids(await evaluate<Asset[]>(bob, 'GetAssetsByColor', 'green'))).to.deep.equal(['a4']);
  });
});

// The peer's texts (Fabric 2.5.0), transaction IDs replaced by <txid>. The mock's unit tests match only their tails.
const PAGE_THEN_WRITE =
  'PUT_STATE failed: transaction ID: <txid>: txid [<txid>]: unsuppored transaction. ' +
  'Transaction has already performed a paginated query. Writes are not allowed';
const WRITE_THEN_PAGE =
  'GET_STATE_BY_RANGE failed: transaction ID: <txid>: txid [<txid>]: unsuppored transaction. ' +
  'Paginated queries are supported only in a read-only transaction';
const RICH_QUERY_REFUSED = 'GET_QUERY_RESULT failed: transaction ID: <txid>: ExecuteQuery not supported for leveldb';

/** The message with every transaction ID (64 hex digits) replaced by `<txid>`. */
function withoutTxIds(message: string): string {
  return message.replace(/\b[0-9a-f]{64}\b/g, '<txid>');
}

/** The endorsement error details of a submit the peers refuse. */
async function endorseRejection(contract: Contract, name: string, ...args: string[]): Promise<string[]> {
  const error = await contract.submitTransaction(name, ...args).then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).to.be.instanceOf(EndorseError);
  return error instanceof EndorseError ? error.details.map((d) => withoutTxIds(d.message)) : [];
}

function json<T = Record<string, unknown>>(bytes: Uint8Array | undefined): T {
  return JSON.parse(Buffer.from(bytes ?? new Uint8Array()).toString('utf8')) as T;
}
