import { expect } from 'chai';
import { runInitRequiredDrill } from '../../src/upgrade/init-required-drill';
import { printed, skipWithoutImages, stepOf, withDrillNetwork } from '../support/network';

describe('init-required drill (containers)', function () {
  this.timeout(600_000);

  before(async function () {
    await skipWithoutImages(this);
  });

  it('an init-required definition: invoke before init fails, init commits, then invokes work, second init refused', async () => {
    await withDrillNetwork({ organizations: 1 }, async (target) => {
      const report = printed(await runInitRequiredDrill(target));
      expect(report.passed, 'every step passed').to.equal(true);
      expect(String(stepOf(report, 'invoking before init fails').evidence.error)).to.match(/init/i);
      expect(stepOf(report, 'init transaction (is_init) creates the first asset').evidence.blockNumber).to.be.a(
        'number',
      );
      expect(
        String(stepOf(report, 'after init, invokes work and a second init is refused').evidence.secondInit),
      ).to.match(/already initialized/i);
    });
  });
});
