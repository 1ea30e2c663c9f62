// The sample on a real 2-org Fabric 2.5 network in containers (fabric-testkit's harness): CA-issued users, the
// chaincode served from this package as a service, fabric-gateway clients. The default endorsement policy
// (MAJORITY of 2 orgs) makes every submit need both orgs' peers.
import { resolve } from 'node:path';
import {
  FabricNetwork,
  skipWithoutFabricImages,
  type GatewayConnection,
  type StartedFabricNetwork,
  waitForBlock,
} from '@fabric-testkit/test-harness';
import {
  EndorseError,
  type ChaincodeEvent,
  type Contract,
  type Network,
  type SubmittedTransaction,
} from '@hyperledger/fabric-gateway';
import { common, msp, peer } from '@hyperledger/fabric-protos';
import { expect } from 'chai';
import type { Asset, AssetHistoryEntry, Owner } from '../../src';

const CHANNEL = 'assets';
const CHAINCODE = 'basic';

describe('asset-transfer-basic on a 2-org Fabric network', function () {
  this.timeout(180_000);

  let network: StartedFabricNetwork | undefined;
  const connections: GatewayConnection[] = [];
  let org1Channel: Network;
  let org2Channel: Network;
  let alice: Contract; // Org1MSP
  let bob: Contract; // Org2MSP
  let bobAsOwner: Owner;
  /** Every asset the suite created, in creation order: GetAllAssets must list exactly these. */
  const created: string[] = [];

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
    bobAsOwner = json<Owner>(await bob.evaluateTransaction('WhoAmI'));
  });

  after(async function () {
    for (const connection of connections) connection.close();
    await network?.stop();
  });

  /**
   * Submits and waits until the peers of both orgs have committed the block: the commit status comes from the
   * gateway's own peer, and the next transaction reads (and is endorsed) on both.
   */
  async function submit(contract: Contract, name: string, ...args: string[]): Promise<SubmittedTransaction> {
    const submitted = await contract.submitAsync(name, { arguments: args });
    const status = await submitted.getStatus();
    expect(status.successful, `${name} committed`).to.equal(true);
    await Promise.all([org1Channel, org2Channel].map((channel) => waitForBlock(channel, status.blockNumber)));
    return submitted;
  }

  async function create(id: string, color: string, size: number, value: number): Promise<SubmittedTransaction> {
    const submitted = await submit(alice, 'CreateAsset', id, color, String(size), String(value));
    created.push(id);
    return submitted;
  }

  it('creates an asset (submit) that both orgs read (evaluate), owned by the CA-issued creator', async () => {
    await create('asset1', 'blue', 5, 300);
    const expected = {
      ID: 'asset1',
      Color: 'blue',
      Size: 5,
      AppraisedValue: 300,
      Owner: { MSPID: 'Org1MSP', ID: json<Owner>(await alice.evaluateTransaction('WhoAmI')).ID },
    };
    expect(expected.Owner.ID).to.match(/^x509::.*CN=alice.*::/);
    expect(json(await alice.evaluateTransaction('ReadAsset', 'asset1'))).to.deep.equal(expected);
    expect(json(await bob.evaluateTransaction('ReadAsset', 'asset1'))).to.deep.equal(expected);
  });

  it('commits a transaction endorsed by a peer of each org', async () => {
    const txId = (await create('asset2', 'red', 3, 100)).getTransactionId();
    const processed = peer.ProcessedTransaction.deserializeBinary(
      await org1Channel.getContract('qscc').evaluateTransaction('GetTransactionByID', CHANNEL, txId),
    );
    expect(processed.getValidationcode()).to.equal(peer.TxValidationCode.VALID);
    expect(endorsingMsps(processed)).to.deep.equal(['Org1MSP', 'Org2MSP']);
  });

  it('delivers AssetCreated and AssetTransferred through the gateway chaincode events, with their payloads', async () => {
    const createdTx = await create('asset3', 'green', 7, 700);
    const transferTx = await submit(alice, 'TransferAsset', 'asset3', bobAsOwner.MSPID, bobAsOwner.ID);

    const events = await org1Channel.getChaincodeEvents(CHAINCODE, {
      startBlock: (await createdTx.getStatus()).blockNumber,
    });
    const received: ChaincodeEvent[] = [];
    try {
      for await (const event of events) {
        received.push(event);
        if (received.length === 2) break;
      }
    } finally {
      events.close();
    }
    const [first, second] = received;
    expect(first?.eventName).to.equal('AssetCreated');
    expect(first?.transactionId).to.equal(createdTx.getTransactionId());
    expect(json(first?.payload)).to.include({ ID: 'asset3', Color: 'green', Size: 7, AppraisedValue: 700 });
    expect(second?.eventName).to.equal('AssetTransferred');
    expect(second?.transactionId).to.equal(transferTx.getTransactionId());
    expect(json(second?.payload)).to.deep.include({ ID: 'asset3', To: bobAsOwner });
  });

  it('transfers to a user of the other org, who may then update it while the old owner may not', async () => {
    await create('asset4', 'white', 1, 10);
    await submit(alice, 'TransferAsset', 'asset4', bobAsOwner.MSPID, bobAsOwner.ID);
    expect(json<Asset>(await alice.evaluateTransaction('ReadAsset', 'asset4')).Owner).to.deep.equal(bobAsOwner);

    const error = await alice.submitTransaction('UpdateAsset', 'asset4', 'black', '2', '20').then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(error).to.be.instanceOf(EndorseError);
    const expected = 'alice@Org1MSP may not update asset asset4: it is owned by bob@Org2MSP';
    if (error instanceof EndorseError) {
      expect(error.details.map((d) => d.message)).to.include(`chaincode response 500, ${expected}`);
    }

    await submit(bob, 'UpdateAsset', 'asset4', 'black', '2', '20');
    expect(json(await alice.evaluateTransaction('ReadAsset', 'asset4'))).to.deep.include({ Color: 'black', Size: 2 });
  });

  it('returns the history newest first, each version with the transaction that wrote it', async () => {
    const createTx = await create('asset5', 'yellow', 2, 50);
    const transfer = await submit(alice, 'TransferAsset', 'asset5', bobAsOwner.MSPID, bobAsOwner.ID);

    const history = json<AssetHistoryEntry[]>(await bob.evaluateTransaction('GetAssetHistory', 'asset5'));
    expect(history.map((h) => h.TxId)).to.deep.equal([transfer.getTransactionId(), createTx.getTransactionId()]);
    expect(history.map((h) => [h.IsDelete, h.Asset?.Owner.MSPID])).to.deep.equal([
      [false, 'Org2MSP'],
      [false, 'Org1MSP'],
    ]);
  });

  it('lists every asset in key order with GetAllAssets', async () => {
    const all = json<Asset[]>(await bob.evaluateTransaction('GetAllAssets'));
    expect(all.map((a) => a.ID)).to.deep.equal([...created].sort());
    expect(all.find((a) => a.ID === 'asset1')).to.deep.include({ Color: 'blue', Size: 5, AppraisedValue: 300 });
  });
});

function json<T = Record<string, unknown>>(bytes: Uint8Array | undefined): T {
  return JSON.parse(Buffer.from(bytes ?? new Uint8Array()).toString('utf8')) as T;
}

/** The MSP IDs of the endorsers of a committed transaction's first action, sorted. */
function endorsingMsps(processed: peer.ProcessedTransaction): string[] {
  const payload = common.Payload.deserializeBinary(
    processed.getTransactionenvelope()?.getPayload_asU8() ?? new Uint8Array(),
  );
  const transaction = peer.Transaction.deserializeBinary(payload.getData_asU8());
  const action = peer.ChaincodeActionPayload.deserializeBinary(
    transaction.getActionsList()[0]?.getPayload_asU8() ?? new Uint8Array(),
  );
  return (action.getAction()?.getEndorsementsList() ?? [])
    .map((e) => msp.SerializedIdentity.deserializeBinary(e.getEndorser_asU8()).getMspid())
    .sort();
}
