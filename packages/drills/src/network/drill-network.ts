import {
  ContainerRuntime,
  FabricNetwork,
  fabricImages,
  newNetworkId,
  type FabricImages,
} from '@fabric-testkit/test-harness';
import type { DrillTarget } from '../chaincode/transactions';

/** Options of {@link startDrillNetwork}. */
export interface DrillNetworkOptions {
  /** How many peer organizations (`org1`, `org2`, ...). Default 1. */
  readonly organizations?: number;
  /** Peers per organization. Default 1. */
  readonly peersPerOrganization?: number;
  /** Orderers: 1 or 3 with Raft, 4 with BFT. Default 1 (4 with BFT). */
  readonly orderers?: 1 | 3 | 4;
  /** Default `raft`; `bft` needs Fabric 3. */
  readonly consensus?: 'raft' | 'bft';
  /** `2.5`, `3.1` or a pinned tag. Default: FABRIC_TESTKIT_FABRIC_VERSION, else the pinned default. */
  readonly fabricVersion?: string;
  /** The channel capability. Default: the harness's (V3_0 on Fabric 3). */
  readonly channelCapability?: 'V2_0' | 'V3_0';
  /** The channel's orderer batch timeout. Default `100ms`. */
  readonly batchTimeout?: string;
  /** Default `drills`. */
  readonly channel?: string;
  /** Default: the images of `fabricVersion`. */
  readonly images?: Partial<FabricImages>;
}

/** A network started for drills: the drill target, the runtime (for fault drills) and `stop()`. */
export interface StartedDrillNetwork extends DrillTarget, AsyncDisposable {
  readonly runtime: ContainerRuntime;
  stop(): Promise<void>;
}

/**
 * Starts a network in containers for drills: `organizations` peer organizations on one channel, no chaincode
 * (each drill deploys its own with the network's lifecycle operations).
 */
export async function startDrillNetwork(options: DrillNetworkOptions = {}): Promise<StartedDrillNetwork> {
  const images = { ...fabricImages({ fabric: options.fabricVersion }), ...options.images };
  const runtime = new ContainerRuntime(newNetworkId(), { images });
  const channel = options.channel ?? 'drills';
  let builder = new FabricNetwork({
    runtime,
    images,
    ...(options.orderers === undefined ? {} : { orderers: options.orderers }),
    ...(options.consensus === undefined ? {} : { consensus: options.consensus }),
    ...(options.fabricVersion === undefined ? {} : { fabricVersion: options.fabricVersion }),
  });
  for (let i = 1; i <= (options.organizations ?? 1); i++) {
    builder = builder.withOrganization({ name: `org${i}`, peers: options.peersPerOrganization ?? 1 });
  }
  const network = await builder
    .withChannel({
      name: channel,
      batchTimeout: options.batchTimeout ?? '100ms',
      ...(options.channelCapability === undefined ? {} : { channelCapability: options.channelCapability }),
    })
    .start();
  const stop = (): Promise<void> => network.stop();
  return { network, channel, runtime, stop, [Symbol.asyncDispose]: stop };
}
