import type { ListedNetwork, NetworkContainer } from '@fabric-testkit/test-harness';

/** A container as a fake Docker holds it: tagged with the harness network it belongs to. */
export type LabelledContainer = NetworkContainer & { readonly networkId: string };

/** What a fake Docker holds: labelled containers and docker networks. */
export interface DockerContents {
  readonly containers: readonly LabelledContainer[];
  readonly networks: readonly { readonly networkId: string; readonly name: string }[];
}

/** A container of network `networkId` running `node`. */
export function labelledContainer(
  networkId: string,
  node: string,
  state: string,
  ports: NetworkContainer['ports'] = [],
): LabelledContainer {
  return { networkId, id: `${networkId}-${node}-id`, node, name: `${networkId}-${node}`, state, ports };
}

/** The harness's `listNetworks` answer for these contents: per network ID (first-seen order), or only `id`'s. */
export function listedNetworks(contents: DockerContents, id?: string): ListedNetwork[] {
  const ids = [...new Set([...contents.containers, ...contents.networks].map((r) => r.networkId))];
  return ids
    .filter((networkId) => id === undefined || networkId === id)
    .map((networkId) => ({
      id: networkId,
      containers: contents.containers.filter((c) => c.networkId === networkId),
      dockerNetworks: contents.networks
        .filter((n) => n.networkId === networkId)
        .map((n) => ({ id: `${n.name}-id`, name: n.name })),
    }));
}
