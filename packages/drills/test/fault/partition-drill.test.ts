import { expect } from 'chai';
import { runPartitionDrill } from '../../src/fault/partition-drill';
import { printed, skipWithoutImages, stepOf, withDrillNetwork } from '../support/network';

describe('partition drill (containers)', function () {
  this.timeout(600_000);

  before(async function () {
    await skipWithoutImages(this);
  });

  it('a partitioned peer misses a block, catches up when healed, and serves the write', async () => {
    await withDrillNetwork({ organizations: 1, peersPerOrganization: 2 }, async (target) => {
      const report = printed(await runPartitionDrill(target));
      expect(report.passed, 'every step passed').to.equal(true);
      const during = stepOf(report, 'submit through peer0.org1 during the partition').evidence;
      expect(during.peer1Height === 'unreachable' || Number(during.peer1Height) <= Number(during.blockNumber)).to.equal(
        true,
      );
      const healed = stepOf(report, 'heal: reconnect peer1.org1; it catches up').evidence;
      expect(Number(healed.heightNow)).to.be.greaterThan(Number(during.blockNumber));
      expect(
        stepOf(report, 'a client connected to peer1.org1 reads the write made during the partition').evidence.read,
      ).to.equal('partitioned owner=nobody');
    });
  });
});
