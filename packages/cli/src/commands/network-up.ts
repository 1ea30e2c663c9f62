/**
 * `fabric-testkit up [--orgs N] [--channel NAME] [--orderers 1|3] [--fabric 2.5|3.1] [--chaincode DIR] [--mock]`:
 * starts a Fabric network in containers with the harness and leaves it running after the command exits, as
 * `network.sh up createChannel` does. Prints where each node listens and writes a description with TLS certificates
 * and admin identities (see network-state.ts) for gateway clients. `--chaincode DIR` deploys a contract package once
 * the network runs (`network.sh deployCC`). `--mock`, or `FABRIC_TESTKIT_TARGET=mock` in the environment, makes an
 * in-memory network instead: only a state file, which the other commands replay (see mock-target.ts), so a lab can
 * start without Docker.
 */
import type { Command } from 'commander';
import { formatSeconds, resolveVersions } from '@fabric-testkit/images';
import {
  ContainerRuntime,
  fabricImages,
  FabricNetwork,
  listNetworks,
  missingImages,
  newNetworkId,
  removeNetworkResources,
  type ListedNetwork,
  type StartedFabricNetwork,
} from '@fabric-testkit/test-harness';
import { describeNetwork, formatDescription } from './network-description';
import { DockerUnavailableError, ImagesMissingError, InvalidFlagError, NetworkAlreadyUpError } from './network-errors';
import {
  isMockDescription,
  NetworkStateStore,
  type ChaincodeRecord,
  type MockNetworkDescription,
  type NetworkDescription,
} from './network-state';
import { readContractPackage } from './contract-package';
import { defaultTargetDeps, runDeploy } from './chaincode-deploy';

/** The most peer organizations `up` starts: each adds a CA and a peer container. */
export const MAX_ORGS = 10;

/** What `up` starts. */
export interface UpPlan {
  readonly id: string;
  /** Organization names: `org1`, `org2`, … */
  readonly organizations: readonly string[];
  readonly channel: string;
  readonly orderers: 1 | 3;
  /** `--fabric`: a Fabric line (`2.5`, `3.1`) or pinned tag; default the harness's. */
  readonly fabric?: string;
}

/** What the command's action needs; tests replace every part. */
export interface NetworkUpDeps {
  readonly write: (line: string) => void;
  /** Rejects when the Docker engine does not answer. */
  readonly missingImages: () => Promise<string[]>;
  readonly listNetworks: (networkId?: string) => Promise<ListedNetwork[]>;
  readonly newNetworkId: () => string;
  readonly start: (plan: UpPlan) => Promise<StartedFabricNetwork>;
  /** Removes a network's containers, for an `up` interrupted half-way. */
  readonly remove: (networkId: string) => Promise<void>;
  /** Runs `cleanUp` on SIGINT/SIGTERM (then exits); returns a function that stops listening. */
  readonly onInterrupt: (cleanUp: () => Promise<void>) => () => void;
  readonly store: NetworkStateStore;
  readonly now: () => Date;
  /** Deploys `--chaincode DIR` on the network just started (the only one up, or the new mock). */
  readonly deployChaincode: (dir: string, networkId: string, write: (line: string) => void) => Promise<ChaincodeRecord>;
  /** Progress lines when stdout carries JSON (`--json`). */
  readonly progress: (line: string) => void;
  readonly environment: NodeJS.ProcessEnv;
}

/** The container runtimes of the starts this process made, by network ID (see {@link removeStartingNetwork}). */
const runtimes = new Map<string, ContainerRuntime>();

/** Starts the network with the harness, leaving it running when this process exits. */
export function startNetwork(plan: UpPlan): Promise<StartedFabricNetwork> {
  // Ryuk removes a session's containers once the process that started them exits: the opposite of `up`.
  process.env['TESTCONTAINERS_RYUK_DISABLED'] = 'true';
  // The ID is ours (not the harness's default) so an interrupted start can be removed by label.
  const runtime = new ContainerRuntime(plan.id, {
    images: fabricImages(plan.fabric === undefined ? {} : { fabric: plan.fabric }),
  });
  runtimes.set(plan.id, runtime);
  const builder = new FabricNetwork({
    runtime,
    cleanupOnSignal: false,
    orderers: plan.orderers,
  });
  for (const name of plan.organizations) builder.withOrganization({ name });
  return builder.withChannel({ name: plan.channel }).start();
}

/**
 * Removes an interrupted start's containers and network. Its own runtime is closed, which waits for Docker calls in
 * flight first: removing by label alone missed a docker network whose creation was under way at the signal, and the
 * soak found it left behind. A network this process did not start is removed by label.
 */
export async function removeStartingNetwork(networkId: string): Promise<void> {
  const runtime = runtimes.get(networkId);
  if (runtime === undefined) {
    await removeNetworkResources(networkId);
    return;
  }
  // Waits for the start's Docker calls, then removes by label; without an engine nothing was made.
  await runtime.close();
}

