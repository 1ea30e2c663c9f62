import { join } from 'node:path';
import chai, { expect } from 'chai';
import { MockNetwork, type ChaincodeClient, type StartedMockNetwork } from '@fabric-testkit/contract-test';
import { fabricMatchers } from '@fabric-testkit/contract-test/chai';
import { contracts, type AssetV2 } from '../src';

chai.use(fabricMatchers);

describe('asset-upgrade v2', () => {
  let network: StartedMockNetwork;
  let cc: ChaincodeClient;

  beforeEach(async () => {
    network = await new MockNetwork()
      .withOrganizations('Org1MSP', 'Org2MSP')
      .withChannel('mychannel')
      .withChaincodeLogLevel('CRITICAL')
      .start();
    await network.deploy({ name: 'asset-upgrade', contracts, version: '2.0' });
    cc = network.chaincode('asset-upgrade', { as: network.identity('Org1MSP', 'alice') });
  });

  afterEach(() => network.stop());

  it('says which version answered', async () => {
    expect((await cc.evaluate('Version')).text).to.equal('v2');
  });

  describe('CreateAsset', () => {
    it('takes the version 1 parameters and stores the version 2 layout, not yet appraised', async () => {
      const result = await cc.submit('CreateAsset', 'a1', 'blue', '5', 'Tom');
      const expected = { AppraisedValue: 0, Color: 'blue', ID: 'a1', Owner: 'Tom', SchemaVersion: 2, Size: 5 };
      expect(result.json()).to.deep.equal(expected);
      await expect(result).to.emit('AssetCreated', expected);
      expect(cc.state('a1')?.toString()).to.equal(
        '{"AppraisedValue":0,"Color":"blue","ID":"a1","Owner":"Tom","SchemaVersion":2,"Size":5}',
      );
    });

    it('refuses an id that exists and a size that is not a positive integer', async () => {
      await cc.submit('CreateAsset', 'a1', 'blue', '5', 'Tom');
      await expect(cc.submit('CreateAsset', 'a1', 'red', '1', 'Ann')).to.be.rejectedWithChaincodeError(
        500,
        'The asset a1 already exists',
      );
      await expect(cc.submit('CreateAsset', 'a2', 'red', '0', 'Ann')).to.be.rejectedWithChaincodeError(
        500,
        'size must be a positive integer, not 0',
      );
    });
  });

  describe('ReadAsset', () => {
    it('fails for a missing asset', async () => {
      await expect(cc.evaluate('ReadAsset', 'nope')).to.be.rejectedWithChaincodeError(
        500,
        'The asset nope does not exist',
      );
    });
  });

  describe('AppraiseAsset', () => {
    beforeEach(async () => {
      await cc.submit('CreateAsset', 'a1', 'blue', '5', 'Tom');
    });

    it('sets the appraised value and emits AssetAppraised', async () => {
      await expect(cc.submit('AppraiseAsset', 'a1', '300')).to.emit('AssetAppraised', {
        AppraisedValue: 300,
        ID: 'a1',
      });
      expect((await cc.evaluate('ReadAsset', 'a1')).json<AssetV2>().AppraisedValue).to.equal(300);
    });

    it('refuses a value that is not a positive integer, and a missing asset', async () => {
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
  });

  describe('TransferAsset', () => {
    beforeEach(async () => {
      await cc.submit('CreateAsset', 'a1', 'blue', '5', 'Tom');
    });

    it('refuses an asset not yet appraised (the rule new in version 2)', async () => {
      await expect(cc.submit('TransferAsset', 'a1', 'Ann')).to.be.rejectedWithChaincodeError(
        500,
        'The asset a1 must be appraised before it can be transferred',
      );
      expect(network.ledger().json<AssetV2>('asset-upgrade', 'a1')?.Owner).to.equal('Tom');
    });

    it('transfers an appraised asset and emits AssetTransferred', async () => {
      await cc.submit('AppraiseAsset', 'a1', '300');
      await expect(cc.submit('TransferAsset', 'a1', 'Ann')).to.emit('AssetTransferred', {
        From: 'Tom',
        ID: 'a1',
        To: 'Ann',
      });
      expect(cc).to.have.state('a1', {
        AppraisedValue: 300,
        Color: 'blue',
        ID: 'a1',
        Owner: 'Ann',
        SchemaVersion: 2,
        Size: 5,
      });
    });

    it('fails for a missing asset', async () => {
      await expect(cc.submit('TransferAsset', 'nope', 'Ann')).to.be.rejectedWithChaincodeError(
        500,
        'The asset nope does not exist',
      );
    });

    it('commits only the first of an appraisal and a transfer endorsed together (MVCC_READ_CONFLICT)', async () => {
      await cc.submit('AppraiseAsset', 'a1', '300');
      const [appraisal, transfer] = await network.block([
        cc.endorse('AppraiseAsset', 'a1', '500'),
        cc.endorse('TransferAsset', 'a1', 'Ann'),
      ]);
      await expect(appraisal).to.have.validationCode('VALID');
      await expect(transfer).to.have.validationCode('MVCC_READ_CONFLICT');
      expect(network.ledger().json('asset-upgrade', 'a1')).to.include({ AppraisedValue: 500, Owner: 'Tom' });
    });
  });

  describe('MigrateAssets', () => {
    it('finds nothing to migrate when every record is already version 2', async () => {
      await cc.submit('CreateAsset', 'a1', 'blue', '5', 'Tom');
      const result = await cc.submit('MigrateAssets');
      expect(result.json()).to.equal(0);
      await expect(result).to.emit('AssetsMigrated', { IDs: [] });
    });

    it('is invalidated by an asset created in the same block (PHANTOM_READ_CONFLICT): its range changed', async () => {
      await cc.submit('CreateAsset', 'a1', 'blue', '5', 'Tom');
      const [create, migrate] = await network.block([
        cc.endorse('CreateAsset', 'a2', 'red', '1', 'Ann'),
        cc.endorse('MigrateAssets'),
      ]);
      await expect(create).to.have.validationCode('VALID');
      await expect(migrate).to.have.validationCode('PHANTOM_READ_CONFLICT');
    });
  });

  it('lists every asset in key order', async () => {
    expect((await cc.evaluate('GetAllAssets')).json()).to.deep.equal([]);
    await cc.submit('CreateAsset', 'b', 'red', '2', 'Ann');
    await cc.submit('CreateAsset', 'a', 'blue', '1', 'Tom');
    expect((await cc.evaluate('GetAllAssets')).json<AssetV2[]>().map((asset) => asset.ID)).to.deep.equal(['a', 'b']);
  });

  it('describes its transactions and the new field through GetMetadata, loaded from the package as a peer does', async () => {
    await network.deploy({ name: 'v2-package', modulePath: join(__dirname, '..', '..') });
    const metadata = (await network.chaincode('v2-package').evaluate('org.hyperledger.fabric:GetMetadata')).json<{
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
