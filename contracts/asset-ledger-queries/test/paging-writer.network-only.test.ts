// Network only: a paginated query and a write in one transaction (S-15), with the peer's exact refusal. The sample
// never combines them, so a test-only raw chaincode (paging-writer-chaincode.ts) runs the sample's own methods two
// at a time. The two-target API deploys contract packages (modulePath) only, so this file starts its own network
// with @fabric-testkit/test-harness directly. On the mock the same rule is checked with network.mock.context(), in
// query-contract.test.ts.
import { resolve } from 'node:path';
import { targetFromEnvironment } from '@fabric-testkit/network';
import {
  FabricNetwork,
  skipWithoutFabricImages,
  type GatewayConnection,
  type StartedFabricNetwork,
} from '@fabric-testkit/test-harness';
import { EndorseError, type Contract } from '@hyperledger/fabric-gateway';
import { expect } from 'chai';

const CHANNEL = 'assets';
const PAGING_WRITER = 'paging-writer';

// The peer's texts (Fabric 2.5), transaction IDs replaced by <txid>. The mock's tests match only their tails.
const PAGE_THEN_WRITE =
  'PUT_STATE failed: transaction ID: <txid>: txid [<txid>]: unsuppored transaction. ' +
  'Transaction has already performed a paginated query. Writes are not allowed';
const WRITE_THEN_PAGE =
  'GET_STATE_BY_RANGE failed: transaction ID: <txid>: txid [<txid>]: unsuppored transaction. ' +
  'Paginated queries are supported only in a read-only transaction';

describe('a paginated query and a write in one transaction, on a real network (network only)', function () {
  this.timeout(180_000);

  let network: StartedFabricNetwork | undefined;
  let connection: GatewayConnection | undefined;
  let writer: Contract;

  before(async function () {
    // The mock has no raw chaincode deploy through the two-target API; query-contract.test.ts checks it there.
    if (targetFromEnvironment() !== 'network') this.skip();
    await skipWithoutFabricImages(this);
    network = await new FabricNetwork()
      .withOrganization({ name: 'org1' })
      .withOrganization({ name: 'org2' })
      .withChannel({ name: CHANNEL })
      .withChaincode({
        name: PAGING_WRITER,
        channel: CHANNEL,
        chaincode: {
          modulePath: resolve(__dirname, 'paging-writer-chaincode.js'),
          exportName: 'PagingWriterChaincode',
        },
      })
      .start();
    const alice = await network.organization('org1').registerUser({ name: 'alice' });
    connection = network.connectGateway('org1', alice);
    writer = connection.gateway.getNetwork(CHANNEL).getContract(PAGING_WRITER);
  });

  after(async function () {
    connection?.close();
    await network?.stop();
  });

  it('refuses it in either order, with the peer’s text', async () => {
    await writer.submitTransaction('CreateAsset', 'w1', 'Tom');
    // The gateway stops at the first refusing endorser: one detail, from Org1's peer.
    expect(await endorseRejection(writer, 'PageThenWrite', 'w1', 'Zoe')).to.deep.equal([
      `chaincode response 500, ${PAGE_THEN_WRITE}`,
    ]);
    expect(await endorseRejection(writer, 'WriteThenPage', 'w1', 'Zoe')).to.deep.equal([
      `chaincode response 500, ${WRITE_THEN_PAGE}`,
    ]);
  });
});

/** The endorsement error details of a submit the peers refuse, transaction IDs replaced by `<txid>`. */
async function endorseRejection(contract: Contract, name: string, ...args: string[]): Promise<string[]> {
  const error = await contract.submitTransaction(name, ...args).then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).to.be.instanceOf(EndorseError);
  return error instanceof EndorseError
    ? error.details.map((d) => d.message.replace(/\b[0-9a-f]{64}\b/g, '<txid>'))
    : [];
}
