import { getContainerRuntimeClient } from 'testcontainers';
import { FabricTestkitError } from '../errors';
import { NETWORK_LABEL } from './labels';
import { labelledResources } from './network-listing';

/**
 * Removes every container and network labelled as belonging to a harness network (`networkId`), or to any harness
 * network when `networkId` is omitted. Works without Ryuk; safe to call twice. Repeats until nothing is left (a
 * container still being created can refuse removal for a moment), then throws naming what could not be removed.
 */
export async function removeNetworkResources(networkId?: string): Promise<void> {
  const client = await getContainerRuntimeClient();
  const docker = client.container.dockerode;
  const label = networkId ? `${NETWORK_LABEL}=${networkId}` : NETWORK_LABEL;
  const problems: string[] = [];
  for (let attempt = 0; attempt < 10; attempt++) {
    problems.length = 0;
    const { containers } = await labelledResources(networkId);
    await Promise.all(
      containers.map((c) =>
        docker
          .getContainer(c.Id)
          .remove({ force: true, v: true })
          .catch((e: unknown) => problems.push(`container ${c.Names.join(',')}: ${String(e)}`)),
      ),
    );
    const { networks } = await labelledResources(networkId);
    await Promise.all(
      networks.map((n) =>
        docker
          .getNetwork(n.Id)
          .remove()
          .catch((e: unknown) => problems.push(`network ${n.Name}: ${String(e)}`)),
      ),
    );
    const left = await listNetworkResources(networkId);
    if (left.containers.length === 0 && left.networks.length === 0) {
      return;
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  throw new FabricTestkitError(`could not remove everything labelled ${label}: ${problems.join('; ')}`);
}

/** Lists the IDs of containers and networks with the harness label (for leak checks); see also `listNetworks`. */
export async function listNetworkResources(networkId?: string): Promise<{ containers: string[]; networks: string[] }> {
  const { containers, networks } = await labelledResources(networkId);
  return { containers: containers.map((c) => c.Id), networks: networks.map((n) => n.Id) };
}
