/**
 * `--network ID` for the commands that work on a running network (deploy, invoke, query, …): the named network, or
 * when none is named, the only one that is up. A real network is up while its containers run; an in-memory one
 * (`up --mock`) while its state file exists.
 */
import type { ListedNetwork } from '@fabric-testkit/test-harness';
import {
  NetworkNotRunningError,
  NoNetworkError,
  SeveralNetworksError,
  UnknownNetworkError,
  DockerUnavailableError,
} from './network-errors';
import { checkNetworkId, isMockDescription, type NetworkStateStore, type StoredDescription } from './network-state';

/** What selection needs; tests replace every part. */
export interface NetworkSelectionDeps {
  readonly store: NetworkStateStore;
  readonly listNetworks: (networkId?: string) => Promise<ListedNetwork[]>;
}

/** The flags every such command takes. */
export interface NetworkFlags {
  /** `--network ID`. */
  readonly network?: string;
  /** `--mock`: only in-memory networks. */
  readonly mock?: boolean;
}

/** A selected network: its state file and what it says. */
export interface SelectedNetwork {
  readonly file: string;
  readonly description: StoredDescription;
}

/** The network the command works on; see the module comment for the rules. */
export async function selectNetwork(flags: NetworkFlags, deps: NetworkSelectionDeps): Promise<SelectedNetwork> {
  const stored = (await deps.store.list()).filter(
    (s): s is typeof s & { description: StoredDescription } => s.description !== undefined,
  );
  if (flags.network !== undefined) {
    const id = checkNetworkId(flags.network);
    const entry = stored.find((s) => s.id === id);
    if (entry === undefined || (flags.mock === true && !isMockDescription(entry.description))) {
      throw new UnknownNetworkError(
        id,
        stored.filter((s) => flags.mock !== true || isMockDescription(s.description)).map((s) => s.id),
      );
    }
    if (!isMockDescription(entry.description) && !(await isRunning(id, deps))) throw new NetworkNotRunningError(id);
    return { file: entry.file, description: entry.description };
  }
  const candidates = stored.filter((s) => flags.mock !== true || isMockDescription(s.description));
  const up: SelectedNetwork[] = [];
  for (const entry of candidates) {
    if (isMockDescription(entry.description) || (await isRunning(entry.id, deps))) {
      up.push({ file: entry.file, description: entry.description });
    }
  }
  const [only] = up;
  if (only === undefined) throw new NoNetworkError(flags.mock === true);
  if (up.length > 1) {
    throw new SeveralNetworksError(
      up.map((n) => ({ id: n.description.id, kind: isMockDescription(n.description) ? 'in-memory' : 'containers' })),
    );
  }
  return only;
}

async function isRunning(id: string, deps: NetworkSelectionDeps): Promise<boolean> {
  const listed = await deps.listNetworks(id).catch((e: unknown) => {
    throw new DockerUnavailableError(e);
  });
  return listed.some((n) => n.id === id && n.containers.some((c) => c.state === 'running'));
}
