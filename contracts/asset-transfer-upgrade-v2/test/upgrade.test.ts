// The upgrade drill, on both targets: version 1 (the v1 package) writes, then network.upgrade() commits version 2
// (this package) under the same name on the same channel, as `peer lifecycle chaincode approveformyorg` and
// `commit` with the next sequence do on a real network.
import * as path from 'node:path';
import chai, { expect } from 'chai';
import {
  createNetwork,
  targetFromEnvironment,
  type ChaincodeClient,
  type DeployedChaincode,
  type StartedNetwork,
} from '@fabric-testkit/network';
import { fabricMatchers } from '@fabric-testkit/network/chai';
import { useFixture, useNetwork } from '@fabric-testkit/network/mocha';
import type { AssetV2 } from '../src';

chai.use(fabricMatchers);

/** The package directories (the test runs from dist/test), each what a peer's chaincode process serves. */
const v1ModulePath = path.dirname(require.resolve('@fabric-testkit/asset-transfer-upgrade-v1/package.json'));
const v2ModulePath = path.resolve(__dirname, '..', '..');

interface Upgraded {
  readonly cc: ChaincodeClient;
  /** What `Version` answered before the upgrade. */
  readonly versionBefore: string;
  readonly upgrade: DeployedChaincode;
}

/** v1 deployed; a1 (Tom) and a2 (Ann, then transferred to Bob by v1, without an appraisal); then v2. */
async function upgraded(network: StartedNetwork): Promise<Upgraded> {
  await network.deploy({ name: 'asset-upgrade', modulePath: v1ModulePath, version: '1.0' });
  const cc = network.chaincode('asset-upgrade', { as: await network.identity('Org1MSP', 'alice') });
  await cc.submit('CreateAsset', 'a1', 'blue', '5', 'Tom');
  await cc.submit('CreateAsset', 'a2', 'red', '3', 'Ann');
  await cc.submit('TransferAsset', 'a2', 'Bob');
  const versionBefore = (await cc.evaluate('Version')).text;
  const upgrade = await network.upgrade({ name: 'asset-upgrade', modulePath: v2ModulePath, version: '2.0' });
  return { cc, versionBefore, upgrade };
}

const V1_RECORD = '{"Color":"blue","ID":"a1","Owner":"Tom","Size":5}';

describe('upgrading asset-upgrade from v1 to v2', function () {
  // On a real network each submit waits for a block on both organizations' peers: seconds, not milliseconds.
  if (targetFromEnvironment() === 'network') this.timeout(60_000);

  let cc: ChaincodeClient;
  let versionBefore: string;
  let upgrade: DeployedChaincode;
  const network = useNetwork(() =>
    // The suite provokes chaincode errors on purpose: CRITICAL keeps fabric-shim from logging each one.
    createNetwork({ progress: (line) => console.log(`      ${line}`) })
      .withChaincodeLogLevel('CRITICAL')
      .withOrganizations('Org1MSP', 'Org2MSP')
      .withChannel('mychannel'),
  );
  // On a real network the fixture installs and commits v2 again on each fresh channel.
  useFixture(network, upgraded, (value) => ({ cc, versionBefore, upgrade } = value));

  async function read(id: string): Promise<AssetV2> {
    return (await cc.evaluate('ReadAsset', id)).json<AssetV2>();
  }

  it('commits version 2.0 as the definition’s second sequence, and v2 answers', async () => {
    expect(upgrade).to.deep.include({ name: 'asset-upgrade', version: '2.0', sequence: 2 });
    expect(versionBefore).to.equal('v1');
    expect((await cc.evaluate('Version')).text).to.equal('v2');
  });

  it('reads v1 records in the v2 layout (migration on read)', async () => {
    expect(await read('a1')).to.deep.equal({
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
  });

  it('applies the v2 rule to v1 records, and migrates a record when it writes it', async () => {
    await expect(cc.submit('TransferAsset', 'a1', 'Ann')).to.be.rejectedWithChaincodeError(
      500,
      'The asset a1 must be appraised before it can be transferred',
    );
    await cc.submit('AppraiseAsset', 'a1', '250');
    expect(await read('a1')).to.deep.equal({
      AppraisedValue: 250,
      Color: 'blue',
      ID: 'a1',
      Owner: 'Tom',
      SchemaVersion: 2,
      Size: 5,
    });
    await cc.submit('TransferAsset', 'a1', 'Ann');
    expect((await read('a1')).Owner).to.equal('Ann');
  });

  it('rewrites the remaining v1 records with MigrateAssets, once', async () => {
    await cc.submit('AppraiseAsset', 'a1', '250');
    const result = await cc.submit('MigrateAssets');
    expect(result.json()).to.equal(1);
    await expect(result).to.emit('AssetsMigrated', { IDs: ['a2'] });
    expect((await read('a1')).AppraisedValue).to.equal(250);
    expect((await cc.submit('MigrateAssets')).json()).to.equal(0);
  });

  // Whether a record was rewritten shows only in its bytes and its history, and neither contract version has a
  // function returning them; a real network's world state is read only through chaincode.
  describe('the stored records (mock only: raw world state and history are not readable from a client of a real network)', () => {
    beforeEach(function () {
      if (network().target !== 'mock') this.skip();
    });

    it('keeps every v1 record byte for byte until something writes it, reads included', async () => {
      const ledger = network().mock.ledger();
      expect(cc.state('a1')?.toString()).to.equal(V1_RECORD);
      expect(ledger.json('asset-upgrade', 'a2')).to.deep.equal({ Color: 'red', ID: 'a2', Owner: 'Bob', Size: 3 });
      expect(ledger.history('asset-upgrade', 'a2')).to.have.length(2);
      await cc.evaluate('ReadAsset', 'a1');
      await cc.evaluate('GetAllAssets');
      expect(cc.state('a1')?.toString()).to.equal(V1_RECORD);
    });

    it('stores a migrated record in the v2 layout, written by MigrateAssets', async () => {
      const result = await cc.submit('MigrateAssets');
      expect(cc.state('a2')?.toString()).to.equal(
        '{"AppraisedValue":0,"Color":"red","ID":"a2","Owner":"Bob","SchemaVersion":2,"Size":3}',
      );
      expect(network().mock.ledger().history('asset-upgrade', 'a2')[0]?.txId).to.equal(result.txId);
    });
  });
});
