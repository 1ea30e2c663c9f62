/**
 * Turns a started harness network into the description `up` prints and stores: peers with their TLS details and
 * each organization's admin identity (the private key exported as PEM), orderers and CAs with the host address
 * Docker published for their main port.
 */
import type {
  FabricNode,
  FabricOrganization,
  NetworkContainer,
  StartedFabricNetwork,
} from '@fabric-testkit/test-harness';
import type { NetworkDescription, NodeDescription, OrganizationDescription } from './network-state';

/** The ports Fabric's orderer and CA listen on in their containers (the harness keeps Fabric's defaults). */
export const ORDERER_PORT = 7050;
export const CA_PORT = 7054;

/** Describes `network`; `containers` are its containers as Docker lists them (for orderer and CA addresses). */
export function describeNetwork(
  network: StartedFabricNetwork,
  channel: string,
  containers: readonly NetworkContainer[],
  now: Date = new Date(),
): NetworkDescription {
  return {
    id: network.id,
    createdAt: now.toISOString(),
    channel,
    organizations: network.organizations.map(describeOrganization),
    orderers: network.orderers.map((node) => describeNode(node, ORDERER_PORT, containers)),
    cas: network.cas.map((node) => describeNode(node, CA_PORT, containers)),
  };
}

function describeOrganization(org: FabricOrganization): OrganizationDescription {
  const key = org.admin.privateKey.export({ type: 'pkcs8', format: 'pem' });
  return {
    name: org.name,
    mspId: org.mspId,
    peers: org.peers.map((peer) => ({
      name: peer.name,
      address: peer.endpoint.address,
      tlsCaCertificate: peer.endpoint.tlsCaCertificate,
      ...(peer.endpoint.serverName === undefined ? {} : { serverName: peer.endpoint.serverName }),
    })),
    admin: {
      mspId: org.admin.mspId,
      certificate: org.admin.certificate,
      privateKey: typeof key === 'string' ? key : key.toString('utf8'),
    },
  };
}

function describeNode(node: FabricNode, port: number, containers: readonly NetworkContainer[]): NodeDescription {
  const container = containers.find((c) => c.node === node.name);
  const address = container?.ports.find((p) => p.containerPort === port)?.hostAddress;
  return { name: node.name, ...(address === undefined ? {} : { address }), operationsUrl: node.operationsUrl };
}

/** The lines `up` prints at the end: one per peer, orderer and CA, with the address to reach it. */
export function formatDescription(description: NetworkDescription): string[] {
  const lines = [`network ${description.id}, channel ${description.channel}`];
  for (const org of description.organizations) {
    for (const peer of org.peers) {
      const tls = peer.serverName === undefined ? '' : ` (TLS server name ${peer.serverName})`;
      lines.push(`  ${org.mspId.padEnd(10)} ${peer.name.padEnd(18)} ${peer.address}${tls}`);
    }
  }
  for (const node of description.orderers) {
    lines.push(`  ${'orderer'.padEnd(10)} ${node.name.padEnd(18)} ${node.address ?? '(not published)'}`);
  }
  for (const node of description.cas) {
    const address = node.address === undefined ? '(not published)' : `https://${node.address}`;
    lines.push(`  ${'CA'.padEnd(10)} ${node.name.padEnd(18)} ${address}`);
  }
  return lines;
}
