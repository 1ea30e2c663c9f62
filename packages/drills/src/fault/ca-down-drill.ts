import { describeError, submitWithEvidence } from '../chaincode/transactions';
import type { StartedDrillNetwork } from '../network/drill-network';
import { DrillStepError, type DrillReport } from '../report/drill-report';
import { ASSET_UPGRADE } from '../upgrade/asset-upgrade';
import { deployVersion } from '../upgrade/deploy-steps';
import { runDrill } from '../upgrade/upgrade-drill';

/**
 * The CA-down drill (first organization): a user is registered and enrolled; the organization's CA is stopped;
 * the user's existing certificate keeps working for transactions, while enrollment fails with the client's
 * error; the CA is started again and the user re-enrolls, which needs the registration the CA kept.
 */
export function runCaDownDrill(target: StartedDrillNetwork): Promise<DrillReport> {
  return runDrill('ca-down', target, async (state) => {
    const org = target.network.organizations[0];
    const caNode = target.network.cas.find((c) => c.name === `ca.${org?.name ?? ''}`);
    if (!org || !caNode) throw new Error('the CA drill needs an organization with its CA');
    await deployVersion(state, 'v1');
    const user = await state.recorder.step('register and enroll drill-user', async () => {
      const identity = await org.registerUser({ name: 'drill-user' });
      return { value: identity, evidence: { mspId: identity.mspId } };
    });
    await state.recorder.step(`stop ${caNode.name}`, async () => {
      await caNode.stop();
      const down = await org.ca.getCaInfo().then(
        () => '',
        (e: unknown) => describeError(e),
      );
      if (down === '') throw new DrillStepError('the CA still answers');
      return { value: undefined, evidence: { cainfo: down } };
    });
    await state.recorder.step('drill-user still submits with its certificate', async () => {
      await using connection = target.network.connectGateway(org.name, user);
      const contract = connection.gateway.getNetwork(target.channel).getContract(ASSET_UPGRADE);
      const tx = await submitWithEvidence(() =>
        contract.submitAsync('CreateAsset', { arguments: ['ca-down', 'teal', '1', 'drill-user'] }),
      );
      return { value: undefined, evidence: { ...tx } };
    });
    await state.recorder.step('enrollment fails while the CA is down', async () => {
      try {
        await org.ca.enroll({ enrollmentId: 'drill-user', secret: 'any' });
      } catch (e) {
        return { value: undefined, evidence: { error: describeError(e) } };
      }
      throw new DrillStepError('enrollment succeeded with the CA stopped');
    });
    await state.recorder.step(`start ${caNode.name}`, async () => {
      await caNode.start();
      const info = await org.ca.getCaInfo();
      return { value: undefined, evidence: { operationsUrl: caNode.operationsUrl, caVersion: info.version } };
    });
    await state.recorder.step('drill-user re-enrolls: the CA kept its registration', async () => {
      const enrollment = await org.ca.reenroll({ ...user, caChain: '' });
      if (!enrollment.certificate.includes('BEGIN CERTIFICATE')) throw new DrillStepError('no certificate returned');
      return {
        value: undefined,
        evidence: { reenrolled: 'drill-user', newCertificate: enrollment.certificate !== user.certificate },
      };
    });
  });
}
