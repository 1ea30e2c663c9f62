import { connect, signers } from '@hyperledger/fabric-gateway';
import { createPeerClient, type FabricOrganization, type FabricPeer } from '@fabric-testkit/test-harness';
import { getContainerRuntimeClient } from 'testcontainers';
import { submitWithEvidence } from '../chaincode/lifecycle-steps';
import { peerMetricsOf } from '../metrics/peer-metrics';
import type { StartedDrillNetwork } from '../network/drill-network';
import { DrillStepError, type DrillReport } from '../report/drill-report';
import { ASSET_UPGRADE, readAsset } from '../upgrade/asset-upgrade';
import { deployVersion } from '../upgrade/deploy-steps';
import { createAssetsStep, runDrill } from '../upgrade/upgrade-drill';
import { httpText, publishedAddress } from './docker';

const PEER_PORT = 7051;
const OPERATIONS_PORT = 9443;

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
    const docker = await getContainerRuntimeClient();
    const network = docker.network.getById(target.runtime.networkName);
    const container = `${target.runtime.id}-${peer1.name}`;
    await deployVersion(state, 'v1');
    await createAssetsStep(state, 1);
    await state.recorder.step(`partition ${peer1.name} (disconnect from ${target.runtime.networkName})`, async () => {
      const before = await heightOf(peer1, target.channel);
      await network.disconnect({ Container: container, Force: true });
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
      await network.connect({ Container: container });
      const metricsUrl = `http://${await publishedAddress(container, OPERATIONS_PORT)}/metrics`;
      const deadline = Date.now() + timeoutMs;
      let height = -1;
      while (height <= written.blockNumber) {
        if (Date.now() > deadline) throw new DrillStepError(`${peer1.name} did not catch up`, { height, metricsUrl });
        await new Promise((resolve) => setTimeout(resolve, 250));
        height = await httpText(metricsUrl).then(
          (text) => peerMetricsOf(peer1.name, text).ledgerHeight[target.channel] ?? -1,
          () => -1,
        );
      }
      return { value: undefined, evidence: { heightNow: height, txBlock: written.blockNumber, metricsUrl } };
    });
    await state.recorder.step(
      `a client connected to ${peer1.name} reads the write made during the partition`,
      async () => {
        const address = await publishedAddress(container, PEER_PORT);
        const read = await readThrough(org, peer1, address, target.channel);
        return { value: undefined, evidence: { read: `${read.ID} owner=${read.Owner}`, address } };
      },
    );
  });
}

/** Reads the asset written during the partition through a new gateway connection to the peer's current address. */
async function readThrough(
  org: FabricOrganization,
  peer: FabricPeer,
  address: string,
  channel: string,
): Promise<{ ID: string; Owner: string }> {
  const client = createPeerClient({ ...peer.endpoint, address });
  const gateway = connect({
    client,
    identity: { mspId: org.admin.mspId, credentials: Buffer.from(org.admin.certificate) },
    signer: signers.newPrivateKeySigner(org.admin.privateKey),
    evaluateOptions: () => ({ deadline: Date.now() + 30_000 }),
  });
  try {
    return await readAsset(gateway.getNetwork(channel).getContract(ASSET_UPGRADE), 'partitioned');
  } finally {
    gateway.close();
    client.close();
  }
}

async function heightOf(peer: FabricPeer, channel: string): Promise<number> {
  const height = peerMetricsOf(peer.name, await peer.metrics()).ledgerHeight[channel];
  if (height === undefined) throw new Error(`${peer.name} reports no ledger height for ${channel}`);
  return height;
}
