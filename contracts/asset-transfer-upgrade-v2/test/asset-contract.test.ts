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
import type { AssetV2 } from '../src';

chai.use(fabricMatchers);

/** This package's directory (the test runs from dist/test): what a peer's chaincode process serves. */
const modulePath = path.resolve(__dirname, '..', '..');

/** Version 2 deployed on its own; alice (Org1MSP) calls it. */
async function deployed(network: StartedNetwork): Promise<ChaincodeClient> {
  await network.deploy({ name: 'asset-upgrade', modulePath, version: '2.0' });
  return network.chaincode('asset-upgrade', { as: await network.identity('Org1MSP', 'alice') });
}

/** Asset a1 (blue, 5) owned by Tom, not appraised. */
async function withA1(network: StartedNetwork): Promise<ChaincodeClient> {
  const cc = await deployed(network);
  await cc.submit('CreateAsset', 'a1', 'blue', '5', 'Tom');
  return cc;
}

describe('asset-upgrade v2', function () {
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

  async function read(id: string): Promise<AssetV2> {
    return (await cc.evaluate('ReadAsset', id)).json<AssetV2>();
  }

  describe('an empty ledger', () => {
    startFrom(deployed);

    it('says which version answered', async () => {
      expect((await cc.evaluate('Version')).text).to.equal('v2');
    });

    it('takes the version 1 parameters of CreateAsset and stores the version 2 layout, not yet appraised', async () => {
      const result = await cc.submit('CreateAsset', 'a1', 'blue', '5', 'Tom');
      const expected = { AppraisedValue: 0, Color: 'blue', ID: 'a1', Owner: 'Tom', SchemaVersion: 2, Size: 5 };
      expect(result.json()).to.deep.equal(expected);
      await expect(result).to.emit('AssetCreated', expected);
      expect(await read('a1')).to.deep.equal(expected);
    });

    it('fails to read a missing asset', async () => {
      await expect(cc.evaluate('ReadAsset', 'nope')).to.be.rejectedWithChaincodeError(
        500,
        'The asset nope does not exist',
      );
    });

    it('lists every asset in key order', async () => {
      expect((await cc.evaluate('GetAllAssets')).json()).to.deep.equal([]);
      await cc.submit('CreateAsset', 'b', 'red', '2', 'Ann');
      await cc.submit('CreateAsset', 'a', 'blue', '1', 'Tom');
      expect((await cc.evaluate('GetAllAssets')).json<AssetV2[]>().map((asset) => asset.ID)).to.deep.equal(['a', 'b']);
    });

    it('describes its transactions and the new field through GetMetadata', async () => {
      const metadata = (await cc.evaluate('org.hyperledger.fabric:GetMetadata')).json<{
        contracts: Record<string, { transactions: { name: string }[] }>;
        components: { schemas: Record<string, { properties: Record<string, unknown> }> };
      }>();
      expect(metadata.contracts.AssetUpgrade?.transactions.map((tx) => tx.name).sort()).to.deep.equal([
        'AppraiseAsset',
        'CreateAsset',
        'GetAllAssets',
        'MigrateAssets',
        'ReadAsset',
        'TransferAsset',
        'Version',
      ]);
      expect(Object.keys(metadata.components.schemas.AssetV2?.properties ?? {}).sort()).to.deep.equal([
        'AppraisedValue',
        'Color',
        'ID',
        'Owner',
        'SchemaVersion',
        'Size',
      ]);
    });
  });

  describe('with asset a1', () => {
    startFrom(withA1);

    it('refuses an id that exists and a size that is not a positive integer', async () => {
      await expect(cc.submit('CreateAsset', 'a1', 'red', '1', 'Ann')).to.be.rejectedWithChaincodeError(
        500,
        'The asset a1 already exists',
      );
      await expect(cc.submit('CreateAsset', 'a2', 'red', '0', 'Ann')).to.be.rejectedWithChaincodeError(
        500,
        'size must be a positive integer, not 0',
      );
    });

    it('appraises: sets the appraised value and emits AssetAppraised', async () => {
      await expect(cc.submit('AppraiseAsset', 'a1', '300')).to.emit('AssetAppraised', {
        AppraisedValue: 300,
        ID: 'a1',
      });
      expect((await read('a1')).AppraisedValue).to.equal(300);
    });

    it('refuses an appraisal that is not a positive integer, and of a missing asset', async () => {
      for (const value of ['0', '-3', '2.5']) {
        await expect(cc.submit('AppraiseAsset', 'a1', value)).to.be.rejectedWithChaincodeError(
          500,
          `appraisedValue must be a positive integer, not ${value}`,
        );
      }
      await expect(cc.submit('AppraiseAsset', 'nope', '1')).to.be.rejectedWithChaincodeError(
        500,
        'The asset nope does not exist',
      );
    });

    it('refuses to transfer an asset not yet appraised (the rule new in version 2)', async () => {
      await expect(cc.submit('TransferAsset', 'a1', 'Ann')).to.be.rejectedWithChaincodeError(
        500,
        'The asset a1 must be appraised before it can be transferred',
      );
      expect((await read('a1')).Owner).to.equal('Tom');
    });

    it('transfers an appraised asset and emits AssetTransferred', async () => {
      await cc.submit('AppraiseAsset', 'a1', '300');
      await expect(cc.submit('TransferAsset', 'a1', 'Ann')).to.emit('AssetTransferred', {
        From: 'Tom',
        ID: 'a1',
        To: 'Ann',
      });
      expect(await read('a1')).to.deep.equal({
        AppraisedValue: 300,
        Color: 'blue',
        ID: 'a1',
        Owner: 'Ann',
        SchemaVersion: 2,
        Size: 5,
      });
    });

    it('fails to transfer a missing asset', async () => {
      await expect(cc.submit('TransferAsset', 'nope', 'Ann')).to.be.rejectedWithChaincodeError(
        500,
        'The asset nope does not exist',
      );
    });

    it('commits only the first of an appraisal and a transfer endorsed together (MVCC_READ_CONFLICT)', async () => {
      await cc.submit('AppraiseAsset', 'a1', '300');
      const [appraisal, transfer] = await network().block([
        cc.endorse('AppraiseAsset', 'a1', '500'),
        cc.endorse('TransferAsset', 'a1', 'Ann'),
      ]);
      await expect(appraisal).to.have.validationCode('VALID');
      await expect(transfer).to.have.validationCode('MVCC_READ_CONFLICT');
      expect(await read('a1')).to.include({ AppraisedValue: 500, Owner: 'Tom' });
    });

    it('finds nothing to migrate when every record is already version 2', async () => {
      const result = await cc.submit('MigrateAssets');
      expect(result.json()).to.equal(0);
      await expect(result).to.emit('AssetsMigrated', { IDs: [] });
    });

    it('invalidates MigrateAssets when an asset is created in the same block (PHANTOM_READ_CONFLICT)', async () => {
      const [create, migrate] = await network().block([
        cc.endorse('CreateAsset', 'a2', 'red', '1', 'Ann'),
        cc.endorse('MigrateAssets'),
      ]);
      await expect(create).to.have.validationCode('VALID');
      // The range MigrateAssets read changed under it.
      await expect(migrate).to.have.validationCode('PHANTOM_READ_CONFLICT');
    });
  });

  // ReadAsset returns the asset as contract-api serializes it, not the stored bytes; a real network's world state
  // is read only through chaincode.
  describe('storage (mock only: raw world state is not readable from a client of a real network)', () => {
    beforeEach(function () {
      if (network().target !== 'mock') this.skip();
    });

    startFrom(withA1);

    it('stores the version 2 layout as sorted JSON', () => {
      expect(cc.state('a1')?.toString()).to.equal(
        '{"AppraisedValue":0,"Color":"blue","ID":"a1","Owner":"Tom","SchemaVersion":2,"Size":5}',
      );
    });
  });
});