function onInterrupt(cleanUp: () => Promise<void>): () => void {
  const signals = ['SIGINT', 'SIGTERM'] as const;
  const listener = (signal: NodeJS.Signals): void => {
    unregister();
    const exit = (): never => process.exit(128 + (signal === 'SIGINT' ? 2 : 15));
    void cleanUp().then(exit, exit);
  };
  const unregister = (): void => {
    for (const signal of signals) process.removeListener(signal, listener);
  };
  for (const signal of signals) process.once(signal, listener);
  return unregister;
}

const defaultDeps: NetworkUpDeps = {
  write: (line) => process.stdout.write(`${line}\n`),
  missingImages: () => missingImages(fabricImages()),
  listNetworks,
  newNetworkId,
  start: startNetwork,
  remove: removeStartingNetwork,
  onInterrupt,
  store: new NetworkStateStore(),
  now: () => new Date(),
  deployChaincode: (dir, networkId, write) =>
    runDeploy(dir, { network: networkId }, false, { ...defaultTargetDeps, write }),
  progress: (line) => process.stderr.write(`${line}\n`),
  environment: process.env,
};

/** The flags as commander passes them (strings, defaults applied). */
export interface UpFlags {
  readonly orgs: string;
  readonly channel: string;
  readonly orderers: string;
  readonly fabric?: string;
  readonly chaincode?: string;
  readonly mock?: boolean;
}

/** Registers `up` on the program. */
export function registerNetworkUpCommand(program: Command, deps: NetworkUpDeps = defaultDeps): void {
  program
    .command('up')
    .description('Start a Fabric network that keeps running (see down)')
    .option('--orgs <n>', `how many peer organizations (org1, org2, …), 1 to ${MAX_ORGS}`, '2')
    .option('--channel <name>', 'the application channel, joined by every organization', 'mychannel')
    .option('--orderers <n>', 'how many Raft orderers: 1 or 3', '1')
    .option('--fabric <version>', 'the Fabric version: 2.5 or 3.1 (or a pinned tag); default 2.5')
    .option('--chaincode <dir>', 'deploy this contract package once the network runs (see deploy)')
    .option('--mock', 'an in-memory network instead (no Docker): the other commands work on it the same way')
    .option('--json', 'print the network (and the chaincode deployed) as JSON; progress goes to stderr')
    .action(async (flags: UpFlags & { json?: boolean }) => {
      const json = flags.json === true;
      const description = await runNetworkUp(flags, json ? { ...deps, write: deps.progress } : deps);
      const chaincode =
        flags.chaincode === undefined
          ? undefined
          : await deps.deployChaincode(flags.chaincode, description.id, json ? deps.progress : deps.write);
      if (json)
        deps.write(JSON.stringify(summaryOf(description, deps.store.fileOf(description.id), chaincode), null, 2));
    });
}

/** What `up --json` prints: where everything listens, without the admins' keys (those stay in the state file). */
export function summaryOf(
  description: NetworkDescription | MockNetworkDescription,
  stateFile: string,
  chaincode: ChaincodeRecord | undefined,
): Record<string, unknown> {
  const common = { id: description.id, channel: description.channel, stateFile };
  const withChaincode = chaincode === undefined ? {} : { chaincode };
  if (isMockDescription(description)) {
    return { ...common, target: 'mock', organizations: description.organizations, ...withChaincode };
  }
  return {
    ...common,
    target: 'network',
    fabricVersion: description.fabricVersion,
    organizations: description.organizations.map((o) => ({
      name: o.name,
      mspId: o.mspId,
      peers: o.peers.map((p) => ({ name: p.name, address: p.address })),
    })),
    orderers: description.orderers,
    cas: description.cas,
    ...withChaincode,
  };
}

/** Checks the flags and turns them into what to start. */
export function planOf(flags: UpFlags, id: string): UpPlan {
  if (!/^\d+$/.test(flags.orgs) || Number(flags.orgs) < 1 || Number(flags.orgs) > MAX_ORGS) {
    throw new InvalidFlagError('--orgs', flags.orgs, `a whole number from 1 to ${MAX_ORGS}`);
  }
  if (flags.orderers !== '1' && flags.orderers !== '3') {
    throw new InvalidFlagError('--orderers', flags.orderers, '1 or 3');
  }
  // Fabric's own rule for channel names.
  if (!/^[a-z][a-z0-9.-]{0,248}$/.test(flags.channel)) {
    throw new InvalidFlagError(
      '--channel',
      flags.channel,
      'lower-case letters, digits, "." and "-", starting with a letter (at most 249 characters)',
    );
  }
  return {
    id,
    organizations: Array.from({ length: Number(flags.orgs) }, (_, i) => `org${i + 1}`),
    channel: flags.channel,
    orderers: flags.orderers === '3' ? 3 : 1,
    ...(flags.fabric === undefined ? {} : { fabric: fabricVersionOf(flags.fabric) }),
  };
}

/** Checks `--fabric` against the pinned versions. */
function fabricVersionOf(version: string): string {
  try {
    resolveVersions({ fabric: version });
  } catch (e) {
    throw new InvalidFlagError(
      '--fabric',
      version,
      `a pinned Fabric version (${e instanceof Error ? e.message : String(e)})`,
    );
  }
  return version;
}

