// One suite, two targets: `npm test` runs it on the in-memory peer; FABRIC_TESTKIT_TARGET=network npm test runs
// the very same tests on a real three-organization Fabric network in containers, deployed as the README says: with
// collections_config.json and the endorsement policy OR('Org1MSP.peer','Org2MSP.peer'). Org1 and Org2 are the
// members of assetCollection; Org3 is on the channel but not a member.
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
import type { Asset, TransferAgreement } from '../src';
import { readCollectionsConfig } from './collections-config';

chai.use(fabricMatchers);

/** This package's directory (the test runs from dist/test): what a peer's chaincode process serves. */
const modulePath = path.resolve(__dirname, '..', '..');
/** Fabric's collection config format, as `peer lifecycle chaincode approveformyorg --collections-config` reads it. */
const collections = readCollectionsConfig(path.join(modulePath, 'collections_config.json'));

const CC = 'private';
const BOTH = ['Org1MSP', 'Org2MSP'];

/** The clients of every fixture. */
interface Clients {
  readonly deployment: DeployedChaincode;
  /** Org1MSP. */
  readonly alice: ChaincodeClient;
  /** Org2MSP. */
  readonly bob: ChaincodeClient;
  /** Org3MSP: on the channel, not a member of assetCollection. */
  readonly carol: ChaincodeClient;
  readonly aliceId: string;
  readonly bobId: string;
}

/** The contract deployed with its collections; no asset yet. */
async function deployed(network: StartedNetwork): Promise<Clients> {
  const deployment = await network.deploy({
    name: CC,
    modulePath,
    collections,
    endorsementPolicy: "OR('Org1MSP.peer','Org2MSP.peer')",
  });
  const alice = network.chaincode(CC, { as: await network.identity('Org1MSP', 'alice') });
  const bob = alice.with({ as: await network.identity('Org2MSP', 'bob') });
  const carol = alice.with({ as: await network.identity('Org3MSP', 'carol') });
  const aliceId = (await alice.evaluate('WhoAmI')).text;
  const bobId = (await bob.evaluate('WhoAmI')).text;
  return { deployment, alice, bob, carol, aliceId, bobId };
}

/** Asset a1 (blue, size 5) created by alice, who appraised it at 300. */
async function created(network: StartedNetwork): Promise<Clients> {
  const clients = await deployed(network);
  await clients.alice.with({ transient: properties(A1_PROPERTIES) }).submit('CreateAsset');
  return clients;
}

const A1_PROPERTIES = { assetID: 'a1', color: 'blue', size: 5, appraisedValue: 300 };

function properties(input: object): Record<string, string> {
  return { asset_properties: JSON.stringify(input) };
}

function value(appraisedValue: number): Record<string, string> {
  return { asset_value: JSON.stringify({ assetID: 'a1', appraisedValue }) };
}

const a1 = (owner: string, ownerOrg: string): Asset => ({
  Color: 'blue',
  ID: 'a1',
  Owner: owner,
  OwnerOrg: ownerOrg,
  Size: 5,
});

