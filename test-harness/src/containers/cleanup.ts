import { getContainerRuntimeClient } from 'testcontainers';
import { NETWORK_LABEL } from './labels';

/**
 * Removes every container and network labelled as belonging to a harness network (`networkId`), or to any harness
 * network when `networkId` is omitted. Works without Ryuk; safe to call twice.
 */
export async function removeNetworkResources(networkId?: string): Promise<void> {
  const client = await getContainerRuntimeClient();
  const label = networkId ? `${NETWORK_LABEL}=${networkId}` : NETWORK_LABEL;
  const containers = await client.container.dockerode.listContainers({ all: true, filters: { label: [label] } });
  await Promise.all(
    containers.map((c) =>
      client.container.dockerode
        .getContainer(c.Id)
        .remove({ force: true, v: true })
        .catch(() => undefined),
    ),
  );
  const networks = await client.container.dockerode.listNetworks({ filters: { label: [label] } });
  await Promise.all(
    networks.map((n) =>
      client.container.dockerode
        .getNetwork(n.Id)
        .remove()
        .catch(() => undefined),
    ),
  );
}

/** Lists the IDs of containers and networks with the harness label (for leak checks). */
export async function listNetworkResources(networkId?: string): Promise<{ containers: string[]; networks: string[] }> {
  const client = await getContainerRuntimeClient();
  const label = networkId ? `${NETWORK_LABEL}=${networkId}` : NETWORK_LABEL;
  const containers = await client.container.dockerode.listContainers({ all: true, filters: { label: [label] } });
  const networks = await client.container.dockerode.listNetworks({ filters: { label: [label] } });
  return { containers: containers.map((c) => c.Id), networks: networks.map((n) => n.Id) };
}
