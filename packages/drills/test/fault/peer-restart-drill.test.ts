import { expect } from 'chai';
import { runPeerRestartDrill } from '../../src/fault/peer-restart-drill';
import { printed, skipWithoutImages, stepOf, withDrillNetwork } from '../support/network';

describe('peer restart drill (containers)', function () {
  this.timeout(600_000);

  before(async function () {
    await skipWithoutImages(this);
  });

  it('stops a peer, commits while it is down, restarts it: ledger kept, caught up, a new client reads and submits', async () => {
    await withDrillNetwork({ organizations: 1, peersPerOrganization: 2 }, async (target) => {
      const report = printed(await runPeerRestartDrill(target));
      expect(report.passed, 'every step passed').to.equal(true);
      const stopped = stepOf(report, 'stop peer1.org1').evidence;
      expect(stopped.metricsDown).to.equal(true);
      const caughtUp = stepOf(report, 'peer1.org1 catches up with peer0.org1').evidence;
      expect(caughtUp.heightNow).to.be.at.least(Number(caughtUp.peer0Height));
      expect(Number(caughtUp.heightNow)).to.be.greaterThan(Number(stopped.heightBefore));
      expect(stepOf(report, 'a client reconnects to peer1.org1: reads and submits').evidence.read).to.equal(
        'while-down owner=nobody',
      );
    });
  });
});
