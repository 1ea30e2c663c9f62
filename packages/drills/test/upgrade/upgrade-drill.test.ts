import { expect } from 'chai';
import { runUpgradeDrill } from '../../src/upgrade/upgrade-drill';
import { printed, skipWithoutImages, stepOf, withDrillNetwork } from '../support/network';

describe('upgrade drill (containers)', function () {
  this.timeout(600_000);

  before(async function () {
    await skipWithoutImages(this);
  });

  it('upgrades asset-upgrade v1 to v2 on one org: v1 records intact, v2 answers, v2 serves without v1', async () => {
    await withDrillNetwork({ organizations: 1, batchTimeout: '100ms' }, async (target) => {
      const report = printed(await runUpgradeDrill(target));
      expect(report.passed, 'every step passed').to.equal(true);
      expect(report.steps.map((s) => s.name)).to.deep.equal([
        'install v1 on every peer, start its server',
        'approve v1 (sequence 1)',
        'commit v1 (sequence 1)',
        'v1 answers',
        'v1 creates 3 assets',
        'install v2 on every peer, start its server',
        'approve v2 (sequence 2)',
        'check commit readiness',
        'commit v2 (sequence 2)',
        'v2 answers',
        'v1 records intact under v2',
        'stop the v1 server',
        'v2 serves without v1: AppraiseAsset commits',
      ]);
      expect(stepOf(report, 'v1 answers').evidence.answers).to.deep.equal(['Org1MSP=v1']);
      expect(stepOf(report, 'v2 answers').evidence.answers).to.deep.equal(['Org1MSP=v2']);
      expect(stepOf(report, 'stop the v1 server').evidence.v1Running).to.equal(false);
      expect(stepOf(report, 'install v2 on every peer, start its server').evidence.packageId).to.match(
        /^asset-upgrade_v2:[0-9a-f]{64}$/,
      );
      expect(report.figures.upgradeSeconds).to.be.a('number').and.greaterThan(0);
      const height = report.metrics[0]?.ledgerHeight.drills;
      expect(height, 'ledger height from /metrics').to.be.a('number').and.greaterThan(4);
    });
  });

  it('upgrades on two orgs: both approve, readiness shows both, both gateways answer v2', async () => {
    await withDrillNetwork({ organizations: 2 }, async (target) => {
      const report = printed(await runUpgradeDrill(target, { assets: 2 }));
      expect(report.passed, 'every step passed').to.equal(true);
      expect(stepOf(report, 'check commit readiness').evidence.approvals).to.deep.equal([
        'Org1MSP=true',
        'Org2MSP=true',
      ]);
      expect(stepOf(report, 'v2 answers').evidence.answers).to.deep.equal(['Org1MSP=v2', 'Org2MSP=v2']);
      expect(report.metrics.map((m) => m.peer)).to.deep.equal(['peer0.org1', 'peer0.org2']);
    });
  });
});
