import { isConsensusLeader, type FabricNode } from '@fabric-testkit/test-harness';
import {
  describeError,
  submitWithEvidence,
  type CommittedTransaction,
  type DrillTarget,
} from '../chaincode/lifecycle-steps';
import { DrillStepError, type DrillReport } from '../report/drill-report';
import { deployVersion, organizationsOf, type DrillState } from '../upgrade/deploy-steps';
import { runDrill } from '../upgrade/upgrade-drill';

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
      const found = await leaderOf(orderers, target.channel, timeoutMs);
      return { value: found, evidence: { leader: found.name } };
    });
    const [first, second] = orderers.filter((o) => o !== leader);
    if (!first || !second) throw new Error('internal: fewer than two followers');
    let n = 0;
    const submit = (): Promise<CommittedTransaction> => createAsset(state, `orderer-drill-${++n}`);
    // After a restart, an orderer still catching up may accept a transaction and lose it: etcdraft forwards it to
    // the leader without telling the client (orderer/consensus/etcdraft/chain.go Order), so a client resubmits
    // after a commit timeout, as Fabric's docs say. Seen once in CI under load: a 60 s DEADLINE_EXCEEDED.
    const resubmitting = (): Promise<CommittedTransaction> =>
      createAsset(state, `orderer-drill-${++n}`, RESTART_COMMIT_TIMEOUT_MS);

    await state.recorder.step(`stop ${first.name}; a transaction commits`, async () => {
      await first.stop();
      const tx = await submit();
      return { value: undefined, evidence: { stopped: first.name, ...tx } };
    });
    await state.recorder.step(`stop ${second.name}; once no leader is left, a submit fails`, async () => {
      await second.stop();
      const stoppedAt = Date.now();
      await waitUntil(timeoutMs, async () => !isConsensusLeader(await leader.metrics(), target.channel));
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
      const newLeader = await leaderOf(orderers, target.channel, timeoutMs);
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

/** How long a submit after an orderer restart waits for its commit before it is sent again. */
const RESTART_COMMIT_TIMEOUT_MS = 15_000;

function createAsset(state: DrillState, id: string, commitTimeoutMs?: number): Promise<CommittedTransaction> {
  const [first = 'org1'] = organizationsOf(state.target).names;
  const contract = state.clients.contract(first);
  return submitWithEvidence(
    () => contract.submitAsync('CreateAsset', { arguments: [id, 'blue', '2', 'raft'] }),
    commitTimeoutMs,
  );
}

/** Submits until one commits: the gateway may first reach an orderer that is still catching up. */
async function retrySubmit(
  submit: () => Promise<CommittedTransaction>,
  timeoutMs: number,
): Promise<{ tx: CommittedTransaction; attempts: number }> {
  const deadline = Date.now() + timeoutMs;
  for (let attempts = 1; ; attempts++) {
    try {
      return { tx: await submit(), attempts };
    } catch (e) {
      if (Date.now() > deadline) throw e;
      await new Promise((resolve) => setTimeout(resolve, 500));
    }
  }
}

async function leaderOf(orderers: readonly FabricNode[], channel: string, timeoutMs: number): Promise<FabricNode> {
  let leader: FabricNode | undefined;
  await waitUntil(timeoutMs, async () => {
    for (const o of orderers) {
      const metrics = await o.metrics().catch(() => '');
      if (isConsensusLeader(metrics, channel)) {
        leader = o;
        return true;
      }
    }
    return false;
  });
  if (!leader) throw new Error('internal: no leader');
  return leader;
}

async function waitUntil(timeoutMs: number, condition: () => Promise<boolean>): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error(`condition not met within ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}
