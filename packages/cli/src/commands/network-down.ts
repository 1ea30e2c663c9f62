/**
 * `fabric-testkit down [ID]`: removes the containers and docker networks of one fabric-testkit network (or of all
 * of them) with the harness's label-based clean-up, and deletes their state files. Safe to run twice: with nothing
 * left it says so and succeeds.
 */
import type { Command } from 'commander';
import { listNetworks, removeNetworkResources, type ListedNetwork } from '@fabric-testkit/test-harness';
import { checkNetworkId, NetworkStateStore } from './network-state';

/** What the command's action needs; tests replace every part. */
export interface NetworkDownDeps {
  readonly write: (line: string) => void;
  readonly listNetworks: (networkId?: string) => Promise<ListedNetwork[]>;
  readonly remove: (networkId: string) => Promise<void>;
  readonly store: NetworkStateStore;
}

const defaultDeps: NetworkDownDeps = {
  write: (line) => process.stdout.write(`${line}\n`),
  listNetworks,
  remove: removeNetworkResources,
  store: new NetworkStateStore(),
};

/** What `down` removed of one network. */
export interface RemovedNetwork {
  readonly id: string;
  /** The removed containers' node names. */
  readonly containers: readonly string[];
  readonly dockerNetworks: number;
  /** The deleted state file, if there was one. */
  readonly stateFile?: string;
}

/** Registers `down` on the program. */
export function registerNetworkDownCommand(program: Command, deps: NetworkDownDeps = defaultDeps): void {
  program
    .command('down')
    .description('Remove fabric-testkit networks and their state files')
    .argument('[id]', 'the network ID, as "up" and "status" print it (default: every fabric-testkit network)')
    .action(async (id: string | undefined) => {
      await runNetworkDown(id, deps);
    });
}

/** The action of `fabric-testkit down`: resolves with what it removed (empty when there was nothing). */
export async function runNetworkDown(id: string | undefined, deps: NetworkDownDeps): Promise<RemovedNetwork[]> {
  const ids = id === undefined ? await everyNetworkId(deps) : [checkNetworkId(id)];
  const removed: RemovedNetwork[] = [];
  for (const networkId of ids) {
    const result = await removeOne(networkId, deps);
    if (result !== undefined) removed.push(result);
  }
  if (removed.length === 0) {
    deps.write(
      id === undefined
        ? '[down] nothing to remove: no fabric-testkit network in Docker or in the state directory'
        : `[down] nothing to remove: network ${id} has no containers, docker network or state file`,
    );
  }
  return removed;
}

async function everyNetworkId(deps: NetworkDownDeps): Promise<string[]> {
  const [listed, stored] = await Promise.all([deps.listNetworks(), deps.store.list()]);
  return [...new Set([...listed.map((n) => n.id), ...stored.map((s) => s.id)])].sort();
}

async function removeOne(id: string, deps: NetworkDownDeps): Promise<RemovedNetwork | undefined> {
  const [listed] = await deps.listNetworks(id);
  const containers = listed?.containers ?? [];
  const networks = listed?.dockerNetworks ?? [];
  if (containers.length > 0 || networks.length > 0) await deps.remove(id);
  const stateFile = deps.store.fileOf(id);
  const hadStateFile = await deps.store.remove(id);
  if (containers.length === 0 && networks.length === 0 && !hadStateFile) return undefined;
  const nodes = containers.map((c) => c.node || c.name).sort();
  const parts = [
    `${nodes.length} container(s)${nodes.length > 0 ? ` (${nodes.join(', ')})` : ''}`,
    `${networks.length} docker network(s)`,
    hadStateFile ? `state file ${stateFile}` : 'no state file',
  ];
  deps.write(`[down] removed network ${id}: ${parts.join(', ')}`);
  return {
    id,
    containers: nodes,
    dockerNetworks: networks.length,
    ...(hadStateFile ? { stateFile } : {}),
  };
}
