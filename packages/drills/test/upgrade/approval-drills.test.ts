import { expect } from 'chai';
import { runDifferingApprovalsDrill, runPartialApprovalDrill } from '../../src/upgrade/approval-drills';
import { printed, skipWithoutImages, stepOf, withDrillNetwork } from '../support/network';

describe('approval drills (containers, two orgs)', function () {
  this.timeout(600_000);

  before(async function () {
    await skipWithoutImages(this);
  });

  it('partial approval: readiness shows Org2 missing, the commit is refused with the peer message, v1 serves', async () => {
    await withDrillNetwork({ organizations: 2 }, async (target) => {
      const report = printed(await runPartialApprovalDrill(target));
      expect(report.passed, 'every step passed').to.equal(true);
      expect(stepOf(report, 'readiness shows the missing approvals').evidence.approvals).to.deep.equal([
        'Org1MSP=true',
        'Org2MSP=false',
      ]);
      const refused = stepOf(report, 'commit v2 (sequence 2) is refused').evidence;
      expect(refused.peerMessages).to.have.length(1);
      expect(String(refused.peerMessages)).to.match(
        /^Org2MSP: .*chaincode definition not agreed to by this org \(Org2MSP\)/,
      );
      expect(stepOf(report, 'v1 answers').evidence.answers).to.deep.equal(['Org1MSP=v1', 'Org2MSP=v1']);
      expect(stepOf(report, 'v1 still committed, its data intact').evidence).to.deep.include({
        version: 'v1',
        sequence: 1,
      });
    });
  });

  it('differing approvals: readiness shows the mismatch both ways, commit refused, then agreed and committed', async () => {
    await withDrillNetwork({ organizations: 2 }, async (target) => {
      const report = printed(await runDifferingApprovalsDrill(target));
      expect(report.passed, 'every step passed').to.equal(true);
      expect(stepOf(report, 'readiness of the default-policy definition').evidence.approvals).to.deep.equal([
        'Org1MSP=true',
        'Org2MSP=false',
      ]);
      expect(stepOf(report, 'readiness of the Writers-policy definition').evidence.approvals).to.deep.equal([
        'Org1MSP=false',
        'Org2MSP=true',
      ]);
      expect(stepOf(report, 'v2 answers').evidence.answers).to.deep.equal(['Org1MSP=v2', 'Org2MSP=v2']);
    });
  });
});
