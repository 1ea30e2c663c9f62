/** Steps the orderer fault drills share: submits through the gateway, resubmits, and finding the consensus leader. */
import { isConsensusLeader, type FabricNode } from '@fabric-testkit/test-harness';
import { submitWithEvidence, type CommittedTransaction } from '../chaincode/transactions';
import { organizationsOf, type DrillState } from '../upgrade/deploy-steps';

/** How long a submit after an orderer restart waits for its commit before it is sent again. */
export const RESTART_COMMIT_TIMEOUT_MS = 15_000;

/** Creates an asset through the first organization's gateway, its owner naming the drill. */
export function createAsset(
  state: DrillState,
  id: string,
  owner: string,
  commitTimeoutMs?: number,
): Promise<CommittedTransaction> {
  const [first = 'org1'] = organizationsOf(state.target).names;
  const contract = state.clients.contract(first);
  return submitWithEvidence(
    () => contract.submitAsync('CreateAsset', { arguments: [id, 'blue', '2', owner] }),
    commitTimeoutMs,
  );
}

/** Submits until one commits: the gateway may first reach an orderer that is still catching up. */
export async function retrySubmit(
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

/** The orderer that reports itself leader of the channel's consensus, waited for. */
export async function leaderOf(
  orderers: readonly FabricNode[],
  channel: string,
  consensus: 'etcdraft' | 'BFT',
  timeoutMs: number,
): Promise<FabricNode> {
  let leader: FabricNode | undefined;
  const names = orderers.map((o) => o.name).join(', ');
  await waitUntil(`a ${consensus} leader of channel ${channel} among ${names}`, timeoutMs, async () => {
    for (const o of orderers) {
      const metrics = await o.metrics().catch(() => '');
      if (isConsensusLeader(metrics, channel, consensus)) {
        leader = o;
        return true;
      }
    }
    return false;
  });
  if (!leader) throw new Error('internal: no leader');
  return leader;
}

/** Polls `condition` every 200 ms; fails after `timeoutMs` naming what it waited for. */
export async function waitUntil(what: string, timeoutMs: number, condition: () => Promise<boolean>): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}
