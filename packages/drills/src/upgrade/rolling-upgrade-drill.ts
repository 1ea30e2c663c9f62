import type { DrillTarget } from '../chaincode/transactions';
import { DrillStepError, type DrillReport } from '../report/drill-report';
import type { AssetFields } from './asset-upgrade';
import { answersStep, deployVersion, organizationsOf, stopServers, type DrillState } from './deploy-steps';
import { RollingClient, type RollingResult } from './rolling-client';
import { runDrill, upgradeToV2 } from './upgrade-drill';

/**
 * The rolling upgrade drill: while a client keeps submitting `CreateAsset`, upgrades v1 to v2 and stops the v1
 * server. Reports how many transactions v1 and v2 answered and how many failed, and checks the ledger: every
 * transaction reported committed is there once (none lost), every failed one left nothing behind, and no
 * transaction ID committed twice.
 */
export function runRollingUpgradeDrill(target: DrillTarget, workers = 2): Promise<DrillReport> {
  return runDrill('rolling-upgrade', target, async (state) => {
    const v1 = await deployVersion(state, 'v1');
    await answersStep(state, 'v1');
    const [first = 'org1'] = organizationsOf(state.target).names;
    const client = new RollingClient(state.clients.contract(first));
    await state.recorder.step('start a client submitting CreateAsset in a loop', () => {
      client.start(workers);
      return Promise.resolve({ value: undefined, evidence: { workers } });
    });
    try {
      await state.recorder.step('the client gets answers from v1', async () => {
        await waitFor(() => client.count('v1') >= 3, 30_000);
        return { value: undefined, evidence: { v1Answers: client.count('v1') } };
      });
      await upgradeToV2(state);
      await state.recorder.step('stop the v1 server', async () => {
        return { value: undefined, evidence: { v1Running: await stopServers(v1) } };
      });
      await state.recorder.step('the client gets answers from v2 without v1', async () => {
        const seen = client.count('v2');
        await waitFor(() => client.count('v2') >= seen + 3, 30_000);
        return { value: undefined, evidence: { v2Answers: client.count('v2') } };
      });
    } finally {
      await client.stop();
    }
    await checkLedgerStep(state, client.results);
  });
}

function checkLedgerStep(state: DrillState, results: readonly RollingResult[]): Promise<void> {
  const { recorder } = state;
  const count = (o: RollingResult['outcome']): number => results.filter((r) => r.outcome === o).length;
  recorder.figure('transactionsToV1', count('v1'));
  recorder.figure('transactionsToV2', count('v2'));
  recorder.figure('transactionsFailed', count('failed'));
  return recorder.step('stop the client; ledger: none lost, none double-applied', async () => {
    const [first = 'org1'] = organizationsOf(state.target).names;
    const all = JSON.parse(
      Buffer.from(await state.clients.contract(first).evaluateTransaction('GetAllAssets')).toString(),
    ) as AssetFields[];
    const onLedger = new Map<string, number>();
    for (const a of all) onLedger.set(a.ID, (onLedger.get(a.ID) ?? 0) + 1);
    const committed = results.filter((r) => r.outcome !== 'failed');
    const lost = committed.filter((r) => onLedger.get(r.id) !== 1).map((r) => r.id);
    const appliedThoughFailed = results.filter((r) => r.outcome === 'failed' && onLedger.has(r.id)).map((r) => r.id);
    const txIds = committed.map((r) => r.txId ?? '');
    const doubleApplied = txIds.length - new Set(txIds).size + appliedThoughFailed.length;
    recorder.figure('transactionsLost', lost.length);
    recorder.figure('transactionsDoubleApplied', doubleApplied);
    const evidence = {
      submitted: results.length,
      toV1: count('v1'),
      toV2: count('v2'),
      failed: count('failed'),
      lost: lost.length,
      doubleApplied,
      blocks: `${Math.min(...committed.map((r) => r.blockNumber ?? 0))}..${Math.max(...committed.map((r) => r.blockNumber ?? 0))}`,
      ...(count('failed') > 0 ? { firstFailure: results.find((r) => r.outcome === 'failed')?.error ?? '' } : {}),
    };
    if (lost.length > 0 || doubleApplied > 0 || count('v1') === 0 || count('v2') === 0) {
      throw new DrillStepError('lost or double-applied transactions, or a version never answered', {
        ...evidence,
        lostIds: lost,
        appliedThoughFailed,
      });
    }
    return { value: undefined, evidence };
  });
}

async function waitFor(condition: () => boolean, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`condition not met within ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}
