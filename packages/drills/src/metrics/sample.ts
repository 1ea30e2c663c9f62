import type { StartedFabricNetwork } from '@fabric-testkit/test-harness';
import { peerMetricsOf, type PeerMetrics } from './peer-metrics';

/** Samples every peer's `/metrics`; peers that do not answer (stopped, partitioned) are left out. */
export async function samplePeerMetrics(network: StartedFabricNetwork): Promise<PeerMetrics[]> {
  const peers = network.organizations.flatMap((o) => o.peers);
  const sampled = await Promise.all(
    peers.map(async (p) => {
      try {
        return [peerMetricsOf(p.name, await p.metrics())];
      } catch {
        return [];
      }
    }),
  );
  return sampled.flat();
}
