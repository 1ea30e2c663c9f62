import { isConsensusLeader } from '@fabric-testkit/test-harness';
import { describeError, type CommittedTransaction, type DrillTarget } from '../chaincode/transactions';
import { DrillStepError, type DrillReport } from '../report/drill-report';
import { deployVersion } from '../upgrade/deploy-steps';
import { runDrill } from '../upgrade/upgrade-drill';
import { createAsset, leaderOf, RESTART_COMMIT_TIMEOUT_MS, retrySubmit, waitUntil } from './orderer-steps';

/**
 * The orderer fault drill (three Raft orderers): stops one follower, and transactions still commit; stops the
 * second, and once the last orderer has lost its leadership a submit fails with the orderer's message; restarts
 * one, and transactions commit again; restarts the other.
 */
export function runOrdererFaultDrill(target: DrillTarget, timeoutMs = 60_000): Promise<DrillReport> {
  return runDrill('orderer-fault', target, async (state) => {
    const orderers = target.network.orderers;
    if (orderers.length !== 3) {
      throw new Error(`the orderer fault drill needs 3 Raft orderers, the network has ${orderers.length}`);
    }
    await deployVersion(state, 'v1');
    const leader = await state.recorder.step('find the Raft leader', async () => {
      const found = await leaderOf(orderers, target.channel, 'etcdraft', timeoutMs);
      return { value: found, evidence: { leader: found.name } };
    });
    const [first, second] = orderers.filter((o) => o !== leader);
    if (!first || !second) throw new Error('internal: fewer than two followers');
    let n = 0;
    const submit = (): Promise<CommittedTransaction> => createAsset(state, `orderer-drill-${++n}`, 'raft');
    // After a restart, an orderer still catching up may accept a transaction and lose it: etcdraft forwards it to
    // the leader without telling the client (orderer/consensus/etcdraft/chain.go Order), so a client resubmits
    // after a commit timeout, as Fabric's docs say. Seen once in CI under load: a 60 s DEADLINE_EXCEEDED.
    const resubmitting = (): Promise<CommittedTransaction> =>
      createAsset(state, `orderer-drill-${++n}`, 'raft', RESTART_COMMIT_TIMEOUT_MS);

    await state.recorder.step(`stop ${first.name}; a transaction commits`, async () => {
      await first.stop();
      const tx = await submit();
      return { value: undefined, evidence: { stopped: first.name, ...tx } };
    });
    await state.recorder.step(`stop ${second.name}; once no leader is left, a submit fails`, async () => {
      await second.stop();
      const stoppedAt = Date.now();
      await waitUntil(`${leader.name} to lose its Raft leadership`, timeoutMs, async () => {
        return !isConsensusLeader(await leader.metrics(), target.channel);
      });
      const leaderLostAfterMs = Date.now() - stoppedAt;
      try {
        const tx = await submit();
        throw new DrillStepError('the submit committed without a Raft quorum', { ...tx });
      } catch (e) {
        if (e instanceof DrillStepError) throw e;
        return { value: undefined, evidence: { stopped: second.name, leaderLostAfterMs, error: describeError(e) } };
      }
    });
    await state.recorder.step(`start ${first.name}; transactions commit again`, async () => {
      await first.start();
      const newLeader = await leaderOf(orderers, target.channel, 'etcdraft', timeoutMs);
      const { tx, attempts } = await retrySubmit(resubmitting, timeoutMs);
      return { value: undefined, evidence: { leader: newLeader.name, attempts, ...tx } };
    });
    await state.recorder.step(`start ${second.name}; all three serve`, async () => {
      await second.start();
      const { tx, attempts } = await retrySubmit(resubmitting, timeoutMs);
      return { value: undefined, evidence: { attempts, ...tx } };
    });
  });
}
