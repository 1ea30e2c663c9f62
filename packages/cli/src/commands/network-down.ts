/**
 * `fabric-testkit down [ID] [--all]`: removes the containers and docker networks of one fabric-testkit network with
 * the harness's label-based clean-up, stops the chaincode servers `deploy` left running for it, and deletes its state
 * file (an in-memory network has only its file). Without an ID: every network `up` recorded in the state directory;
 * with `--all`, also every other fabric-testkit network Docker has (test suites' and drills' leftovers). Without
 * `--all` it leaves those alone: on a shared machine they may be someone else's tests, running. Safe to run twice:
 * with nothing left it says so and succeeds.
 */
import type { Command } from 'commander';
import {
  listNetworks,
  removeNetworkResources,
  stopDetachedChaincodeServer,
  type DockerNetwork,
  type ListedNetwork,
  type NetworkContainer,
} from '@fabric-testkit/test-harness';
import { checkNetworkId, isMockDescription, NetworkStateStore, type StoredDescription } from './network-state';

/** What the command's action needs; tests replace every part. */
export interface NetworkDownDeps {
  readonly write: (line: string) => void;
  readonly listNetworks: (networkId?: string) => Promise<ListedNetwork[]>;
  readonly remove: (networkId: string) => Promise<void>;
  /** Stops a detached chaincode server (no-op when it is gone). */
  readonly stopServer: (pid: number, packageId: string) => Promise<void>;
  readonly store: NetworkStateStore;
}

const defaultDeps: NetworkDownDeps = {
  write: (line) => process.stdout.write(`${line}\n`),
  listNetworks,
  remove: removeNetworkResources,
  stopServer: (pid, packageId) => stopDetachedChaincodeServer(pid, packageId),
  store: new NetworkStateStore(),
};

/** What `down` removed of one network. */
export interface RemovedNetwork {
  readonly id: string;
  /** The removed containers' node names. */
  readonly containers: readonly string[];
  readonly dockerNetworks: number;
  /** The process IDs of the chaincode servers it stopped. */
  readonly chaincodeServers: readonly number[];
  /** The deleted state file, if there was one. */
  readonly stateFile?: string;
}

/** Registers `down` on the program. */
export function registerNetworkDownCommand(program: Command, deps: NetworkDownDeps = defaultDeps): void {
  program
    .command('down')
    .description('Remove fabric-testkit networks and their state files')
    .argument('[id]', 'the network ID, as "up" and "status" print it (default: every network "up" started)')
    .option('--all', 'also every other fabric-testkit network in Docker (started by tests or drills)')
    .action(async (id: string | undefined, flags: { all?: boolean }) => {
      await runNetworkDown(id, deps, flags.all === true);
    });
}

/** The action of `fabric-testkit down`: resolves with what it removed (empty when there was nothing). */
export async function runNetworkDown(
  id: string | undefined,
  deps: NetworkDownDeps,
  all = false,
): Promise<RemovedNetwork[]> {
  const ids = id !== undefined ? [checkNetworkId(id)] : all ? await everyNetworkId(deps) : await recordedIds(deps);
  const removed: RemovedNetwork[] = [];
  for (const networkId of ids) {
    const result = await removeOne(networkId, deps);
    if (result !== undefined) removed.push(result);
  }
  if (removed.length === 0) {
    deps.write(
      id === undefined
        ? all
          ? '[down] nothing to remove: no fabric-testkit network in Docker or in the state directory'
          : '[down] nothing to remove: no network in the state directory (--all also removes the others in Docker)'
        : `[down] nothing to remove: network ${id} has no containers, docker network or state file`,
    );
  }
  return removed;
}

/** The networks `up` recorded. */
async function recordedIds(deps: NetworkDownDeps): Promise<string[]> {
  return (await deps.store.list()).map((s) => s.id);
}

async function everyNetworkId(deps: NetworkDownDeps): Promise<string[]> {
  const stored = await deps.store.list();
  // In-memory networks are only files: without Docker they can still be removed, when they are all there is.
  const onlyInMemory = stored.every((s) => s.description !== undefined && isMockDescription(s.description));
  const listed = await deps.listNetworks().catch((e: unknown) => {
    if (onlyInMemory) return [];
    throw e;
  });
  return [...new Set([...listed.map((n) => n.id), ...stored.map((s) => s.id)])].sort();
}

async function removeOne(id: string, deps: NetworkDownDeps): Promise<RemovedNetwork | undefined> {
  const description = await deps.store.read(id).catch(() => undefined);
  const { containers, networks } = await dockerResourcesOf(id, description, deps);
  const servers = (description?.chaincodes ?? []).flatMap((c) => [...c.servers]);
  for (const server of servers) await deps.stopServer(server.pid, server.packageId);
  if (containers.length > 0 || networks.length > 0) await deps.remove(id);
  const stateFile = deps.store.fileOf(id);
  const hadStateFile = await deps.store.remove(id);
  if (containers.length === 0 && networks.length === 0 && !hadStateFile) return undefined;
  const removed: RemovedNetwork = {
    id,
    containers: containers.map((c) => c.node || c.name).sort(),
    dockerNetworks: networks.length,
    chaincodeServers: servers.map((c) => c.pid),
    ...(hadStateFile ? { stateFile } : {}),
  };
  deps.write(`[down] removed network ${id}: ${describeRemoved(removed)}`);
  return removed;
}

/** The network's containers and docker networks; an in-memory network has none (Docker is not asked). */
async function dockerResourcesOf(
  id: string,
  description: StoredDescription | undefined,
  deps: NetworkDownDeps,
): Promise<{ containers: readonly NetworkContainer[]; networks: readonly DockerNetwork[] }> {
  if (description !== undefined && isMockDescription(description)) return { containers: [], networks: [] };
  const [listed] = await deps.listNetworks(id);
  return { containers: listed?.containers ?? [], networks: listed?.dockerNetworks ?? [] };
}

function describeRemoved(removed: RemovedNetwork): string {
  const nodes = removed.containers;
  return [
    `${nodes.length} container(s)${nodes.length > 0 ? ` (${nodes.join(', ')})` : ''}`,
    `${removed.dockerNetworks} docker network(s)`,
    ...(removed.chaincodeServers.length === 0
      ? []
      : [`${removed.chaincodeServers.length} chaincode server(s) (${removed.chaincodeServers.join(', ')})`]),
    removed.stateFile === undefined ? 'no state file' : `state file ${removed.stateFile}`,
  ].join(', ');
}
