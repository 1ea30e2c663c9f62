import type { PeerEndpoint } from '../lifecycle/endorser-client';
import type { SigningIdentity } from '../lifecycle/signing-identity';
import { DiscoveryClient, type DiscoveredPeer } from './discovery';
import type { NodePlan, RunningNode } from './runtime';
import { waitUntil } from './wait';

/** The peer whose discovery service is asked, as the gateway on it will plan from that view. */
export interface DiscoveringPeer {
  readonly name: string;
  readonly endpoint: PeerEndpoint;
  /** A member of the channel, to sign discovery requests with (an organization admin). */
  readonly identity: SigningIdentity;
}

/** A started peer as {@link waitForDiscovery} asks it, signing as `identity`. */
export function discoveringPeer(
  peer: { readonly plan: NodePlan; readonly node: RunningNode },
  tlsCaCertificate: string,
  identity: SigningIdentity,
): DiscoveringPeer {
  return {
    name: peer.plan.name,
    endpoint: { address: peer.node.hostAddress(peer.plan.port), tlsCaCertificate, serverName: peer.plan.name },
    identity,
  };
}

/** What discovery must show before the next step: peers of these organizations, optionally with a chaincode. */
export interface DiscoveryExpectation {
  readonly channelId: string;
  /** How many peers of each organization (MSP ID) must be seen. */
  readonly peersByOrganization: Readonly<Record<string, number>>;
  /** When given, only peers that report this chaincode (installed and defined) count. */
  readonly chaincode?: string;
}

/**
 * Waits until the discovery service of `peer` reports the expected peers of the channel. The Fabric Gateway on that
 * peer plans endorsements from the same view (`internal/pkg/gateway/registry.go` `endorsersByOrg`: gossip members
 * of the channel with their state info, and for a chaincode, those whose state info lists it), which can lag behind
 * gossip membership; without this wait a commit or first submit fails with "failed to find any endorsing peers for
 * org(s)". Fails with a {@link WaitTimeoutError} naming the peer, the channel and the organizations still missing.
 */
export async function waitForDiscovery(
  peer: DiscoveringPeer,
  expectation: DiscoveryExpectation,
  timeoutMs: number,
): Promise<void> {
  const client = await DiscoveryClient.connect(peer.endpoint, peer.identity, peer.name);
  const what = expectation.chaincode
    ? `chaincode ${expectation.chaincode} on the peers of ${describe(expectation.peersByOrganization)}`
    : `the peers of ${describe(expectation.peersByOrganization)}`;
  try {
    await waitUntil(
      `discovery on ${peer.name} to report ${what} on channel ${expectation.channelId}`,
      timeoutMs,
      async () => {
        const seen = await client.channelPeers(expectation.channelId);
        return missingFrom(seen, expectation) ?? true;
      },
      100,
    );
  } finally {
    client.close();
  }
}

/** What discovery does not show yet, in words, or undefined when it shows everything expected. */
export function missingFrom(seen: readonly DiscoveredPeer[], expectation: DiscoveryExpectation): string | undefined {
  const { chaincode } = expectation;
  const lacking = Object.entries(expectation.peersByOrganization).flatMap(([mspId, wanted]) => {
    const count = seen.filter((p) => p.mspId === mspId && (!chaincode || p.chaincodes.includes(chaincode))).length;
    return count >= wanted ? [] : [`${mspId} ${count} of ${wanted}`];
  });
  return lacking.length === 0 ? undefined : `seen: ${lacking.join(', ')}`;
}

function describe(peersByOrganization: Readonly<Record<string, number>>): string {
  return Object.keys(peersByOrganization).join(', ');
}
