/**
 * `network.explore()` on both targets: the same explorer model from the mock's records and from a real peer's
 * blocks (qscc), so an MVCC conflict must be explained alike on both: the key, the version read, and the
 * transaction earlier in the block that changed it.
 */
import * as path from 'node:path';
import { expect } from 'chai';
import { fabricImagesMissing } from '@fabric-testkit/test-harness';
import {
  createNetwork,
  type RunningExplorer,
  type StartedNetwork,
  type TargetName,
  type TransactionResult,
} from '../src';

const modulePath = path.resolve(__dirname, '..', '..', 'test', 'fixtures', 'kv-package');

/** `k` put, then two appends to it endorsed on the same state and ordered into one block: the second conflicts. */
async function twoAppendsInOneBlock(
  network: StartedNetwork,
): Promise<{ put: TransactionResult; first: TransactionResult; second: TransactionResult }> {
  await network.deploy({ name: 'kv', modulePath });
  const alice = await network.identity('Org1MSP', 'alice', { attributes: { role: 'auditor' } });
  const cc = network.chaincode('kv', { as: alice });
  const put = await cc.submit('Put', 'k', 'v');
  const [first, second] = await network.block([cc.endorse('Append', 'k', '+1'), cc.endorse('Append', 'k', '+2')]);
  if (first === undefined || second === undefined) throw new Error('network.block gave fewer than two results');
  return { put, first, second };
}

for (const target of ['mock', 'network'] as const satisfies readonly TargetName[]) {
  describe(`network.explore(): ${target}`, function () {
    let network: StartedNetwork | undefined;
    let explorer: RunningExplorer | undefined;

    before(async function () {
      if (target === 'network') {
        this.timeout(300_000);
        if ((await fabricImagesMissing()) !== undefined) this.skip();
      }
      network = await createNetwork({ target })
        .withOrganizations('Org1MSP', 'Org2MSP')
        .withChannel('mychannel')
        .start();
    });

    after(async function () {
      this.timeout(60_000);
      await explorer?.close();
      await network?.stop();
    });

    it('explains an MVCC conflict with the key, the version read and the transaction that changed it', async function () {
      this.timeout(target === 'network' ? 180_000 : 10_000);
      if (network === undefined) throw new Error('the network did not start');
      const { put, first, second } = await twoAppendsInOneBlock(network);
      expect(second.validationCode).to.equal('MVCC_READ_CONFLICT');

      explorer = await network.explore();
      await explorer.refresh();
      expect(explorer.url).to.match(/^http:\/\/127\.0\.0\.1:\d+\/$/);
      const [channel] = explorer.explorer.channels;
      if (channel === undefined) throw new Error('the explorer shows no channel');
      const transactions = explorer.explorer.blocks(channel).flatMap((block) => block.transactions);
      const conflicted = transactions.find((tx) => tx.txId === second.txId);
      expect(conflicted).to.deep.include({ validationCode: 'MVCC_READ_CONFLICT', chaincode: 'kv', function: 'Append' });
      expect(conflicted?.args).to.deep.equal(['k', '+2']);
      expect(conflicted?.creator.mspId).to.equal('Org1MSP');
      expect(conflicted?.creator.subject).to.contain('CN=alice');
      expect(conflicted?.creator.attributes).to.include({ role: 'auditor' });
      const putTx = transactions.find((tx) => tx.txId === put.txId);
      expect(conflicted?.explanation?.conflicts).to.deep.include({
        namespace: 'kv',
        key: 'k',
        versionRead: { blockNumber: put.blockNumber, txNumber: putTx?.txNumber ?? -1 },
        changedBy: { txId: first.txId, blockNumber: first.blockNumber, txNumber: 0, isDelete: false },
      });
      const definitions = explorer.explorer.overview().channels[0]?.chaincodeDefinitions ?? [];
      expect(definitions.find((d) => d.name === 'kv')).to.deep.include({ name: 'kv', version: '1.0', sequence: 1 });
    });
  });
}