/** Whether `up` makes an in-memory network: `--mock`, or `FABRIC_TESTKIT_TARGET=mock`. */
export function isMockUp(flags: UpFlags, env: NodeJS.ProcessEnv): boolean {
  return flags.mock === true || env['FABRIC_TESTKIT_TARGET'] === 'mock';
}

/** The action of `fabric-testkit up`: resolves with the description it wrote once the network runs. */
export async function runNetworkUp(
  flags: UpFlags,
  deps: NetworkUpDeps,
): Promise<NetworkDescription | MockNetworkDescription> {
  const plan = planOf(flags, deps.newNetworkId());
  // A bad --chaincode fails before anything starts.
  if (flags.chaincode !== undefined) await readContractPackage(flags.chaincode);
  if (isMockUp(flags, deps.environment)) return runMockUp(plan, deps);
  await checkImages(deps);
  await refuseIfUp(deps);
  const started = deps.now().getTime();
  deps.write(
    `[up] starting network ${plan.id}: ${plan.organizations.length} organization(s) (${plan.organizations.join(', ')}), ` +
      `${plan.orderers} orderer(s), channel ${plan.channel}`,
  );
  const stopListening = deps.onInterrupt(async () => {
    deps.write(`[up] interrupted: removing the containers of ${plan.id}`);
    await deps.remove(plan.id);
  });
  let network: StartedFabricNetwork;
  try {
    network = await deps.start(plan);
  } finally {
    stopListening();
  }
  try {
    for (const timing of network.timings) deps.write(`[up]   ${timing.step}: ${formatSeconds(timing.ms)}`);
    const [listed] = await deps.listNetworks(plan.id);
    const description = {
      ...describeNetwork(network, plan.channel, listed?.containers ?? [], deps.now()),
      fabricVersion: resolveVersions(plan.fabric === undefined ? {} : { fabric: plan.fabric }).fabric.tag,
    };
    const file = await deps.store.write(description);
    deps.write(`[up] network ${plan.id} is up (${formatSeconds(deps.now().getTime() - started)})`);
    for (const line of formatDescription(description)) deps.write(line);
    deps.write(`[up] connection details (TLS CA certificates, admin certificates and keys): ${file}`);
    deps.write(`[up] it keeps running: "fabric-testkit status" lists it, "fabric-testkit down ${plan.id}" removes it`);
    return description;
  } catch (e) {
    // Without its state file the network would run unaccounted for.
    deps.write(`[up] could not record network ${plan.id}; removing it`);
    await network.stop();
    throw e;
  } finally {
    releaseClients(network);
  }
}

/**
 * Closes the connections this process holds to the network (its CA clients' keep-alive sockets) without stopping
 * it, so the process can exit while the containers keep running.
 */
function releaseClients(network: StartedFabricNetwork): void {
  for (const org of network.organizations) org.ca.close();
}

async function checkImages(deps: NetworkUpDeps): Promise<void> {
  const missing = await deps.missingImages().catch((e: unknown) => {
    throw new DockerUnavailableError(e);
  });
  if (missing.length > 0) throw new ImagesMissingError(missing);
}

/** `up --mock`: records an in-memory network; refuses while another one exists (it is up as long as its file is). */
async function runMockUp(plan: UpPlan, deps: NetworkUpDeps): Promise<MockNetworkDescription> {
  const existing = (await deps.store.list()).find(
    (s) => s.description !== undefined && isMockDescription(s.description),
  );
  if (existing !== undefined) throw new NetworkAlreadyUpError(existing.id, existing.file);
  const description: MockNetworkDescription = {
    id: plan.id,
    target: 'mock',
    createdAt: deps.now().toISOString(),
    channel: plan.channel,
    organizations: plan.organizations.map((name) => ({
      name,
      mspId: `${name.charAt(0).toUpperCase()}${name.slice(1)}MSP`,
    })),
    journal: [],
  };
  const file = await deps.store.write(description);
  deps.write(
    `[up] in-memory network ${plan.id} is up: ${description.organizations.map((o) => o.mspId).join(', ')}, ` +
      `channel ${plan.channel} (no Docker; state in ${file})`,
  );
  deps.write(`[up] "fabric-testkit down ${plan.id}" removes it`);
  return description;
}

/** Refuses when a network `up` started still runs; notes state files whose containers are gone. */
async function refuseIfUp(deps: NetworkUpDeps): Promise<void> {
  const stored = (await deps.store.list()).filter(
    (s) => s.description === undefined || !isMockDescription(s.description),
  );
  if (stored.length === 0) return;
  const listed = await deps.listNetworks();
  for (const entry of stored) {
    const containers = listed.find((n) => n.id === entry.id)?.containers ?? [];
    if (containers.some((c) => c.state === 'running')) {
      throw new NetworkAlreadyUpError(entry.id, entry.file);
    }
    deps.write(
      `[up] note: network ${entry.id} (${entry.file}) no longer runs; "fabric-testkit down ${entry.id}" forgets it`,
    );
  }
}
