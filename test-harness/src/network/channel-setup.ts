import { buildChannelConfig, type ConsensusType } from '../config/channel-config';
import { buildGenesisBlock } from '../config/genesis-block';
import { rootOf } from '../crypto/msp';
import { privateKeyToPem } from '../crypto/ecdsa';
import { createPeerClient } from '../lifecycle/endorser-client';
import { joinChannel } from '../lifecycle/peer-admin';
import type { ChannelOptions } from './options';
import type { OrganizationCrypto } from './org-enrollment';
import { FabricRequestError } from '../errors';
import { OsnAdminClient, type OsnAdminOptions } from './osnadmin';
import type { NodePlan, RunningNode } from './runtime';
import { discoveringPeer, waitForDiscovery } from './discovery-wait';
import { StopWaiting, waitForConsensusLeader, waitUntil } from './wait';

/** A started node with its plan. */
export interface PlannedNode {
  readonly plan: NodePlan;
  readonly node: RunningNode;
}

/** A member organization of a channel, with its peers. */
export interface ChannelMember {
  readonly crypto: OrganizationCrypto;
  readonly peers: readonly PlannedNode[];
}

/** What {@link createChannel} needs. */
export interface ChannelSetup {
  readonly channel: ChannelOptions;
  readonly consensus: ConsensusType;
  readonly orderers: readonly PlannedNode[];
  readonly ordererCrypto: OrganizationCrypto;
  readonly rootCaOf: (mspId: string) => string;
  readonly members: readonly ChannelMember[];
  readonly timeoutMs: number;
}

/**
 * Creates an application channel with the channel participation API: a genesis block built in TypeScript,
 * every orderer joined through its admin endpoint (mutual TLS), a wait for the consensus leader, then every member
 * peer joined with a `cscc JoinChain` proposal signed by its organization's admin. The first peer of each
 * organization is its anchor peer.
 */
export async function createChannel(setup: ChannelSetup): Promise<void> {
  const { channel, ordererCrypto } = setup;
  const ordererRoot = rootOf(setup.rootCaOf(ordererCrypto.mspId));
  const config = buildChannelConfig({
    ordererOrganization: {
      mspId: ordererCrypto.mspId,
      caCertificate: ordererRoot,
      tlsCaCertificate: ordererRoot,
      orderers: setup.orderers.map(({ plan }) => ({
        host: plan.host,
        port: plan.port,
        tlsCertificate: ordererCrypto.nodes.get(plan.name)?.tls.certificate ?? '',
        identity: ordererCrypto.nodes.get(plan.name)?.signing.certificate ?? '',
      })),
    },
    members: setup.members.map((m) => {
      const root = rootOf(setup.rootCaOf(m.crypto.mspId));
      const anchor = m.peers[0]?.plan;
      return {
        mspId: m.crypto.mspId,
        caCertificate: root,
        tlsCaCertificate: root,
        anchorPeers: anchor ? [{ host: anchor.host, port: anchor.port }] : [],
      };
    }),
    batchTimeout: channel.batchTimeout,
    applicationCapability: channel.applicationCapability,
    channelCapability: channel.channelCapability,
    consensus: setup.consensus,
  });
  const genesis = buildGenesisBlock(channel.name, config).serializeBinary();

  await Promise.all(
    setup.orderers.map(({ plan, node }) =>
      joinOrderer(plan.name, channel.name, genesis, setup.timeoutMs, {
        url: `https://${node.hostAddress(plan.adminPort)}`,
        tlsCaCertificate: ordererRoot,
        clientCertificate: ordererCrypto.admin.tls.certificate,
        clientKey: privateKeyToPem(ordererCrypto.admin.tls.privateKey),
        serverName: plan.name,
      }),
    ),
  );
  await waitForConsensusLeader(
    setup.orderers.map(({ plan, node }) => ({
      name: plan.name,
      operationsUrl: `http://${node.hostAddress(plan.operationsPort)}`,
    })),
    channel.name,
    setup.consensus,
    setup.timeoutMs,
  );

  await Promise.all(
    setup.members.flatMap((member) =>
      member.peers.map(async ({ plan, node }) => {
        const client = createPeerClient({
          address: node.hostAddress(plan.port),
          tlsCaCertificate: rootOf(setup.rootCaOf(member.crypto.mspId)),
          serverName: plan.name,
        });
        try {
          await joinChannel(client, member.crypto.admin, genesis, plan.name);
        } finally {
          client.close();
        }
      }),
    ),
  );
  await waitForChannelDiscovery(setup);
}

/**
 * Waits until every peer's discovery service reports every peer of the channel. That is what the gateway on each
 * peer plans endorsements from; gossip membership alone comes earlier than the state info it also needs.
 */
async function waitForChannelDiscovery(setup: ChannelSetup): Promise<void> {
  const { channel, members } = setup;
  const peersByOrganization = Object.fromEntries(members.map((m) => [m.crypto.mspId, m.peers.length]));
  await Promise.all(
    members.flatMap((member) =>
      member.peers.map((peer) =>
        waitForDiscovery(
          discoveringPeer(peer, rootOf(setup.rootCaOf(member.crypto.mspId)), member.crypto.admin),
          { channelId: channel.name, peersByOrganization },
          setup.timeoutMs,
        ),
      ),
    ),
  );
}

/** Joins one orderer, retrying while its admin endpoint refuses or resets connections (it opens after /healthz). */
async function joinOrderer(
  name: string,
  channelId: string,
  genesis: Uint8Array,
  timeoutMs: number,
  options: OsnAdminOptions,
): Promise<void> {
  const client = new OsnAdminClient(options);
  await waitUntil(`${name} to join channel ${channelId} (osnadmin)`, timeoutMs, async () => {
    try {
      await client.join(channelId, genesis);
      return true;
    } catch (e) {
      if (e instanceof FabricRequestError && e.status === undefined) {
        return e.message;
      }
      throw new StopWaiting(e);
    }
  }).catch((e: unknown) => {
    throw e instanceof StopWaiting ? e.reason : e;
  });
}
