/**
 * Channel configuration updates on a running network: what `peer channel fetch config`, `configtxlator
 * compute_update`, `peer channel signconfigtx` and `peer channel update` do together, for one change.
 */
import type { common } from '@hyperledger/fabric-protos';
import {
  channelCapabilities,
  channelCapabilityUpdate,
  configUpdateTransaction,
  signConfigUpdate,
  type ChannelCapability,
  type ChannelCapabilityChange,
} from '../config/config-update';
import { createPeerClient, type PeerEndpoint } from '../lifecycle/endorser-client';
import { broadcast } from '../lifecycle/orderer-broadcast';
import { getChannelConfig } from '../lifecycle/peer-admin';
import type { SigningIdentity } from '../lifecycle/signing-identity';
import type { FabricOrganization } from './started-network';
import { waitUntil } from './wait';

/** What a channel update needs from the network. */
export interface ChannelUpdateContext {
  readonly channelId: string;
  /** The channel's member organizations: their admins sign, their peers must apply the update. */
  readonly members: readonly FabricOrganization[];
  /** The orderer organization's admin: signs (Orderer/Admins) and submits. */
  readonly ordererAdmin: SigningIdentity;
  /** An orderer to broadcast to. */
  readonly orderer: PeerEndpoint;
  readonly timeoutMs: number;
}

/**
 * Sets the channel-level capability: reads the channel's configuration from a member peer, signs the update by
 * the orderer admin and every member's admin (so `/Channel/Admins`, MAJORITY of Orderer and Application Admins,
 * is met), broadcasts it to an orderer, and waits until every member peer's configuration shows it.
 */
export async function setChannelCapability(
  context: ChannelUpdateContext,
  capability: ChannelCapability,
): Promise<ChannelCapabilityChange> {
  const { channelId, members, ordererAdmin, timeoutMs } = context;
  const [first] = members;
  const firstPeer = first?.peers[0];
  if (first === undefined || firstPeer === undefined) throw new Error(`channel ${channelId} has no member peer`);
  const current = await configOn(firstPeer.endpoint, first.admin, channelId, firstPeer.name);
  const update = channelCapabilityUpdate(channelId, current, capability);
  const signed = signConfigUpdate(update, [ordererAdmin, ...members.map((m) => m.admin)]);
  const transaction = configUpdateTransaction(channelId, signed, ordererAdmin);

  const client = createPeerClient(context.orderer);
  const sent = Date.now();
  try {
    await broadcast(client, transaction, `channel ${channelId} capability update to ${capability}`);
  } finally {
    client.close();
  }
  await Promise.all(
    members.flatMap((member) =>
      member.peers.map((peer) =>
        waitUntil(`${peer.name} to apply the ${capability} capability of channel ${channelId}`, timeoutMs, async () => {
          const config = await configOn(peer.endpoint, member.admin, channelId, peer.name);
          const have = channelCapabilities(config);
          return have.includes(capability) ? true : `it has ${have.join(', ') || 'none'}`;
        }),
      ),
    ),
  );
  return {
    channel: channelId,
    before: channelCapabilities(current),
    after: [capability],
    appliedAfterMs: Date.now() - sent,
  };
}

async function configOn(
  endpoint: PeerEndpoint,
  admin: SigningIdentity,
  channelId: string,
  peerName: string,
): Promise<common.Config> {
  const client = createPeerClient(endpoint);
  try {
    return await getChannelConfig(client, admin, channelId, peerName);
  } finally {
    client.close();
  }
}
