import { expect } from 'chai';
import { runEndorsementPolicyDrill } from '../../src/upgrade/endorsement-policy-drill';
import { printed, skipWithoutImages, stepOf, withDrillNetwork } from '../support/network';

describe('endorsement policy drill (containers, two orgs)', function () {
  this.timeout(600_000);

  before(async function () {
    await skipWithoutImages(this);
  });

  it('majority -> any org -> majority: one-org endorsements invalid, valid, invalid again', async () => {
    await withDrillNetwork({ organizations: 2 }, async (target) => {
      const report = printed(await runEndorsementPolicyDrill(target));
      expect(report.passed, 'every step passed').to.equal(true);
      expect(stepOf(report, 'majority: endorsed by Org1MSP is invalid').evidence.validation).to.equal(
        'ENDORSEMENT_POLICY_FAILURE',
      );
      expect(stepOf(report, 'any org: endorsed by Org1MSP is valid').evidence.validation).to.equal('VALID');
      expect(stepOf(report, 'majority again: endorsed by Org1MSP is invalid').evidence.validation).to.equal(
        'ENDORSEMENT_POLICY_FAILURE',
      );
      expect(stepOf(report, 'majority again: endorsed by Org1MSP + Org2MSP is valid').evidence.validation).to.equal(
        'VALID',
      );
      expect(stepOf(report, "policy -> OR('Org1MSP.peer', 'Org2MSP.peer') (sequence 2)").passed).to.equal(true);
      expect(stepOf(report, 'policy -> /Channel/Application/Endorsement (sequence 3)').passed).to.equal(true);
    });
  });
});
