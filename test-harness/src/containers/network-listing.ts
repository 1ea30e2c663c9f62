import { getContainerRuntimeClient } from 'testcontainers';
import { NETWORK_LABEL, NODE_LABEL } from './labels';

/** A container port published on the host. */
export interface PublishedPort {
  readonly containerPort: number;
  /** `host:port` as a client on this machine reaches it, for example `127.0.0.1:32801`. */
  readonly hostAddress: string;
}

/** One container of a harness network, as Docker lists it. */
export interface NetworkContainer {
  /** The container ID. */
  readonly id: string;
  /** The node it runs, for example `peer0.org1` (empty when the container has no node label). */
  readonly node: string;
  /** The container name. */
  readonly name: string;
  /** Docker's state: `running`, `exited`, `paused`, `created`, … */
  readonly state: string;
  readonly ports: readonly PublishedPort[];
}

/** A docker network of a harness network. */
export interface DockerNetwork {
  readonly id: string;
  readonly name: string;
}

/** What Docker holds of one harness network: its containers and docker networks. */
export interface ListedNetwork {
  /** The harness network ID (the value of {@link NETWORK_LABEL}). */
  readonly id: string;
  readonly containers: readonly NetworkContainer[];
  readonly dockerNetworks: readonly DockerNetwork[];
}

/** What this module reads of Docker's container list. */
export interface LabelledContainer {
  readonly Id: string;
  readonly Names: readonly string[];
  readonly Labels: Readonly<Record<string, string>>;
  readonly State: string;
  readonly Ports: readonly DockerPortBinding[];
}

/** What this module reads of Docker's network list. */
export interface LabelledNetwork {
  readonly Id: string;
  readonly Name: string;
  readonly Labels?: Readonly<Record<string, string>>;
}

/** The raw Docker listing of everything labelled as belonging to one harness network, or to any. */
export async function labelledResources(
  networkId?: string,
): Promise<{ containers: LabelledContainer[]; networks: LabelledNetwork[] }> {
  const docker = (await getContainerRuntimeClient()).container.dockerode;
  const label = networkId ? `${NETWORK_LABEL}=${networkId}` : NETWORK_LABEL;
  const [containers, networks] = await Promise.all([
    docker.listContainers({ all: true, filters: { label: [label] } }),
    docker.listNetworks({ filters: { label: [label] } }),
  ]);
  return { containers, networks };
}

/**
 * Lists the harness networks Docker holds (found by {@link NETWORK_LABEL}): per network ID, its containers with
 * node name, state and published ports, and its docker networks. Gives one network when `networkId` is given and
 * Docker holds something of it, none when nothing is left. Networks come in the order Docker first lists them.
 *
 * @example
 * ```ts
 * for (const network of await listNetworks()) {
 *   console.log(network.id, network.containers.map((c) => `${c.node} ${c.state}`));
 * }
 * ```
 */
export async function listNetworks(networkId?: string): Promise<ListedNetwork[]> {
  const { containers, networks } = await labelledResources(networkId);
  return groupByNetwork(
    containers.map((c) => ({
      networkId: c.Labels[NETWORK_LABEL] ?? '',
      container: {
        id: c.Id,
        node: c.Labels[NODE_LABEL] ?? '',
        name: (c.Names[0] ?? c.Id).replace(/^\//, ''),
        state: c.State,
        ports: publishedPorts(c.Ports),
      },
    })),
    networks.map((n) => ({ networkId: n.Labels?.[NETWORK_LABEL] ?? '', dockerNetwork: { id: n.Id, name: n.Name } })),
  );
}

/** Groups labelled containers and docker networks by network ID, in first-seen order (containers first). */
export function groupByNetwork(
  containers: readonly { readonly networkId: string; readonly container: NetworkContainer }[],
  dockerNetworks: readonly { readonly networkId: string; readonly dockerNetwork: DockerNetwork }[],
): ListedNetwork[] {
  const byId = new Map<string, { id: string; containers: NetworkContainer[]; dockerNetworks: DockerNetwork[] }>();
  const entry = (id: string): { id: string; containers: NetworkContainer[]; dockerNetworks: DockerNetwork[] } => {
    let found = byId.get(id);
    if (found === undefined) {
      found = { id, containers: [], dockerNetworks: [] };
      byId.set(id, found);
    }
    return found;
  };
  for (const { networkId, container } of containers) entry(networkId).containers.push(container);
  for (const { networkId, dockerNetwork } of dockerNetworks) entry(networkId).dockerNetworks.push(dockerNetwork);
  return [...byId.values()];
}

/** A port binding as Docker's container list reports it. */
export interface DockerPortBinding {
  readonly IP?: string;
  readonly PrivatePort: number;
  readonly PublicPort?: number;
}

/**
 * One address per published container port, sorted by container port. Docker lists IPv4 and IPv6 bindings
 * separately; the IPv4 one is kept, and `0.0.0.0` becomes `127.0.0.1`, the address a client here dials.
 */
export function publishedPorts(ports: readonly DockerPortBinding[]): PublishedPort[] {
  const byPort = new Map<number, PublishedPort>();
  for (const port of ports) {
    if (port.PublicPort === undefined || byPort.has(port.PrivatePort)) continue;
    const ip = port.IP === undefined || port.IP === '0.0.0.0' || port.IP === '::' ? '127.0.0.1' : port.IP;
    if (ip.includes(':')) continue;
    byPort.set(port.PrivatePort, { containerPort: port.PrivatePort, hostAddress: `${ip}:${port.PublicPort}` });
  }
  return [...byPort.values()].sort((a, b) => a.containerPort - b.containerPort);
}
