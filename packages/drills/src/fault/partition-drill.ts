import type { FabricPeer } from '@fabric-testkit/test-harness';
import { submitWithEvidence } from '../chaincode/transactions';
import { peerMetricsOf } from '../metrics/peer-metrics';
import type { StartedDrillNetwork } from '../network/drill-network';
import { DrillStepError, type DrillReport } from '../report/drill-report';
import { ASSET_UPGRADE, readAsset } from '../upgrade/asset-upgrade';
import { deployVersion } from '../upgrade/deploy-steps';
import { createAssetsStep, runDrill } from '../upgrade/upgrade-drill';

/**
 * The partition drill (the first organization needs two peers): disconnects the second peer's container from
 * the docker network, commits a transaction through the first peer, connects it again, waits until its ledger
 * height catches up, and reads the transaction's write through a gateway connected to the healed peer.
 */
export function runPartitionDrill(target: StartedDrillNetwork, timeoutMs = 90_000): Promise<DrillReport> {
  return runDrill('partition', target, async (state) => {
    const org = target.network.organizations[0];
    const [peer0, peer1] = org?.peers ?? [];
    if (!org || !peer0 || !peer1) throw new Error('the partition drill needs an organization with two peers');
    await deployVersion(state, 'v1');
    await createAssetsStep(state, 1);
    await state.recorder.step(`partition ${peer1.name} (disconnect from ${target.runtime.networkName})`, async () => {
      const before = await heightOf(peer1, target.channel);
      await peer1.disconnect();
      return { value: undefined, evidence: { heightBefore: before } };
    });
    const written = await state.recorder.step(`submit through ${peer0.name} during the partition`, async () => {
      const contract = state.clients.contract(org.name);
      const tx = await submitWithEvidence(() =>
        contract.submitAsync('CreateAsset', { arguments: ['partitioned', 'orange', '8', 'nobody'] }),
      );
      const peer1Height = await heightOf(peer1, target.channel).catch(() => 'unreachable');
      if (typeof peer1Height === 'number' && peer1Height > tx.blockNumber) {
        throw new DrillStepError(`${peer1.name} has the block`, { peer1Height });
      }
      return { value: tx, evidence: { ...tx, peer1Height } };
    });
    await state.recorder.step(`heal: reconnect ${peer1.name}; it catches up`, async () => {
      await peer1.reconnect();
      const metricsUrl = `${peer1.operationsUrl}/metrics`;
      const deadline = Date.now() + timeoutMs;
      let height = -1;
      while (height <= written.blockNumber) {
        if (Date.now() > deadline) throw new DrillStepError(`${peer1.name} did not catch up`, { height, metricsUrl });
        await new Promise((resolve) => setTimeout(resolve, 250));
        height = await peer1.metrics().then(
          (text) => peerMetricsOf(peer1.name, text).ledgerHeight[target.channel] ?? -1,
          () => -1,
        );
      }
      return { value: undefined, evidence: { heightNow: height, txBlock: written.blockNumber, metricsUrl } };
    });
    await state.recorder.step(
      `a client connected to ${peer1.name} reads the write made during the partition`,
      async () => {
        await using connection = target.network.connectGateway(org.name, undefined, 1);
        const contract = connection.gateway.getNetwork(target.channel).getContract(ASSET_UPGRADE);
        const read = await readAsset(contract, 'partitioned');
        return {
          value: undefined,
          evidence: { read: `${read.ID} owner=${read.Owner}`, address: peer1.endpoint.address },
        };
      },
    );
  });
}

async function heightOf(peer: FabricPeer, channel: string): Promise<number> {
  const height = peerMetricsOf(peer.name, await peer.metrics()).ledgerHeight[channel];
  if (height === undefined) throw new Error(`${peer.name} reports no ledger height for ${channel}`);
  return height;
}
