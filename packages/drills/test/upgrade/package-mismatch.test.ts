import { expect } from 'chai';
import { runPackageMismatchDrill } from '../../src/upgrade/package-mismatch-drill';
import { printed, skipWithoutImages, stepOf, withDrillNetwork } from '../support/network';

describe('package mismatch drill (containers)', function () {
  this.timeout(600_000);

  before(async function () {
    await skipWithoutImages(this);
  });

  it('an approved package ID no peer installed: the gateway finds no peer to evaluate on; a new sequence fixes it', async () => {
    await withDrillNetwork({ organizations: 1 }, async (target) => {
      const report = printed(await runPackageMismatchDrill(target));
      expect(report.passed, 'every step passed').to.equal(true);
      const ids = stepOf(report, 'the package ID to approve is not the installed one').evidence;
      expect(stepOf(report, 'install v2 on every peer, start its server').evidence.packageId).to.equal(ids.installed);
      expect(String(stepOf(report, 'invocations fail: the approved package is not installed').evidence.error)).to.match(
        /^9 FAILED_PRECONDITION: no peers available to evaluate chaincode asset-upgrade in channel drills/,
      );
      expect(stepOf(report, 'commit v2 (sequence 3)').passed).to.equal(true);
      expect(stepOf(report, 'v2 answers').evidence.answers).to.deep.equal(['Org1MSP=v2']);
    });
  });
});
