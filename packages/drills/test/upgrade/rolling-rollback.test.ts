import { expect } from 'chai';
import { runRollbackDrill } from '../../src/upgrade/rollback-drill';
import { runRollingUpgradeDrill } from '../../src/upgrade/rolling-upgrade-drill';
import { printed, skipWithoutImages, stepOf, withDrillNetwork } from '../support/network';

describe('rolling upgrade and rollback drills (containers)', function () {
  this.timeout(600_000);

  before(async function () {
    await skipWithoutImages(this);
  });

  it('rolling upgrade: a client submitting throughout gets v1 then v2 answers; none lost or double-applied', async () => {
    await withDrillNetwork({ organizations: 1 }, async (target) => {
      const report = printed(await runRollingUpgradeDrill(target));
      expect(report.passed, 'every step passed').to.equal(true);
      expect(report.figures.transactionsToV1).to.be.greaterThan(0);
      expect(report.figures.transactionsToV2).to.be.greaterThan(0);
      expect(report.figures).to.deep.include({ transactionsLost: 0, transactionsDoubleApplied: 0 });
      const ledger = stepOf(report, 'stop the client; ledger: none lost, none double-applied').evidence;
      expect(ledger.submitted).to.equal(
        Number(report.figures.transactionsToV1) +
          Number(report.figures.transactionsToV2) +
          Number(report.figures.transactionsFailed),
      );
    });
  });

  it('rollback: v1 code redeployed as sequence 3 answers, reads v2-written records, serves without v2', async () => {
    await withDrillNetwork({ organizations: 1 }, async (target) => {
      const report = printed(await runRollbackDrill(target));
      expect(report.passed, 'every step passed').to.equal(true);
      expect(stepOf(report, 'commit v1 (sequence 3)').evidence.sequence).to.equal(3);
      const read = stepOf(report, 'v1 reads its records and the one v2 rewrote').evidence;
      expect(read.committed).to.equal('v1 sequence 3');
      expect(JSON.parse(String(read['asset-1']))).to.deep.include({ AppraisedValue: 250, SchemaVersion: 2 });
      expect(stepOf(report, 'stop the v2 server; v1 creates an asset').evidence.v2Running).to.equal(false);
    });
  });
});
