/**
 * `fabric-testkit status`: lists the fabric-testkit networks Docker has (found by the harness's label), each
 * container with its state and published ports, and whether `up` recorded the network in a state file. Networks
 * without one were started by a test suite or a drill.
 */
import type { Command } from 'commander';
import {
  isChaincodeServerRunning,
  listNetworks,
  type ListedNetwork,
  type NetworkContainer,
} from '@fabric-testkit/test-harness';
import { isMockDescription, NetworkStateStore, type ChaincodeRecord, type StoredNetwork } from './network-state';

/** What the command's action needs; tests replace every part. */
export interface NetworkStatusDeps {
  readonly write: (line: string) => void;
  readonly listNetworks: () => Promise<ListedNetwork[]>;
  readonly store: NetworkStateStore;
}

const defaultDeps: NetworkStatusDeps = {
  write: (line) => process.stdout.write(`${line}\n`),
  listNetworks: () => listNetworks(),
  store: new NetworkStateStore(),
};

/** One network as `status` sees it. */
export interface NetworkStatus {
  readonly id: string;
  readonly containers: readonly NetworkContainer[];
  /** Whether a docker network with the label exists. */
  readonly hasDockerNetwork: boolean;
  /** Its state file, when `up` started it. */
  readonly stored?: StoredNetwork;
}

/** Registers `status` on the program. */
export function registerNetworkStatusCommand(program: Command, deps: NetworkStatusDeps = defaultDeps): void {
  program
    .command('status')
    .description('List fabric-testkit networks: containers, state, ports')
    .action(async () => {
      await runNetworkStatus(deps);
    });
}

/** The action of `fabric-testkit status`: prints every network and resolves with them. */
export async function runNetworkStatus(deps: NetworkStatusDeps): Promise<NetworkStatus[]> {
  const stored = await deps.store.list();
  // Without Docker the in-memory networks are still worth listing.
  const listed = await deps.listNetworks().catch((e: unknown) => {
    deps.write(`(Docker does not answer, so no containers are listed: ${e instanceof Error ? e.message : String(e)})`);
    return [];
  });
  const ids = [...new Set([...listed.map((n) => n.id), ...stored.map((s) => s.id)])].sort();
  const statuses = ids.map((id) => {
    const network = listed.find((n) => n.id === id);
    return {
      id,
      containers: [...(network?.containers ?? [])].sort((a, b) => a.node.localeCompare(b.node)),
      hasDockerNetwork: (network?.dockerNetworks.length ?? 0) > 0,
      stored: stored.find((s) => s.id === id),
    };
  });
  const mockUp = stored.some((s) => s.description !== undefined && isMockDescription(s.description));
  if (!mockUp && !statuses.some((s) => s.containers.some((c) => c.state === 'running'))) {
    deps.write('no fabric-testkit network is running');
  }
  for (const status of statuses) {
    for (const line of formatStatus(status)) deps.write(line);
  }
  return statuses;
}

/** A header line for the network, then one line per container. */
export function formatStatus(status: NetworkStatus): string[] {
  const description = status.stored?.description;
  if (description !== undefined && isMockDescription(description)) {
    return [
      `network ${status.id} (in-memory, channel ${description.channel}, state file ${status.stored?.file ?? ''}): ` +
        `${description.journal.length} ledger-changing command(s) recorded`,
      ...(description.chaincodes ?? []).map((c) => `  chaincode ${c.name} version ${c.version} sequence ${c.sequence}`),
    ];
  }
  const running = status.containers.filter((c) => c.state === 'running').length;
  const counts =
    status.containers.length === 0
      ? `no containers${status.hasDockerNetwork ? ' (a docker network only)' : ''}`
      : `${running} of ${status.containers.length} containers running`;
  const lines = [`network ${status.id} ${origin(status.stored)}: ${counts}`];
  for (const c of status.containers) {
    const ports = c.ports.map((p) => `${p.hostAddress} (${p.containerPort})`).join(', ');
    lines.push(`  ${c.node.padEnd(18)} ${c.state.padEnd(8)} ${ports}`.trimEnd());
  }
  lines.push(...chaincodeLines(description?.chaincodes ?? []));
  if (status.stored !== undefined && running === 0) {
    lines.push(`  "fabric-testkit down ${status.id}" removes what is left and the state file`);
  }
  return lines;
}

/** Each chaincode `deploy` recorded, with its servers and whether each still runs. */
function chaincodeLines(chaincodes: readonly ChaincodeRecord[]): string[] {
  return chaincodes.flatMap((chaincode) => [
    `  chaincode ${chaincode.name} version ${chaincode.version} sequence ${chaincode.sequence}`,
    ...chaincode.servers.map((server) => {
      const state = isChaincodeServerRunning(server.pid, server.packageId) ? 'running' : 'stopped';
      return `    server of ${server.organization.padEnd(8)} ${state.padEnd(8)} process ${server.pid} at ${server.address}`;
    }),
  ]);
}

function origin(stored: StoredNetwork | undefined): string {
  if (stored === undefined) return '(no state file: started by a test or a drill)';
  if (stored.description === undefined) return `(state file ${stored.file}, unreadable: ${stored.problem ?? ''})`;
  return `(channel ${stored.description.channel}, state file ${stored.file})`;
}