describe('AssetTransferPrivate contract', function () {
  // On a real network each submit waits for a block on all three organizations' peers: seconds, not milliseconds.
  if (targetFromEnvironment() === 'network') this.timeout(60_000);

  let deployment: DeployedChaincode;
  let alice: ChaincodeClient;
  let bob: ChaincodeClient;
  let carol: ChaincodeClient;
  let aliceId: string;
  let bobId: string;

  const network = useNetwork(() =>
    // The suite provokes chaincode errors on purpose: CRITICAL keeps fabric-shim from logging each one.
    createNetwork({ progress: (line) => console.log(`      ${line}`) })
      .withChaincodeLogLevel('CRITICAL')
      .withOrganizations('Org1MSP', 'Org2MSP', 'Org3MSP')
      .withChannel('mychannel'),
  );

  /** Gives each test of the enclosing describe the fixture's state (a fresh channel on a real network). */
  function startFrom(fixture: (network: StartedNetwork) => Promise<Clients>): void {
    useFixture(network, fixture, (value) => ({ deployment, alice, bob, carol, aliceId, bobId } = value));
  }

  async function agree(client: ChaincodeClient, appraisedValue: number): Promise<void> {
    await client.with({ transient: value(appraisedValue) }).submit('AgreeToTransfer');
  }

  function transfer(buyerMSP: string, endorsingOrganizations: readonly string[] = BOTH): ChaincodeClient {
    return alice.with({
      transient: { asset_owner: JSON.stringify({ assetID: 'a1', buyerMSP }) },
      endorsingOrganizations,
    });
  }

  async function readAsset(client: ChaincodeClient): Promise<Asset> {
    return (await client.evaluate('ReadAsset', 'a1')).json<Asset>();
  }

  async function myPrice(client: ChaincodeClient): Promise<unknown> {
    return (await client.evaluate('ReadMyPrice', 'a1')).json();
  }

  describe('the deployment', () => {
    startFrom(deployed);

    it('commits the first definition, version 1.0 (the default, as the harness and the peer CLI give it)', () => {
      expect(deployment).to.deep.include({ name: CC, version: '1.0', sequence: 1 });
    });
  });

  describe('CreateAsset', () => {
    startFrom(deployed);

    it('puts the asset in the shared collection and the appraisal in the owner org’s implicit collection', async () => {
      const result = await alice.with({ transient: properties(A1_PROPERTIES) }).submit('CreateAsset');
      await expect(result).to.emit('AssetCreated', { ID: 'a1' });
      expect(await readAsset(alice)).to.deep.equal(a1(aliceId, 'Org1MSP'));
      expect(await myPrice(alice)).to.deep.equal({ AppraisedValue: 300, ID: 'a1' });
    });

    it('lets members of either organization read the asset, and only the owner org its appraisal', async () => {
      await alice.with({ transient: properties(A1_PROPERTIES) }).submit('CreateAsset');
      expect(await readAsset(bob)).to.deep.equal(a1(aliceId, 'Org1MSP'));
      expect(await myPrice(alice)).to.deep.equal({ AppraisedValue: 300, ID: 'a1' });
      await expect(bob.evaluate('ReadMyPrice', 'a1')).to.be.rejectedWithChaincodeError(
        500,
        'Org2MSP holds no price for asset a1',
      );
    });

    it('refuses a non-member organization: memberOnlyRead and memberOnlyWrite are enforced by the peer', async () => {
      await alice.with({ transient: properties(A1_PROPERTIES) }).submit('CreateAsset');
      // The shim prefixes the peer's refusal with the request that failed and the transaction id.
      await expect(carol.evaluate('ReadAsset', 'a1')).to.be.rejectedWithChaincodeError(
        500,
        new RegExp(
          `^GET_STATE failed: transaction ID: [0-9a-f]{64}: tx creator does not have read access permission on privatedata in chaincodeName:${CC} collectionName: assetCollection$`,
        ),
      );
      await expect(
        carol
          .with({
            transient: properties({ assetID: 'c1', color: 'red', size: 1, appraisedValue: 1 }),
            endorsingOrganizations: ['Org3MSP'],
          })
          .submit('CreateAsset'),
      ).to.be.rejectedWithChaincodeError(
        500,
        new RegExp(
          `^PUT_STATE failed: transaction ID: [0-9a-f]{64}: tx creator does not have write access permission on privatedata in chaincodeName:${CC} collectionName: assetCollection$`,
        ),
      );
    });

    it('refuses an asset id that exists', async () => {
      await alice.with({ transient: properties(A1_PROPERTIES) }).submit('CreateAsset');
      await expect(
        bob
          .with({ transient: properties({ assetID: 'a1', color: 'red', size: 1, appraisedValue: 1 }) })
          .submit('CreateAsset'),
      ).to.be.rejectedWithChaincodeError(500, 'The asset a1 already exists');
    });

    it('refuses missing or malformed transient input', async () => {
      const cases: [Record<string, string>, string][] = [
        [{}, 'asset_properties must be a key in the transient map'],
        [{ asset_properties: '' }, 'asset_properties must be a key in the transient map'],
        [{ asset_properties: '{bad' }, 'asset_properties in the transient map must be a JSON object'],
        [{ asset_properties: '[1]' }, 'asset_properties in the transient map must be a JSON object'],
        [{ asset_properties: 'null' }, 'asset_properties in the transient map must be a JSON object'],
        [properties({ color: 'blue', size: 5, appraisedValue: 1 }), 'assetID must be a non-empty string'],
        [properties({ assetID: 'a1', color: '', size: 5, appraisedValue: 1 }), 'color must be a non-empty string'],
        [properties({ assetID: 'a1', color: 'blue', size: 0, appraisedValue: 1 }), 'size must be a positive integer'],
        [
          properties({ assetID: 'a1', color: 'blue', size: 5, appraisedValue: '300' }),
          'appraisedValue must be a positive integer',
        ],
      ];
      for (const [transient, message] of cases) {
        await expect(alice.with({ transient }).submit('CreateAsset')).to.be.rejectedWithChaincodeError(500, message);
      }
    });

    it('refuses to write an org’s collection on another org’s peer', async () => {
      await expect(
        alice.with({ transient: properties(A1_PROPERTIES), endorsingOrganizations: ['Org2MSP'] }).submit('CreateAsset'),
      ).to.be.rejectedWithChaincodeError(
        500,
        'client from org Org1MSP is not authorized to write private data on a peer of org Org2MSP',
      );
    });

    it('fails to read an asset that does not exist', async () => {
      await expect(alice.evaluate('ReadAsset', 'nope')).to.be.rejectedWithChaincodeError(
        500,
        'The asset nope does not exist',
      );
    });
  });

  describe('AgreeToTransfer', () => {
    startFrom(created);

    it('keeps the buyer’s price in the buyer org’s collection and records the agreement', async () => {
      const result = await bob.with({ transient: value(300) }).submit('AgreeToTransfer');
      await expect(result).to.emit('TransferAgreed', { ID: 'a1' });
      expect(await myPrice(bob)).to.deep.equal({ AppraisedValue: 300, ID: 'a1' });
      expect((await alice.evaluate('ReadTransferAgreement', 'a1')).json<TransferAgreement>()).to.deep.equal({
        BuyerID: bobId,
        BuyerOrg: 'Org2MSP',
        ID: 'a1',
      });
      // Each org's peer holds only its own price: the seller's is still 300 and the buyer's is a separate record.
      expect(await myPrice(alice)).to.deep.equal({ AppraisedValue: 300, ID: 'a1' });
    });

    it('refuses a buyer of the owner’s own organization', async () => {
      const dave = alice.with({ as: await network().identity('Org1MSP', 'dave') });
      await expect(agree(dave, 300)).to.be.rejectedWithChaincodeError(
        500,
        'The buyer must be of another organization than the owner (Org1MSP)',
      );
    });

    it('refuses an unknown asset, missing input, and another org’s peer', async () => {
      await expect(
        bob
          .with({ transient: { asset_value: JSON.stringify({ assetID: 'nope', appraisedValue: 1 }) } })
          .submit('AgreeToTransfer'),
      ).to.be.rejectedWithChaincodeError(500, 'The asset nope does not exist');
      await expect(bob.submit('AgreeToTransfer')).to.be.rejectedWithChaincodeError(
        500,
        'asset_value must be a key in the transient map',
      );
      await expect(
        bob.with({ transient: value(300), endorsingOrganizations: ['Org1MSP'] }).submit('AgreeToTransfer'),
      ).to.be.rejectedWithChaincodeError(
        500,
        'client from org Org2MSP is not authorized to write private data on a peer of org Org1MSP',
      );
    });

    it('has no agreement to read before one is made', async () => {
      await expect(alice.evaluate('ReadTransferAgreement', 'a1')).to.be.rejectedWithChaincodeError(
        500,
        'No one has agreed to buy asset a1',
      );
    });
  });

  describe('TransferAsset', () => {
    startFrom(created);

    /**
     * A sale endorsed without the seller's organization deletes the seller's price from the seller's implicit
     * collection on a peer that is not a member of it: the seller's peer never receives that write, and on a real
     * network waits `peer.gossip.pvtData.pullRetryThreshold` (60 s) for it before committing the block, longer than
     * the gateway's commit-status deadline (60 s), so the client sees DEADLINE_EXCEEDED, not the validation code.
     * The in-memory peer commits at once. These tests run on the mock only until a real network can be given a
     * shorter threshold.
     */
    function skipOnNetworkWhenAPeerLacksPrivateData(test: Mocha.Context): void {
      if (network().target === 'network') test.skip();
    }

    it('sells to the buyer when both prices hash the same; endorsed by both orgs', async () => {
      await agree(bob, 300);
      const result = await transfer('Org2MSP').submit('TransferAsset');
      await expect(result).to.emit('AssetTransferred', { ID: 'a1', OwnerOrg: 'Org2MSP' });
      expect(await readAsset(alice)).to.deep.equal(a1(bobId, 'Org2MSP'));
      expect(await readAsset(bob)).to.deep.equal(a1(bobId, 'Org2MSP'));
      await expect(alice.evaluate('ReadMyPrice', 'a1')).to.be.rejectedWithChaincodeError(
        500,
        'Org1MSP holds no price for asset a1',
      );
      expect(await myPrice(bob)).to.deep.equal({ AppraisedValue: 300, ID: 'a1' });
      await expect(alice.evaluate('ReadTransferAgreement', 'a1')).to.be.rejectedWithChaincodeError(
        500,
        'No one has agreed to buy asset a1',
      );
      await expect(transfer('Org2MSP').submit('TransferAsset')).to.be.rejectedWithChaincodeError(
        500,
        'Only the owner of asset a1 may transfer it',
      );
    });

    it('is invalid with only the seller’s peers (the agreement is the buyer org’s key)', async () => {
      await agree(bob, 300);
      await expect(transfer('Org2MSP', ['Org1MSP']).submit('TransferAsset')).to.have.validationCode(
        'ENDORSEMENT_POLICY_FAILURE',
      );
      expect(await readAsset(bob)).to.deep.equal(a1(aliceId, 'Org1MSP'));
    });

    it('is invalid with only the buyer’s peers (the asset is the seller org’s key)', async function () {
      skipOnNetworkWhenAPeerLacksPrivateData(this);
      await agree(bob, 300);
      await expect(transfer('Org2MSP', ['Org2MSP']).submit('TransferAsset')).to.have.validationCode(
        'ENDORSEMENT_POLICY_FAILURE',
      );
      expect(await readAsset(bob)).to.deep.equal(a1(aliceId, 'Org1MSP'));
    });

    it('moves the key-level policy to the new owner: the old owner’s org alone cannot change the asset', async function () {
      skipOnNetworkWhenAPeerLacksPrivateData(this);
      await agree(bob, 300);
      await transfer('Org2MSP').submit('TransferAsset');
      await agree(alice, 300);
      const sellBack = bob.with({
        transient: { asset_owner: JSON.stringify({ assetID: 'a1', buyerMSP: 'Org1MSP' }) },
        endorsingOrganizations: ['Org1MSP'],
      });
      await expect(sellBack.submit('TransferAsset')).to.have.validationCode('ENDORSEMENT_POLICY_FAILURE');
      await expect(sellBack.with({ endorsingOrganizations: BOTH }).submit('TransferAsset')).to.have.validationCode(
        'VALID',
      );
      expect(await readAsset(alice)).to.deep.equal(a1(aliceId, 'Org1MSP'));
    });

    it('refuses when the prices differ, without either peer reading the other’s price', async () => {
      await agree(bob, 250);
      await expect(transfer('Org2MSP').submit('TransferAsset')).to.be.rejectedWithChaincodeError(
        500,
        'The prices of Org1MSP and Org2MSP for asset a1 differ: no transfer',
      );
      expect((await readAsset(bob)).OwnerOrg).to.equal('Org1MSP');
    });

    it('refuses without an agreement, to another buyer org, by a non-owner, and without input', async () => {
      await expect(transfer('Org2MSP').submit('TransferAsset')).to.be.rejectedWithChaincodeError(
        500,
        'No one has agreed to buy asset a1',
      );
      await agree(bob, 300);
      await expect(transfer('Org3MSP').submit('TransferAsset')).to.be.rejectedWithChaincodeError(
        500,
        'The buyer of asset a1 is of Org2MSP, not Org3MSP',
      );
      await expect(
        bob
          .with({
            transient: { asset_owner: JSON.stringify({ assetID: 'a1', buyerMSP: 'Org2MSP' }) },
            endorsingOrganizations: BOTH,
          })
          .submit('TransferAsset'),
      ).to.be.rejectedWithChaincodeError(500, 'Only the owner of asset a1 may transfer it');
      await expect(
        alice.with({ transient: { asset_owner: JSON.stringify({ assetID: 'a1' }) } }).submit('TransferAsset'),
      ).to.be.rejectedWithChaincodeError(500, 'buyerMSP must be a non-empty string');
    });

    it('is invalidated when the seller re-appraises in the same block (MVCC_READ_CONFLICT)', async () => {
      await agree(bob, 300);
      const [appraisal, sale] = await network().block([
        alice.with({ transient: value(400) }).endorse('AppraiseAsset'),
        transfer('Org2MSP').endorse('TransferAsset'),
      ]);
      await expect(appraisal).to.have.validationCode('VALID');
      // The sale read the hash of the seller's price, which changed earlier in the block.
      await expect(sale).to.have.validationCode('MVCC_READ_CONFLICT');
      expect(await readAsset(bob)).to.deep.equal(a1(aliceId, 'Org1MSP'));
    });

    it('is invalidated when a key it writes got a new endorsement policy earlier in the block', async () => {
      await agree(bob, 300);
      const [reAgreement, sale] = await network().block([
        bob.with({ transient: value(300) }).endorse('AgreeToTransfer'),
        transfer('Org2MSP').endorse('TransferAsset'),
      ]);
      await expect(reAgreement).to.have.validationCode('VALID');
      // The agreement's validation parameter was set again by the first transaction: the committing peer does not
      // know which policy the second was endorsed against, and invalidates it (validator_keylevel.go).
      await expect(sale).to.have.validationCode('ENDORSEMENT_POLICY_FAILURE');
    });
  });

  describe('AppraiseAsset', () => {
    startFrom(created);

    it('lets the owner change the appraisal in the owner org’s collection', async () => {
      await expect(alice.with({ transient: value(450) }).submit('AppraiseAsset')).to.emit('AssetAppraised', {
        ID: 'a1',
      });
      expect(await myPrice(alice)).to.deep.equal({ AppraisedValue: 450, ID: 'a1' });
    });

    it('refuses anyone but the owner, and another org’s peer', async () => {
      const dave = alice.with({ as: await network().identity('Org1MSP', 'dave') });
      await expect(dave.with({ transient: value(1) }).submit('AppraiseAsset')).to.be.rejectedWithChaincodeError(
        500,
        'Only the owner of asset a1 may appraise it',
      );
      await expect(
        alice.with({ transient: value(1), endorsingOrganizations: ['Org2MSP'] }).submit('AppraiseAsset'),
      ).to.be.rejectedWithChaincodeError(
        500,
        'client from org Org1MSP is not authorized to write private data on a peer of org Org2MSP',
      );
      await expect(alice.with({ transient: value(0) }).submit('AppraiseAsset')).to.be.rejectedWithChaincodeError(
        500,
        'appraisedValue must be a positive integer',
      );
    });
  });

  describe('contract metadata', () => {
    startFrom(deployed);

    it('describes its transactions through org.hyperledger.fabric:GetMetadata', async () => {
      const metadata = (await bob.evaluate('org.hyperledger.fabric:GetMetadata')).json<{
        contracts: Record<string, { transactions: { name: string }[] }>;
        components: { schemas: Record<string, unknown> };
      }>();
      expect(metadata.contracts.AssetTransferPrivate?.transactions.map((tx) => tx.name).sort()).to.deep.equal([
        'AgreeToTransfer',
        'AppraiseAsset',
        'CreateAsset',
        'ReadAsset',
        'ReadMyPrice',
        'ReadTransferAgreement',
        'TransferAsset',
        'WhoAmI',
      ]);
      expect(Object.keys(metadata.components.schemas).sort()).to.deep.equal([
        'Asset',
        'AssetPrice',
        'TransferAgreement',
      ]);
    });
  });

  // What a peer stores is the contract's own business: ReadAsset returns the asset as contract-api serializes it,
  // not the stored bytes, and no function lists the public world state. A client of a real network reads neither,
  // so these run on the in-memory peer, whose ledger a test may look at.
  describe('ledger contents (mock only: a real network’s stored bytes are not readable from a client)', () => {
    beforeEach(function () {
      if (network().target !== 'mock') this.skip();
    });

    startFrom(created);

    it('stores canonical JSON in the collections and nothing in the public world state', () => {
      const ledger = network().mock.ledger();
      expect(ledger.privateData(CC, 'assetCollection', 'a1')?.toString()).to.equal(
        JSON.stringify(a1(aliceId, 'Org1MSP')),
      );
      expect(ledger.privateData(CC, '_implicit_org_Org1MSP', 'a1')?.toString()).to.equal(
        '{"AppraisedValue":300,"ID":"a1"}',
      );
      expect(ledger.privateData(CC, '_implicit_org_Org2MSP', 'a1')).to.equal(undefined);
      // The appraisal came in the transient map, not in the arguments: nothing of it is public.
      expect(ledger.range(CC)).to.deep.equal([]);
    });
  });
});
