/**
 * What Docker still holds of the soak's networks, for its leak checks: containers and docker networks carrying the
 * harness's label with one of the soak's network IDs (other networks on the engine are not the soak's business),
 * and dangling volumes: a node's anonymous volumes carry no label, so a volume that no container uses and that
 * was not there when the soak began counts as leaked.
 */
import { getContainerRuntimeClient } from 'testcontainers';
import { listNetworks } from '@fabric-testkit/test-harness';

/** What is left: container and docker network names, volume names. */
export interface Leaks {
  readonly containers: readonly string[];
  readonly networks: readonly string[];
  readonly volumes: readonly string[];
}

/** The names of the volumes no container uses. */
export async function danglingVolumes(): Promise<ReadonlySet<string>> {
  const docker = (await getContainerRuntimeClient()).container.dockerode;
  const { Volumes } = await docker.listVolumes({ filters: { dangling: ['true'] } });
  return new Set((Volumes ?? []).map((v) => v.Name));
}

/** What is left of the given networks, and the dangling volumes that were not in `baselineVolumes`. */
export async function leaksOf(networkIds: Iterable<string>, baselineVolumes: ReadonlySet<string>): Promise<Leaks> {
  const containers: string[] = [];
  const networks: string[] = [];
  for (const id of networkIds) {
    for (const listed of await listNetworks(id)) {
      containers.push(...listed.containers.map((c) => c.name));
      networks.push(...listed.dockerNetworks.map((n) => n.name));
    }
  }
  const volumes = [...(await danglingVolumes())].filter((v) => !baselineVolumes.has(v));
  return { containers: containers.sort(), networks: networks.sort(), volumes: volumes.sort() };
}

/** Removes leaked volumes, so one leak is counted once and not again in every later check. */
export async function removeVolumes(names: readonly string[]): Promise<void> {
  const docker = (await getContainerRuntimeClient()).container.dockerode;
  await Promise.all(
    names.map((name) =>
      docker
        .getVolume(name)
        .remove({ force: true })
        .catch(() => undefined),
    ),
  );
}
