// One suite, two targets: `npm test` runs it on the in-memory peer; FABRIC_TESTKIT_TARGET=network npm test runs
// the very same tests on a real two-organization Fabric network in containers (CI does both).
import * as path from 'node:path';
import chai, { expect } from 'chai';
import { createNetwork, type ChaincodeClient, type StartedNetwork } from '@fabric-testkit/network';
import { useFixture, useNetwork } from '@fabric-testkit/network/mocha';
import { fabricMatchers } from '@fabric-testkit/network/chai';
import type { Asset, AssetHistoryEntry, Owner } from '../src';

chai.use(fabricMatchers);

/** This package's directory (the test runs from dist/test): what a peer's chaincode process serves. */
const modulePath = path.resolve(__dirname, '..', '..');

/** The fixture every test starts from: the contract deployed, alice (Org1MSP) and bob (Org2MSP) as clients. */
async function deployed(network: StartedNetwork): Promise<{ asAlice: ChaincodeClient; asBob: ChaincodeClient }> {
  await network.deploy({ name: 'basic', modulePath });
  const asAlice = network.chaincode('basic', { as: await network.identity('Org1MSP', 'alice') });
  return { asAlice, asBob: asAlice.with({ as: await network.identity('Org2MSP', 'bob') }) };
}

describe('AssetTransfer contract', () => {
  // One network for the suite (on a real one: about 15 s to start) and the fixture's state for every test.
  const network = useNetwork(() =>
    createNetwork({ progress: (line) => console.log(`      ${line}`) })
      // The suite provokes chaincode errors on purpose: CRITICAL keeps fabric-shim from logging each one.
      .withChaincodeLogLevel('CRITICAL')
      .withOrganizations('Org1MSP', 'Org2MSP')
      .withChannel('mychannel'),
  );
  let asAlice: ChaincodeClient;
  let asBob: ChaincodeClient;
  useFixture(network, deployed, (clients) => ({ asAlice, asBob } = clients));

  async function ownerOf(client: ChaincodeClient): Promise<Owner> {
    return (await client.evaluate('WhoAmI')).json<Owner>();
  }

  async function read(id: string): Promise<Asset> {
    return (await asBob.evaluate('ReadAsset', id)).json<Asset>();
  }

  describe('CreateAsset', () => {
    it('stores the asset as sorted JSON owned by the caller, emits AssetCreated and returns it', async () => {
      const result = await asAlice.submit('CreateAsset', 'a1', 'blue', '5', '300');
      const owner = await ownerOf(asAlice);
      expect(owner.MSPID).to.equal('Org1MSP');
      expect(owner.ID).to.match(/CN=alice/);
      const expected = { AppraisedValue: 300, Color: 'blue', ID: 'a1', Owner: owner, Size: 5 };
      expect(result.json()).to.deep.equal(expected);
      await expect(result).to.emit('AssetCreated', expected);
      const stored = (await asBob.evaluate('ReadAsset', 'a1')).text;
      expect(JSON.parse(stored)).to.deep.equal(expected);
      expect(Object.keys(JSON.parse(stored) as Asset)).to.deep.equal([
        'AppraisedValue',
        'Color',
        'ID',
        'Owner',
        'Size',
      ]);
      expect(Object.keys((JSON.parse(stored) as Asset).Owner)).to.deep.equal(['ID', 'MSPID']);
    });

    it('is endorsed by a peer of each organization (the default policy: a majority of two)', async () => {
      const { txId } = await asAlice.submit('CreateAsset', 'a1', 'blue', '5', '300');
      expect(await network().transaction(txId)).to.deep.include({
        validationCode: 'VALID',
        endorsingOrganizations: ['Org1MSP', 'Org2MSP'],
      });
    });

    it('refuses an id that exists', async () => {
      await asAlice.submit('CreateAsset', 'a1', 'blue', '5', '300');
      await expect(asBob.submit('CreateAsset', 'a1', 'red', '1', '1')).to.be.rejectedWithChaincodeError(
        500,
        'The asset a1 already exists',
      );
    });

    it('refuses a size that is not a number (the JSON serializer converts parameters before the function runs)', async () => {
      await expect(asAlice.submit('CreateAsset', 'a1', 'blue', 'big', '300')).to.be.rejectedWithChaincodeError(
        500,
        'fromBuffer could not convert data to number',
      );
    });

    it('refuses a wrong number of arguments', async () => {
      await expect(asAlice.submit('CreateAsset', 'a1')).to.be.rejectedWithChaincodeError(
        500,
        'Expected 4 parameters, but 1 have been supplied',
      );
    });
  });

  describe('ReadAsset and AssetExists', () => {
    it('reads the stored JSON; any client may read', async () => {
      await asAlice.submit('CreateAsset', 'a1', 'blue', '5', '300');
      expect((await asBob.evaluate('ReadAsset', 'a1')).text).to.equal((await asAlice.evaluate('ReadAsset', 'a1')).text);
      expect((await asBob.evaluate('AssetExists', 'a1')).text).to.equal('true');
      expect((await asBob.evaluate('AssetExists', 'a2')).text).to.equal('false');
    });

    it('fails for a missing asset', async () => {
      await expect(asAlice.evaluate('ReadAsset', 'nope')).to.be.rejectedWithChaincodeError(
        500,
        'The asset nope does not exist',
      );
    });
  });

  describe('UpdateAsset', () => {
    beforeEach(async () => {
      await asAlice.submit('CreateAsset', 'a1', 'blue', '5', '300');
    });

    it('lets the owner update and emits AssetUpdated', async () => {
      const result = await asAlice.submit('UpdateAsset', 'a1', 'green', '6', '400');
      const owner = await ownerOf(asAlice);
      await expect(result).to.emit('AssetUpdated', {
        AppraisedValue: 400,
        Color: 'green',
        ID: 'a1',
        Owner: owner,
        Size: 6,
      });
    });

    it('refuses anyone else with the owner named', async () => {
      await expect(asBob.submit('UpdateAsset', 'a1', 'red', '1', '1')).to.be.rejectedWithChaincodeError(
        500,
        'bob@Org2MSP may not update asset a1: it is owned by alice@Org1MSP',
      );
      const carol = asAlice.with({ as: await network().identity('Org1MSP', 'carol') });
      await expect(carol.submit('UpdateAsset', 'a1', 'red', '1', '1')).to.be.rejectedWithChaincodeError(
        500,
        'carol@Org1MSP may not update asset a1: it is owned by alice@Org1MSP',
      );
      expect((await read('a1')).Color).to.equal('blue');
    });

    it('fails for a missing asset', async () => {
      await expect(asAlice.submit('UpdateAsset', 'nope', 'red', '1', '1')).to.be.rejectedWithChaincodeError(
        500,
        'The asset nope does not exist',
      );
    });
  });

  describe('TransferAsset', () => {
    beforeEach(async () => {
      await asAlice.submit('CreateAsset', 'a1', 'blue', '5', '300');
    });

    it('gives the asset to the new owner, who may then update it; emits AssetTransferred', async () => {
      const from = await ownerOf(asAlice);
      const to = await ownerOf(asBob);
      const result = await asAlice.submit('TransferAsset', 'a1', to.MSPID, to.ID);
      await expect(result).to.emit('AssetTransferred', { From: from, ID: 'a1', To: to });
      await expect(asAlice.submit('UpdateAsset', 'a1', 'red', '1', '1')).to.be.rejectedWithChaincodeError(
        500,
        'alice@Org1MSP may not update asset a1: it is owned by bob@Org2MSP',
      );
      await expect(asBob.submit('UpdateAsset', 'a1', 'red', '1', '1')).to.have.validationCode('VALID');
    });

    it('refuses a transfer by anyone but the owner', async () => {
      await expect(asBob.submit('TransferAsset', 'a1', 'Org2MSP', 'me')).to.be.rejectedWithChaincodeError(
        500,
        'bob@Org2MSP may not transfer asset a1: it is owned by alice@Org1MSP',
      );
    });

    it('lets only one of two transfers in the same block commit (MVCC_READ_CONFLICT)', async () => {
      const bobOwner = await ownerOf(asBob);
      const [first, second] = await network().block([
        asAlice.endorse('TransferAsset', 'a1', bobOwner.MSPID, bobOwner.ID),
        asAlice.endorse('TransferAsset', 'a1', 'Org1MSP', 'someone-else'),
      ]);
      expect(first?.blockNumber).to.equal(second?.blockNumber);
      await expect(first).to.have.validationCode('VALID');
      await expect(second).to.have.validationCode('MVCC_READ_CONFLICT');
      await expect(second).not.to.emit('AssetTransferred');
      expect((await read('a1')).Owner).to.deep.equal(bobOwner);
    });
  });

  describe('DeleteAsset', () => {
    beforeEach(async () => {
      await asAlice.submit('CreateAsset', 'a1', 'blue', '5', '300');
    });

    it('lets the owner delete and emits AssetDeleted', async () => {
      await expect(asAlice.submit('DeleteAsset', 'a1')).to.emit('AssetDeleted');
      expect((await asBob.evaluate('AssetExists', 'a1')).text).to.equal('false');
    });

    it('refuses anyone else', async () => {
      await expect(asBob.submit('DeleteAsset', 'a1')).to.be.rejectedWithChaincodeError(
        500,
        'bob@Org2MSP may not delete asset a1: it is owned by alice@Org1MSP',
      );
      expect((await asBob.evaluate('AssetExists', 'a1')).text).to.equal('true');
    });

    it('fails for a missing asset', async () => {
      await expect(asAlice.submit('DeleteAsset', 'nope')).to.be.rejectedWithChaincodeError(
        500,
        'The asset nope does not exist',
      );
    });
  });

  describe('GetAllAssets', () => {
    it('lists every asset in key order', async () => {
      expect((await asAlice.evaluate('GetAllAssets')).json()).to.deep.equal([]);
      for (const id of ['b', 'a', 'c']) await asAlice.submit('CreateAsset', id, 'blue', '1', '1');
      expect((await asBob.evaluate('GetAllAssets')).json<Asset[]>().map((asset) => asset.ID)).to.deep.equal([
        'a',
        'b',
        'c',
      ]);
    });
  });

  describe('GetAssetHistory', () => {
    it('lists every committed version, newest first, with deletes', async () => {
      const created = await asAlice.submit('CreateAsset', 'a1', 'blue', '5', '300');
      const updated = await asAlice.submit('UpdateAsset', 'a1', 'green', '5', '300');
      const deleted = await asAlice.submit('DeleteAsset', 'a1');
      const history = (await asBob.evaluate('GetAssetHistory', 'a1')).json<AssetHistoryEntry[]>();
      expect(history.map((entry) => [entry.TxId, entry.IsDelete, entry.Asset?.Color ?? null])).to.deep.equal([
        [deleted.txId, true, null],
        [updated.txId, false, 'green'],
        [created.txId, false, 'blue'],
      ]);
      expect(history[0]?.Timestamp).to.match(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);
    });

    it('is empty for an asset never written', async () => {
      expect((await asAlice.evaluate('GetAssetHistory', 'never')).json()).to.deep.equal([]);
    });
  });

  describe('chaincode events', () => {
    it('delivers AssetCreated and AssetTransferred to a listener, valid transactions only, in order', async () => {
      const created = await asAlice.submit('CreateAsset', 'a3', 'green', '7', '700');
      const bob = await ownerOf(asBob);
      const transferred = await asAlice.submit('TransferAsset', 'a3', bob.MSPID, bob.ID);
      const events = network().events('basic', { startBlock: created.blockNumber });
      const received = [];
      for await (const event of events) {
        received.push(event);
        if (received.length === 2) break;
      }
      expect(received.map((e) => [e.eventName, e.transactionId, e.blockNumber])).to.deep.equal([
        ['AssetCreated', created.txId, created.blockNumber],
        ['AssetTransferred', transferred.txId, transferred.blockNumber],
      ]);
      expect(JSON.parse(received[1]?.payload.toString() ?? '')).to.deep.include({ ID: 'a3', To: bob });
    });
  });
});
