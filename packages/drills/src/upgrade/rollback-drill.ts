import { queryCommitted } from '@fabric-testkit/test-harness';
import { submitWithEvidence, type DrillTarget } from '../chaincode/transactions';
import { DrillStepError, type DrillReport } from '../report/drill-report';
import { ASSET_UPGRADE, readAsset } from './asset-upgrade';
import { answersStep, deployVersion, organizationsOf, stopServers } from './deploy-steps';
import { createAssetsStep, runDrill, upgradeToV2 } from './upgrade-drill';

/**
 * The rollback drill: v1 → v2 (v2 appraises an asset, writing its layout), then "rolls back" by deploying the
 * v1 code again as the next sequence (3). v1 answers again, reads both the records it wrote and the one v2
 * rewrote, creates a new asset, and keeps serving once the v2 server is stopped.
 */
export function runRollbackDrill(target: DrillTarget): Promise<DrillReport> {
  return runDrill('rollback', target, async (state) => {
    const [first = 'org1'] = organizationsOf(state.target).names;
    await deployVersion(state, 'v1');
    const [asset] = await createAssetsStep(state, 2);
    const id = asset?.ID ?? 'asset-1';
    const v2 = await upgradeToV2(state);
    await state.recorder.step('v2 appraises an asset', async () => {
      const contract = state.clients.contract(first);
      const tx = await submitWithEvidence(() => contract.submitAsync('AppraiseAsset', { arguments: [id, '250'] }));
      return { value: undefined, evidence: { ...tx } };
    });
    await deployVersion(state, 'v1');
    await answersStep(state, 'v1');
    await state.recorder.step('v1 reads its records and the one v2 rewrote', async () => {
      const contract = state.clients.contract(first);
      const rewritten = await readAsset(contract, id);
      const untouched = await readAsset(contract, 'asset-2');
      await using connection = state.target.network.connectGateway(first);
      const committed = await queryCommitted(connection.gateway, state.target.channel, ASSET_UPGRADE);
      if (rewritten.Owner !== asset?.Owner || untouched.ID !== 'asset-2' || committed.version !== 'v1') {
        throw new DrillStepError('records or definition not as expected', { committed: committed.version });
      }
      return {
        value: undefined,
        evidence: {
          committed: `${committed.version} sequence ${committed.sequence}`,
          [id]: JSON.stringify(rewritten),
        },
      };
    });
    await state.recorder.step('stop the v2 server; v1 creates an asset', async () => {
      const v2Running = await stopServers(v2);
      const contract = state.clients.contract(first);
      const tx = await submitWithEvidence(() =>
        contract.submitAsync('CreateAsset', { arguments: ['after-rollback', 'red', '1', 'someone'] }),
      );
      const created = await readAsset(contract, 'after-rollback');
      if (created.SchemaVersion !== undefined) {
        throw new DrillStepError('the asset was written in the v2 layout', { ...tx });
      }
      return { value: undefined, evidence: { ...tx, v2Running } };
    });
  });
}
