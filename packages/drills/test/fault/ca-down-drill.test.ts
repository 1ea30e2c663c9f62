import { expect } from 'chai';
import { runCaDownDrill } from '../../src/fault/ca-down-drill';
import { printed, skipWithoutImages, stepOf, withDrillNetwork } from '../support/network';

describe('CA down drill (containers)', function () {
  this.timeout(600_000);

  before(async function () {
    await skipWithoutImages(this);
  });

  it('CA stopped: the enrolled user still transacts, enrollment fails; CA restarted: the user re-enrolls', async () => {
    await withDrillNetwork({ organizations: 1 }, async (target) => {
      const report = printed(await runCaDownDrill(target));
      expect(report.passed, 'every step passed').to.equal(true);
      expect(stepOf(report, 'drill-user still submits with its certificate').evidence.blockNumber).to.be.a('number');
      expect(String(stepOf(report, 'enrollment fails while the CA is down').evidence.error)).to.match(
        /ECONNREFUSED|socket hang up|ECONNRESET/,
      );
      expect(stepOf(report, 'start ca.org1').evidence.caVersion).to.equal('1.5.21');
      expect(stepOf(report, 'drill-user re-enrolls: the CA kept its registration').evidence.newCertificate).to.equal(
        true,
      );
    });
  });
});
