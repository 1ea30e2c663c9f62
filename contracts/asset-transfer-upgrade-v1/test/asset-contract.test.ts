import { join } from 'node:path';
import chai, { expect } from 'chai';
import { MockNetwork, type ChaincodeClient, type StartedMockNetwork } from '@fabric-testkit/contract-test';
import { fabricMatchers } from '@fabric-testkit/contract-test/chai';
import { contracts, type Asset } from '../src';

chai.use(fabricMatchers);

describe('asset-upgrade v1', () => {
  let network: StartedMockNetwork;
  let cc: ChaincodeClient;

  beforeEach(async () => {
    network = await new MockNetwork()
      .withOrganizations('Org1MSP', 'Org2MSP')
      .withChannel('mychannel')
      .withChaincodeLogLevel('CRITICAL')
      .start();
    await network.deploy({ name: 'asset-upgrade', contracts, version: '1.0' });
    cc = network.chaincode('asset-upgrade', { as: network.identity('Org1MSP', 'alice') });
  });

  afterEach(() => network.stop());

  it('says which version answered', async () => {
    expect((await cc.evaluate('Version')).text).to.equal('v1');
  });

  describe('CreateAsset', () => {
    it('stores the asset as sorted JSON, emits AssetCreated and returns it', async () => {
      const result = await cc.submit('CreateAsset', 'a1', 'blue', '5', 'Tom');
      const expected = { Color: 'blue', ID: 'a1', Owner: 'Tom', Size: 5 };
      expect(result.json()).to.deep.equal(expected);
      await expect(result).to.emit('AssetCreated', expected);
      expect(cc.state('a1')?.toString()).to.equal('{"Color":"blue","ID":"a1","Owner":"Tom","Size":5}');
    });

    it('refuses an id that exists', async () => {
      await cc.submit('CreateAsset', 'a1', 'blue', '5', 'Tom');
      await expect(cc.submit('CreateAsset', 'a1', 'red', '1', 'Ann')).to.be.rejectedWithChaincodeError(
        500,
        'The asset a1 already exists',
      );
    });

    it('refuses a size that is not a positive integer', async () => {
      for (const size of ['0', '-2', '1.5']) {
        await expect(cc.submit('CreateAsset', 'a1', 'blue', size, 'Tom')).to.be.rejectedWithChaincodeError(
          500,
          `size must be a positive integer, not ${size}`,
        );
      }
      expect(cc).not.to.have.state('a1');
    });
  });

  describe('ReadAsset', () => {
    it('returns the stored asset', async () => {
      await cc.submit('CreateAsset', 'a1', 'blue', '5', 'Tom');
      expect((await cc.evaluate('ReadAsset', 'a1')).json()).to.deep.equal({
        Color: 'blue',
        ID: 'a1',
        Owner: 'Tom',
        Size: 5,
      });
    });

    it('fails for a missing asset', async () => {
      await expect(cc.evaluate('ReadAsset', 'nope')).to.be.rejectedWithChaincodeError(
        500,
        'The asset nope does not exist',
      );
    });
  });

  describe('TransferAsset', () => {
    beforeEach(async () => {
      await cc.submit('CreateAsset', 'a1', 'blue', '5', 'Tom');
    });

    it('changes the owner and emits AssetTransferred', async () => {
      await expect(cc.submit('TransferAsset', 'a1', 'Ann')).to.emit('AssetTransferred', {
        From: 'Tom',
        ID: 'a1',
        To: 'Ann',
      });
      expect(cc).to.have.state('a1', { Color: 'blue', ID: 'a1', Owner: 'Ann', Size: 5 });
    });

    it('fails for a missing asset', async () => {
      await expect(cc.submit('TransferAsset', 'nope', 'Ann')).to.be.rejectedWithChaincodeError(
        500,
        'The asset nope does not exist',
      );
    });

    it('commits only the first of two transfers of one asset in one block (MVCC_READ_CONFLICT)', async () => {
      const [first, second] = await network.block([
        cc.endorse('TransferAsset', 'a1', 'Ann'),
        cc.endorse('TransferAsset', 'a1', 'Bob'),
      ]);
      await expect(first).to.have.validationCode('VALID');
      await expect(second).to.have.validationCode('MVCC_READ_CONFLICT');
      expect(network.ledger().json<Asset>('asset-upgrade', 'a1')?.Owner).to.equal('Ann');
    });
  });

  it('lists every asset in key order', async () => {
    expect((await cc.evaluate('GetAllAssets')).json()).to.deep.equal([]);
    await cc.submit('CreateAsset', 'b', 'red', '2', 'Ann');
    await cc.submit('CreateAsset', 'a', 'blue', '1', 'Tom');
    expect((await cc.evaluate('GetAllAssets')).json<Asset[]>().map((asset) => asset.ID)).to.deep.equal(['a', 'b']);
  });

  it('describes its transactions through org.hyperledger.fabric:GetMetadata, loaded from the package as a peer does', async () => {
    await network.deploy({ name: 'v1-package', modulePath: join(__dirname, '..', '..') });
    const metadata = (await network.chaincode('v1-package').evaluate('org.hyperledger.fabric:GetMetadata')).json<{
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
