/**
 * What Docker knows about fabric-testkit networks: their containers (node, state, published ports) and docker
 * networks, found by the harness's labels. The harness's `listNetworkResources` returns bare IDs; `status` and
 * `up` need the network ID, node name, state and ports of each, so this asks the engine for the same labels.
 */
import { getContainerRuntimeClient } from 'testcontainers';
import { NETWORK_LABEL, NODE_LABEL } from '@fabric-testkit/test-harness';

/** A container port published on the host. */
export interface PublishedPort {
  readonly containerPort: number;
  /** `host:port` as a client on this machine reaches it, for example `127.0.0.1:32801`. */
  readonly hostAddress: string;
}

/** One container of a fabric-testkit network. */
export interface NetworkContainer {
  readonly networkId: string;
  /** The node it runs, for example `peer0.org1`. */
  readonly node: string;
  /** The container name. */
  readonly name: string;
  /** Docker's state: `running`, `exited`, `paused`, `created`, … */
  readonly state: string;
  readonly ports: readonly PublishedPort[];
}

/** A docker network of a fabric-testkit network. */
export interface NetworkBridge {
  readonly networkId: string;
  readonly name: string;
}

/** Everything labelled as belonging to fabric-testkit networks. */
export interface FabricResources {
  readonly containers: readonly NetworkContainer[];
  readonly networks: readonly NetworkBridge[];
}

interface DockerPort {
  readonly IP?: string;
  readonly PrivatePort: number;
  readonly PublicPort?: number;
}

/** Lists the containers and docker networks of one fabric-testkit network, or of all of them. */
export async function listFabricResources(networkId?: string): Promise<FabricResources> {
  const docker = (await getContainerRuntimeClient()).container.dockerode;
  const label = networkId === undefined ? NETWORK_LABEL : `${NETWORK_LABEL}=${networkId}`;
  const containers = await docker.listContainers({ all: true, filters: { label: [label] } });
  const networks = await docker.listNetworks({ filters: { label: [label] } });
  return {
    containers: containers.map((c) => ({
      networkId: c.Labels[NETWORK_LABEL] ?? '',
      node: c.Labels[NODE_LABEL] ?? '',
      name: (c.Names[0] ?? c.Id).replace(/^\//, ''),
      state: c.State,
      ports: publishedPorts(c.Ports),
    })),
    networks: networks.map((n) => ({ networkId: n.Labels?.[NETWORK_LABEL] ?? '', name: n.Name })),
  };
}

/** One address per container port (docker lists IPv4 and IPv6 bindings separately), `0.0.0.0` as `127.0.0.1`. */
export function publishedPorts(ports: readonly DockerPort[]): PublishedPort[] {
  const byPort = new Map<number, PublishedPort>();
  for (const port of ports) {
    if (port.PublicPort === undefined || byPort.has(port.PrivatePort)) continue;
    const ip = port.IP === undefined || port.IP === '0.0.0.0' || port.IP === '::' ? '127.0.0.1' : port.IP;
    if (ip.includes(':')) continue;
    byPort.set(port.PrivatePort, { containerPort: port.PrivatePort, hostAddress: `${ip}:${port.PublicPort}` });
  }
  return [...byPort.values()].sort((a, b) => a.containerPort - b.containerPort);
}

/** The network IDs that have containers or docker networks, in first-seen order. */
export function networkIdsOf(resources: FabricResources): string[] {
  return [...new Set([...resources.containers, ...resources.networks].map((r) => r.networkId))];
}
