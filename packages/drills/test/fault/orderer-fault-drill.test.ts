import { expect } from 'chai';
import { runOrdererFaultDrill } from '../../src/fault/orderer-fault-drill';
import { printed, skipWithoutImages, withDrillNetwork } from '../support/network';

describe('orderer fault drill (containers, 3 Raft orderers)', function () {
  this.timeout(600_000);

  before(async function () {
    await skipWithoutImages(this);
  });

  it('one orderer down: commits; two down: submit fails with a message; one back: commits again', async () => {
    await withDrillNetwork({ organizations: 1, orderers: 3 }, async (target) => {
      const report = printed(await runOrdererFaultDrill(target));
      expect(report.passed, 'every step passed').to.equal(true);
      const steps = report.steps.slice(-4);
      expect(steps[0]?.name).to.match(/^stop orderer\d\.orderer; a transaction commits$/);
      expect(steps[0]?.evidence.blockNumber).to.be.a('number');
      expect(steps[1]?.name).to.match(/^stop orderer\d\.orderer; once no leader is left, a submit fails$/);
      expect(String(steps[1]?.evidence.error)).to.match(
        /^14 UNAVAILABLE: no orderers could successfully process transaction/,
      );
      console.log(`      submit error with two orderers down: ${String(steps[1]?.evidence.error)}`);
      expect(steps[2]?.evidence.blockNumber).to.be.greaterThan(Number(steps[0]?.evidence.blockNumber));
      expect(steps[3]?.evidence.blockNumber).to.be.greaterThan(Number(steps[2]?.evidence.blockNumber));
    });
  });
});
