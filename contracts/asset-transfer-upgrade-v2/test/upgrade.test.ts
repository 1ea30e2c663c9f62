import chai, { expect } from 'chai';
import { MockNetwork, type ChaincodeClient, type StartedMockNetwork } from '@fabric-testkit/contract-test';
import { fabricMatchers } from '@fabric-testkit/contract-test/chai';
import { contracts as v1 } from '@fabric-testkit/asset-transfer-upgrade-v1';
import { contracts as v2, type AssetV2 } from '../src';

chai.use(fabricMatchers);

/** The upgrade drill: version 1 writes, version 2 is deployed under the same name on the same channel. */
describe('upgrading asset-upgrade from v1 to v2', () => {
  let network: StartedMockNetwork;
  let cc: ChaincodeClient;

  beforeEach(async () => {
    network = await new MockNetwork()
      .withOrganizations('Org1MSP', 'Org2MSP')
      .withChannel('mychannel')
      .withChaincodeLogLevel('CRITICAL')
      .start();
    await network.deploy({ name: 'asset-upgrade', contracts: v1, version: '1.0' });
    cc = network.chaincode('asset-upgrade', { as: network.identity('Org1MSP', 'alice') });
    await cc.submit('CreateAsset', 'a1', 'blue', '5', 'Tom');
    await cc.submit('CreateAsset', 'a2', 'red', '3', 'Ann');
    await cc.submit('TransferAsset', 'a2', 'Bob'); // v1 transfers an asset that has no appraisal
    expect((await cc.evaluate('Version')).text).to.equal('v1');
    expect((await cc.evaluate('ReadAsset', 'a1')).json()).to.deep.equal({
      Color: 'blue',
      ID: 'a1',
      Owner: 'Tom',
      Size: 5,
    });
    await network.deploy({ name: 'asset-upgrade', contracts: v2, version: '2.0' });
  });

  afterEach(() => network.stop());

  const v1Record = '{"Color":"blue","ID":"a1","Owner":"Tom","Size":5}';

  it('answers as v2 and keeps every v1 record byte for byte until something writes it', async () => {
    expect((await cc.evaluate('Version')).text).to.equal('v2');
    expect(cc.state('a1')?.toString()).to.equal(v1Record);
    expect(network.ledger().json('asset-upgrade', 'a2')).to.deep.equal({
      Color: 'red',
      ID: 'a2',
      Owner: 'Bob',
      Size: 3,
    });
    expect(network.ledger().history('asset-upgrade', 'a2')).to.have.length(2);
  });

  it('reads v1 records in the v2 layout (migration on read) without writing them', async () => {
    expect((await cc.evaluate('ReadAsset', 'a1')).json()).to.deep.equal({
      AppraisedValue: 0,
      Color: 'blue',
      ID: 'a1',
      Owner: 'Tom',
      SchemaVersion: 2,
      Size: 5,
    });
    expect(
      (await cc.evaluate('GetAllAssets')).json<AssetV2[]>().map((a) => [a.ID, a.Owner, a.SchemaVersion]),
    ).to.deep.equal([
      ['a1', 'Tom', 2],
      ['a2', 'Bob', 2],
    ]);
    expect(cc.state('a1')?.toString()).to.equal(v1Record);
  });

  it('applies the v2 rule to v1 records, and migrates a record when it writes it', async () => {
    await expect(cc.submit('TransferAsset', 'a1', 'Ann')).to.be.rejectedWithChaincodeError(
      500,
      'The asset a1 must be appraised before it can be transferred',
    );
    await cc.submit('AppraiseAsset', 'a1', '250');
    expect(network.ledger().json('asset-upgrade', 'a1')).to.deep.equal({
      AppraisedValue: 250,
      Color: 'blue',
      ID: 'a1',
      Owner: 'Tom',
      SchemaVersion: 2,
      Size: 5,
    });
    await cc.submit('TransferAsset', 'a1', 'Ann');
    expect(network.ledger().json<AssetV2>('asset-upgrade', 'a1')?.Owner).to.equal('Ann');
  });

  it('rewrites the remaining v1 records with MigrateAssets, once', async () => {
    await cc.submit('AppraiseAsset', 'a1', '250');
    const result = await cc.submit('MigrateAssets');
    expect(result.json()).to.equal(1);
    await expect(result).to.emit('AssetsMigrated', { IDs: ['a2'] });
    expect(cc.state('a2')?.toString()).to.equal(
      '{"AppraisedValue":0,"Color":"red","ID":"a2","Owner":"Bob","SchemaVersion":2,"Size":3}',
    );
    expect(network.ledger().json<AssetV2>('asset-upgrade', 'a1')?.AppraisedValue).to.equal(250);
    expect((await cc.submit('MigrateAssets')).json()).to.equal(0);
    expect(
      network
        .ledger()
        .history('asset-upgrade', 'a2')
        .map((entry) => entry.txId)[0],
    ).to.equal(result.txId);
  });
});
