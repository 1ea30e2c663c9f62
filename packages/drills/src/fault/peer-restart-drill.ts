import type { FabricPeer } from '@fabric-testkit/test-harness';
import { submitWithEvidence, type DrillTarget } from '../chaincode/transactions';
import { peerMetricsOf } from '../metrics/peer-metrics';
import { DrillStepError, type DrillReport } from '../report/drill-report';
import { ASSET_UPGRADE, readAsset } from '../upgrade/asset-upgrade';
import { deployVersion, type DrillState } from '../upgrade/deploy-steps';
import { createAssetsStep, runDrill } from '../upgrade/upgrade-drill';

/**
 * The peer stop/restart drill (the first organization needs two peers): with v1 of `asset-upgrade` serving,
 * stops the second peer, commits a transaction through the first while it is down, starts it again, waits until
 * its ledger height (from `/metrics`) catches up, and reads and submits through a new gateway connection to the
 * restarted peer.
 */
export function runPeerRestartDrill(target: DrillTarget, catchUpTimeoutMs = 60_000): Promise<DrillReport> {
  return runDrill('peer-restart', target, async (state) => {
    const org = target.network.organizations[0];
    const [peer0, peer1] = org?.peers ?? [];
    if (!org || !peer0 || !peer1) {
      throw new Error('the peer-restart drill needs an organization with two peers');
    }
    await deployVersion(state, 'v1');
    await createAssetsStep(state, 1);
    const heightBefore = await state.recorder.step(`stop ${peer1.name}`, async () => {
      const height = await heightOf(peer1, target.channel);
      await peer1.stop();
      const down = await peer1.metrics().then(
        () => false,
        () => true,
      );
      if (!down) throw new DrillStepError(`${peer1.name} still answers /metrics`);
      return { value: height, evidence: { heightBefore: height, metricsDown: down } };
    });
    const written = await state.recorder.step(`submit through ${peer0.name} while ${peer1.name} is down`, async () => {
      const contract = state.clients.contract(org.name);
      const tx = await submitWithEvidence(() =>
        contract.submitAsync('CreateAsset', { arguments: ['while-down', 'black', '9', 'nobody'] }),
      );
      return { value: tx, evidence: { ...tx } };
    });
    await state.recorder.step(`start ${peer1.name}`, async () => {
      await peer1.start();
      return {
        value: undefined,
        evidence: { heightAfterStart: await heightOf(peer1, target.channel).catch(() => -1) },
      };
    });
    await catchUpStep(state, peer0, peer1, heightBefore, catchUpTimeoutMs);
    await state.recorder.step(`a client reconnects to ${peer1.name}: reads and submits`, async () => {
      await using connection = target.network.connectGateway(org.name, undefined, 1);
      const contract = connection.gateway.getNetwork(target.channel).getContract(ASSET_UPGRADE);
      const read = await readAsset(contract, 'while-down');
      const tx = await submitWithEvidence(() =>
        contract.submitAsync('CreateAsset', { arguments: ['after-restart', 'white', '3', 'somebody'] }),
      );
      if (tx.blockNumber <= written.blockNumber) {
        throw new DrillStepError('the new transaction is not in a later block', { ...tx });
      }
      return { value: undefined, evidence: { read: `${read.ID} owner=${read.Owner}`, ...tx } };
    });
  });
}

function catchUpStep(
  state: DrillState,
  peer0: FabricPeer,
  peer1: FabricPeer,
  heightBefore: number,
  timeoutMs: number,
): Promise<void> {
  const channel = state.target.channel;
  return state.recorder.step(`${peer1.name} catches up with ${peer0.name}`, async () => {
    const target = await heightOf(peer0, channel);
    const deadline = Date.now() + timeoutMs;
    let height = -1;
    while (Date.now() < deadline) {
      height = await heightOf(peer1, channel).catch(() => -1);
      if (height >= target) {
        return { value: undefined, evidence: { heightBefore, heightNow: height, peer0Height: target } };
      }
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
    throw new DrillStepError(`${peer1.name} did not catch up within ${timeoutMs} ms`, {
      heightNow: height,
      peer0Height: target,
    });
  });
}

/** A peer's `ledger_blockchain_height` for a channel, from its operations metrics. */
async function heightOf(peer: FabricPeer, channel: string): Promise<number> {
  const height = peerMetricsOf(peer.name, await peer.metrics()).ledgerHeight[channel];
  if (height === undefined) throw new Error(`${peer.name} reports no ledger height for ${channel}`);
  return height;
}
