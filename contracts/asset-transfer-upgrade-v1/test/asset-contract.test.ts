// One suite, two targets: `npm test` runs it on the in-memory peer; FABRIC_TESTKIT_TARGET=network npm test runs
// the very same tests on a real two-organization Fabric network in containers.
import * as path from 'node:path';
import chai, { expect } from 'chai';
import {
  createNetwork,
  targetFromEnvironment,
  type ChaincodeClient,
  type StartedNetwork,
} from '@fabric-testkit/network';
import { fabricMatchers } from '@fabric-testkit/network/chai';
import { useFixture, useNetwork } from '@fabric-testkit/network/mocha';
import type { Asset } from '../src';

chai.use(fabricMatchers);

/** This package's directory (the test runs from dist/test): what a peer's chaincode process serves. */
const modulePath = path.resolve(__dirname, '..', '..');

/** Version 1 deployed; alice (Org1MSP) calls it. */
async function deployed(network: StartedNetwork): Promise<ChaincodeClient> {
  await network.deploy({ name: 'asset-upgrade', modulePath, version: '1.0' });
  return network.chaincode('asset-upgrade', { as: await network.identity('Org1MSP', 'alice') });
}

/** Asset a1 (blue, 5) owned by Tom. */
async function withA1(network: StartedNetwork): Promise<ChaincodeClient> {
  const cc = await deployed(network);
  await cc.submit('CreateAsset', 'a1', 'blue', '5', 'Tom');
  return cc;
}

describe('asset-upgrade v1', function () {
  // On a real network each submit waits for a block on both organizations' peers: seconds, not milliseconds.
  if (targetFromEnvironment() === 'network') this.timeout(60_000);

  let cc: ChaincodeClient;

  const network = useNetwork(() =>
    // The suite provokes chaincode errors on purpose: CRITICAL keeps fabric-shim from logging each one.
    createNetwork({ progress: (line) => console.log(`      ${line}`) })
      .withChaincodeLogLevel('CRITICAL')
      .withOrganizations('Org1MSP', 'Org2MSP')
      .withChannel('mychannel'),
  );

  /** Gives each test of the enclosing describe the fixture's state (a fresh channel on a real network). */
  function startFrom(fixture: (network: StartedNetwork) => Promise<ChaincodeClient>): void {
    useFixture(network, fixture, (value) => (cc = value));
  }

  async function read(id: string): Promise<Asset> {
    return (await cc.evaluate('ReadAsset', id)).json<Asset>();
  }

  describe('an empty ledger', () => {
    startFrom(deployed);

    it('says which version answered', async () => {
      expect((await cc.evaluate('Version')).text).to.equal('v1');
    });

    it('stores a created asset, emits AssetCreated and returns it', async () => {
      const result = await cc.submit('CreateAsset', 'a1', 'blue', '5', 'Tom');
      const expected = { Color: 'blue', ID: 'a1', Owner: 'Tom', Size: 5 };
      expect(result.json()).to.deep.equal(expected);
      await expect(result).to.emit('AssetCreated', expected);
      expect(await read('a1')).to.deep.equal(expected);
    });

    it('refuses a size that is not a positive integer', async () => {
      for (const size of ['0', '-2', '1.5']) {
        await expect(cc.submit('CreateAsset', 'a1', 'blue', size, 'Tom')).to.be.rejectedWithChaincodeError(
          500,
          `size must be a positive integer, not ${size}`,
        );
      }
      await expect(cc.evaluate('ReadAsset', 'a1')).to.be.rejectedWithChaincodeError(500, 'The asset a1 does not exist');
    });

    it('lists every asset in key order', async () => {
      expect((await cc.evaluate('GetAllAssets')).json()).to.deep.equal([]);
      await cc.submit('CreateAsset', 'b', 'red', '2', 'Ann');
      await cc.submit('CreateAsset', 'a', 'blue', '1', 'Tom');
      expect((await cc.evaluate('GetAllAssets')).json<Asset[]>().map((asset) => asset.ID)).to.deep.equal(['a', 'b']);
    });

    it('describes its transactions through org.hyperledger.fabric:GetMetadata', async () => {
      const metadata = (await cc.evaluate('org.hyperledger.fabric:GetMetadata')).json<{
        contracts: Record<string, { transactions: { name: string }[] }>;
        components: { schemas: Record<string, { properties: Record<string, unknown> }> };
      }>();
      expect(metadata.contracts.AssetUpgrade?.transactions.map((tx) => tx.name).sort()).to.deep.equal([
        'CreateAsset',
        'GetAllAssets',
        'ReadAsset',
        'TransferAsset',
        'Version',
      ]);
      expect(Object.keys(metadata.components.schemas.Asset?.properties ?? {}).sort()).to.deep.equal([
        'Color',
        'ID',
        'Owner',
        'Size',
      ]);
    });
  });

  describe('with asset a1', () => {
    startFrom(withA1);

    it('refuses an id that exists', async () => {
      await expect(cc.submit('CreateAsset', 'a1', 'red', '1', 'Ann')).to.be.rejectedWithChaincodeError(
        500,
        'The asset a1 already exists',
      );
    });

    it('reads the stored asset; fails for a missing one', async () => {
      expect(await read('a1')).to.deep.equal({ Color: 'blue', ID: 'a1', Owner: 'Tom', Size: 5 });
      await expect(cc.evaluate('ReadAsset', 'nope')).to.be.rejectedWithChaincodeError(
        500,
        'The asset nope does not exist',
      );
    });

    it('transfers: changes the owner and emits AssetTransferred', async () => {
      await expect(cc.submit('TransferAsset', 'a1', 'Ann')).to.emit('AssetTransferred', {
        From: 'Tom',
        ID: 'a1',
        To: 'Ann',
      });
      expect(await read('a1')).to.deep.equal({ Color: 'blue', ID: 'a1', Owner: 'Ann', Size: 5 });
    });

    it('fails to transfer a missing asset', async () => {
      await expect(cc.submit('TransferAsset', 'nope', 'Ann')).to.be.rejectedWithChaincodeError(
        500,
        'The asset nope does not exist',
      );
    });

    it('commits only the first of two transfers of one asset in one block (MVCC_READ_CONFLICT)', async () => {
      const [first, second] = await network().block([
        cc.endorse('TransferAsset', 'a1', 'Ann'),
        cc.endorse('TransferAsset', 'a1', 'Bob'),
      ]);
      await expect(first).to.have.validationCode('VALID');
      await expect(second).to.have.validationCode('MVCC_READ_CONFLICT');
      expect((await read('a1')).Owner).to.equal('Ann');
    });
  });

  // The v2 upgrade relies on v1's exact bytes (sorted JSON), which ReadAsset does not show: it returns the asset
  // as contract-api serializes it. A real network's world state is read only through chaincode.
  describe('storage (mock only: raw world state is not readable from a client of a real network)', () => {
    beforeEach(function () {
      if (network().target !== 'mock') this.skip();
    });

    startFrom(withA1);

    it('stores the asset as sorted JSON', () => {
      expect(cc.state('a1')?.toString()).to.equal('{"Color":"blue","ID":"a1","Owner":"Tom","Size":5}');
    });
  });
});
