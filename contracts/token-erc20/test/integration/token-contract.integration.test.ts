// The token on a real 2-org Fabric 2.5 network in containers (fabric-testkit's harness): the minter role is a
// Fabric CA attribute (role=minter, ecert) that the chaincode reads from the caller's certificate.
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
import { expect } from 'chai';
import { MINT_ADDRESS } from '../../src';

const CHANNEL = 'tokens';
const CHAINCODE = 'erc20';

describe('token-erc20 on a 2-org Fabric network', function () {
  this.timeout(180_000);

  let network: StartedFabricNetwork | undefined;
  const connections: GatewayConnection[] = [];
  let org1Channel: Network;
  let org2Channel: Network;
  let minter: Contract; // Org1MSP, role=minter in its certificate
  let plain: Contract; // Org1MSP, no attributes
  let recipient: Contract; // Org2MSP
  let minterAccount: string;
  let recipientAccount: string;

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
    const org1 = network.organization('org1');
    const minterId = await org1.registerUser({
      name: 'minter1',
      attributes: [{ name: 'role', value: 'minter', ecert: true }],
    });
    const plainId = await org1.registerUser({ name: 'user1' });
    const recipientId = await network.organization('org2').registerUser({ name: 'user2' });

    const asMinter = network.connectGateway('org1', minterId);
    connections.push(asMinter);
    const asPlain = network.connectGateway('org1', plainId);
    connections.push(asPlain);
    const asRecipient = network.connectGateway('org2', recipientId);
    connections.push(asRecipient);
    org1Channel = asMinter.gateway.getNetwork(CHANNEL);
    minter = org1Channel.getContract(CHAINCODE);
    plain = asPlain.gateway.getNetwork(CHANNEL).getContract(CHAINCODE);
    org2Channel = asRecipient.gateway.getNetwork(CHANNEL);
    recipient = org2Channel.getContract(CHAINCODE);
    minterAccount = text(await minter.evaluateTransaction('ClientAccountID'));
    recipientAccount = text(await recipient.evaluateTransaction('ClientAccountID'));

    await submit(minter, 'Initialize', 'Testkit Token', 'TTK', '2');
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

  after(async function () {
    for (const connection of connections) connection.close();
    await network?.stop();
  });

  it('lets the user whose CA certificate has role=minter mint; the Transfer event comes from the zero address', async () => {
    const mint = await submit(minter, 'Mint', '1000');
    const status = await mint.getStatus();

    const event = await firstEvent(org1Channel, status.blockNumber);
    expect(event.eventName).to.equal('Transfer');
    expect(event.transactionId).to.equal(mint.getTransactionId());
    expect(json(event.payload)).to.deep.equal({ from: MINT_ADDRESS, to: minterAccount, value: 1000 });
    expect(json(await recipient.evaluateTransaction('TotalSupply'))).to.equal(1000);
    expect(json(await recipient.evaluateTransaction('BalanceOf', minterAccount))).to.equal(1000);
  });

  it('refuses to mint for a user of the same org without the attribute, with the chaincode message', async () => {
    const error = await plain.submitTransaction('Mint', '5').then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(error).to.be.instanceOf(EndorseError);
    if (error instanceof EndorseError) {
      expect(error.details.map((d) => d.message)).to.include(
        'chaincode response 500, client is not authorized to mint new tokens: it needs the attribute role=minter',
      );
    }
    expect(json(await plain.evaluateTransaction('TotalSupply'))).to.equal(1000);
  });

  it('transfers to a user of the other org; both orgs see the balances and the Transfer event names both accounts', async () => {
    const transfer = await submit(minter, 'Transfer', recipientAccount, '300');
    const status = await transfer.getStatus();
    expect(json(transfer.getResult())).to.equal(true);

    const event = await firstEvent(org1Channel, status.blockNumber);
    expect(event.eventName).to.equal('Transfer');
    expect(event.transactionId).to.equal(transfer.getTransactionId());
    expect(json(event.payload)).to.deep.equal({ from: minterAccount, to: recipientAccount, value: 300 });

    expect(json(await recipient.evaluateTransaction('ClientAccountBalance'))).to.equal(300);
    expect(json(await minter.evaluateTransaction('ClientAccountBalance'))).to.equal(700);
    expect(json(await minter.evaluateTransaction('BalanceOf', recipientAccount))).to.equal(300);
  });
});

/** The first chaincode event at or after `startBlock`. */
async function firstEvent(channel: Network, startBlock: bigint): Promise<ChaincodeEvent> {
  const events = await channel.getChaincodeEvents(CHAINCODE, { startBlock });
  try {
    for await (const event of events) return event;
  } finally {
    events.close();
  }
  throw new Error(`no chaincode event from block ${startBlock}`);
}

function text(bytes: Uint8Array): string {
  return Buffer.from(bytes).toString('utf8');
}

function json(bytes: Uint8Array): unknown {
  return JSON.parse(text(bytes));
}
