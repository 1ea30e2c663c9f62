import { describeError, type CommittedTransaction, type DrillTarget } from '../chaincode/transactions';
import { DrillStepError, type DrillReport } from '../report/drill-report';
import { deployVersion } from '../upgrade/deploy-steps';
import { runDrill } from '../upgrade/upgrade-drill';
import { createAsset, leaderOf, RESTART_COMMIT_TIMEOUT_MS, retrySubmit } from './orderer-steps';

/**
 * The BFT orderer fault drill (Fabric 3, four SmartBFT orderers, f = 1): one follower stopped, transactions still
 * commit (3 of 4 is a quorum); a second stopped, a submit fails at once with the gateway's error, because fewer
 * than a quorum of orderers accept it (`internal/pkg/gateway/submit.go` submitBFT: "insufficient number of orderers
 * could successfully process transaction to satisfy quorum requirement"); one restarted, transactions commit again;
 * the other restarted. The leader keeps running, so no view change is needed (its heartbeat timeout is a minute).
 */
export function runBftOrdererFaultDrill(target: DrillTarget, timeoutMs = 90_000): Promise<DrillReport> {
  return runDrill('bft-orderer-fault', target, async (state) => {
    const orderers = target.network.orderers;
    if (orderers.length !== 4) {
      throw new Error(`the BFT orderer fault drill needs 4 BFT orderers, the network has ${orderers.length}`);
    }
    await deployVersion(state, 'v1');
    const leader = await state.recorder.step('find the BFT leader', async () => {
      const found = await leaderOf(orderers, target.channel, 'BFT', timeoutMs);
      return { value: found, evidence: { leader: found.name } };
    });
    const [first, second] = orderers.filter((o) => o !== leader);
    if (!first || !second) throw new Error('internal: fewer than two followers');
    let n = 0;
    const submit = (commitTimeoutMs?: number): Promise<CommittedTransaction> =>
      createAsset(state, `bft-drill-${++n}`, 'bft', commitTimeoutMs);

    await state.recorder.step(`stop ${first.name}; 3 of 4 orderers still order`, async () => {
      await first.stop();
      const tx = await submit();
      return { value: undefined, evidence: { stopped: first.name, ...tx } };
    });
    await state.recorder.step(`stop ${second.name}; with 2 of 4 a submit fails with the quorum error`, async () => {
      await second.stop();
      const started = Date.now();
      try {
        const tx = await submit(RESTART_COMMIT_TIMEOUT_MS);
        throw new DrillStepError('the submit committed with 2 of 4 BFT orderers', { ...tx });
      } catch (e) {
        if (e instanceof DrillStepError) throw e;
        const error = describeError(e);
        if (!/insufficient number of orderers/.test(error)) {
          throw new DrillStepError('the submit failed, but not with the gateway quorum error', { error });
        }
        return { value: undefined, evidence: { stopped: second.name, failedAfterMs: Date.now() - started, error } };
      }
    });
    await state.recorder.step(`start ${first.name}; transactions commit again`, async () => {
      await first.start();
      const { tx, attempts } = await retrySubmit(() => submit(RESTART_COMMIT_TIMEOUT_MS), timeoutMs);
      return { value: undefined, evidence: { attempts, ...tx } };
    });
    await state.recorder.step(`start ${second.name}; all four serve`, async () => {
      await second.start();
      const { tx, attempts } = await retrySubmit(() => submit(RESTART_COMMIT_TIMEOUT_MS), timeoutMs);
      return { value: undefined, evidence: { attempts, ...tx } };
    });
  });
}
