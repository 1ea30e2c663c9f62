import type { ServedChaincode } from '@fabric-testkit/test-harness';
import { submitWithEvidence, type DrillTarget } from '../chaincode/transactions';
import { samplePeerMetrics } from '../metrics/sample';
import { DrillFailedError, DrillRecorder, DrillStepError, type DrillReport } from '../report/drill-report';
import { ASSET_UPGRADE, OrgClients, readAsset, type AssetFields } from './asset-upgrade';
import {
  answersStep,
  approveStep,
  commitStep,
  deployVersion,
  installStep,
  nextDefinition,
  organizationsOf,
  stopServers,
  type DrillState,
} from './deploy-steps';

/** Options of {@link runUpgradeDrill}. */
export interface UpgradeDrillOptions {
  /** How many assets version 1 creates before the upgrade. Default 3. */
  readonly assets?: number;
}

/**
 * The upgrade drill: deploys `asset-upgrade` v1 and creates assets with it, then upgrades to v2 (install on every
 * peer, approve per organization, check commit readiness, commit sequence + 1), checks that v2 answers, that the
 * v1 records read back intact through v2, and that v2 keeps serving once the v1 server is stopped. The figure
 * `upgradeSeconds` is the time from "install v2" to "v2 answers".
 *
 * @example
 * ```ts
 * await using target = await startDrillNetwork();
 * const report = await runUpgradeDrill(target);
 * console.log(formatReport(report));
 * ```
 */
export async function runUpgradeDrill(target: DrillTarget, options: UpgradeDrillOptions = {}): Promise<DrillReport> {
  return runDrill('upgrade', target, (state) => upgradeSteps(state, options.assets ?? 3));
}

/** Runs a drill's steps with fresh clients and servers, samples metrics, cleans up and returns the report. */
export async function runDrill(
  name: string,
  target: DrillTarget,
  steps: (state: DrillState) => Promise<void>,
): Promise<DrillReport> {
  const recorder = new DrillRecorder(name);
  await using clients = new OrgClients(target, ASSET_UPGRADE);
  try {
    await steps({ recorder, target, clients });
  } catch (e) {
    if (!(e instanceof DrillFailedError)) {
      throw e;
    }
  } finally {
    // The chaincode servers are the network's: they stop with it.
    recorder.addMetrics(await samplePeerMetrics(target.network));
  }
  return recorder.finish();
}

async function upgradeSteps(state: DrillState, assetCount: number): Promise<void> {
  const { recorder } = state;
  const v1 = await deployVersion(state, 'v1');
  await answersStep(state, 'v1');
  const written = await createAssetsStep(state, assetCount);

  await upgradeToV2(state);

  await recorder.step('v1 records intact under v2', async () => {
    const contract = state.clients.contract(organizationsOf(state.target).names[0] ?? 'org1');
    for (const before of written) {
      const after = await readAsset(contract, before.ID);
      const same = (['ID', 'Color', 'Size', 'Owner'] as const).every((k) => after[k] === before[k]);
      if (!same || after.SchemaVersion !== 2 || after.AppraisedValue !== 0) {
        throw new DrillStepError(`${before.ID} changed`, {
          before: JSON.stringify(before),
          after: JSON.stringify(after),
        });
      }
    }
    return { value: undefined, evidence: { assetsRead: written.length, layout: 'SchemaVersion=2 AppraisedValue=0' } };
  });
  await recorder.step('stop the v1 server', async () => {
    const v1Running = await stopServers(v1);
    const address = [...v1.servers.values()].map((s) => s.address);
    return { value: undefined, evidence: { v1Running, address: address.length === 1 ? (address[0] ?? '') : address } };
  });
  await recorder.step('v2 serves without v1: AppraiseAsset commits', async () => {
    const contract = state.clients.contract(organizationsOf(state.target).names[0] ?? 'org1');
    const id = written[0]?.ID ?? 'none';
    const tx = await submitWithEvidence(() => contract.submitAsync('AppraiseAsset', { arguments: [id, '100'] }));
    const after = await readAsset(contract, id);
    if (after.AppraisedValue !== 100) {
      throw new DrillStepError(`${id} AppraisedValue is ${after.AppraisedValue}`, { ...tx });
    }
    return { value: undefined, evidence: { ...tx, appraised: `${id}=100` } };
  });
}

/**
 * Steps: upgrade to v2 (install and serve, approve for every organization, check readiness, commit the next
 * sequence, wait until every organization answers v2) and set `upgradeSeconds`: "install v2" to "v2 answers".
 */
export async function upgradeToV2(state: DrillState): Promise<ServedChaincode> {
  const { recorder } = state;
  const upgradeStart = recorder.now();
  const v2 = await installStep(state, 'v2');
  const definition = await nextDefinition(state.target, 'v2');
  await approveStep(state, definition);
  await recorder.step('check commit readiness', async () => {
    const approvals = await state.target.network.checkCommitReadiness(definition);
    const shown = Object.entries(approvals).map(([mspId, ok]) => `${mspId}=${ok}`);
    if (!Object.values(approvals).every(Boolean)) {
      throw new DrillStepError('not every organization approved', { approvals: shown });
    }
    return { value: undefined, evidence: { approvals: shown } };
  });
  await commitStep(state, definition);
  await answersStep(state, 'v2');
  recorder.figure('upgradeSeconds', Math.round((recorder.now() - upgradeStart) / 10) / 100);
  return v2;
}

/** Step: version 1 creates assets, in parallel; evidence is their transactions and blocks. */
export function createAssetsStep(state: DrillState, count: number): Promise<AssetFields[]> {
  return state.recorder.step(`v1 creates ${count} asset${count === 1 ? '' : 's'}`, async () => {
    const contract = state.clients.contract(organizationsOf(state.target).names[0] ?? 'org1');
    const assets = Array.from({ length: count }, (_, i) => ({
      ID: `asset-${i + 1}`,
      Color: ['red', 'green', 'blue'][i % 3] ?? 'red',
      Size: i + 5,
      Owner: `owner-${i + 1}`,
    }));
    const txs = await Promise.all(
      assets.map((a) =>
        submitWithEvidence(() =>
          contract.submitAsync('CreateAsset', { arguments: [a.ID, a.Color, String(a.Size), a.Owner] }),
        ),
      ),
    );
    return {
      value: assets,
      evidence: {
        txIds: txs.map((t) => t.txId.slice(0, 12)),
        blocks: [...new Set(txs.map((t) => String(t.blockNumber)))],
      },
    };
  });
}
