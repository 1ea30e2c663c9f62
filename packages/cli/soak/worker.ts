/**
 * The soak's worker: starts harness networks in this process and reports on stdout, one line per event, so the
 * soak can watch several such processes at once.
 *
 * - `worker.js parallel COUNT HOLD_MS`: starts COUNT one-organization networks at once, holds them, stops them.
 *   Lines: `starting ID` (before anything of it starts), `started ID`, `failed MESSAGE`, then `stopped`.
 * - `worker.js faults`: one organization with asset-transfer-basic, then a killed chaincode server and a paused peer
 *   container (a docker engine that answers slowly). Line: `faults JSON` (see {@link FaultReport}).
 */
import {
  ContainerRuntime,
  FabricNetwork,
  listNetworks,
  NETWORK_LABEL,
  NODE_LABEL,
  newNetworkId,
} from '@fabric-testkit/test-harness';
import type { StartedFabricNetwork } from '@fabric-testkit/test-harness';
import path from 'node:path';
import { getContainerRuntimeClient } from 'testcontainers';

/** How each injected fault was reported, and how long that took. */
export interface FaultReport {
  readonly killedChaincodeServer: { readonly ms: number; readonly error: string };
  /** `state`: what `fabric-testkit status` reports for the paused peer's container. */
  readonly pausedPeer: { readonly ms: number; readonly error: string; readonly state: string };
  readonly stopWithPausedPeerMs: number;
}

const say = (line: string): void => void process.stdout.write(`${line}\n`);

/** A one-organization network; its ID is announced (`starting ID`) before anything starts, for the leak checks. */
function oneOrgNetwork(): FabricNetwork {
  const id = newNetworkId();
  say(`starting ${id}`);
  return new FabricNetwork({ runtime: new ContainerRuntime(id), startupTimeoutMs: 120_000 })
    .withOrganization({ name: 'org1' })
    .withChannel({ name: 'mychannel' });
}

async function parallel(count: number, holdMs: number): Promise<number> {
  const results = await Promise.allSettled(
    Array.from({ length: count }, async () => {
      const network = await oneOrgNetwork().start();
      say(`started ${network.id}`);
      return network;
    }),
  );
  const started = results.flatMap((r) => (r.status === 'fulfilled' ? [r.value] : []));
  for (const r of results) if (r.status === 'rejected') say(`failed ${oneLine(r.reason)}`);
  await new Promise((resolve) => setTimeout(resolve, holdMs));
  await Promise.all(started.map((n) => n.stop()));
  say('stopped');
  return started.length === count ? 0 : 1;
}

async function faults(): Promise<number> {
  const basic = path.dirname(require.resolve('@fabric-testkit/asset-transfer-basic/package.json'));
  const network = await oneOrgNetwork()
    .withChaincode({ name: 'basic', channel: 'mychannel', chaincode: { contractPackage: basic } })
    .start();
  say(`started ${network.id}`);
  try {
    const report: FaultReport = {
      killedChaincodeServer: await killedChaincodeServer(network),
      pausedPeer: await pausedPeer(network),
      stopWithPausedPeerMs: await timed(() => network.stop()),
    };
    say(`faults ${JSON.stringify(report)}`);
    return 0;
  } finally {
    await network.stop();
  }
}

/** Kills the chaincode server (SIGKILL), then evaluates: the error must come within the gateway's deadline. */
async function killedChaincodeServer(network: StartedFabricNetwork): Promise<{ ms: number; error: string }> {
  const pid = network.chaincodeServers[0]?.pid;
  if (pid === undefined) throw new Error('the network runs no chaincode server');
  process.kill(pid, 'SIGKILL');
  await using connection = network.connectGateway('org1');
  const contract = connection.gateway.getNetwork('mychannel').getContract('basic');
  return await expectFailure(() => contract.evaluateTransaction('GetAllAssets'));
}

/**
 * Pauses the peer's container, then evaluates with a 5 s deadline. The client's error (DEADLINE_EXCEEDED) cannot
 * name the node; `fabric-testkit status` does, so its view of the container is reported too.
 */
async function pausedPeer(network: StartedFabricNetwork): Promise<FaultReport['pausedPeer']> {
  const docker = (await getContainerRuntimeClient()).container.dockerode;
  const [peer] = await docker.listContainers({
    filters: { label: [`${NETWORK_LABEL}=${network.id}`, `${NODE_LABEL}=peer0.org1`] },
  });
  if (!peer) throw new Error('no container for peer0.org1');
  await docker.getContainer(peer.Id).pause();
  await using connection = network.connectGateway('org1');
  const contract = connection.gateway.getNetwork('mychannel').getContract('basic');
  const failure = await expectFailure(() =>
    contract.newProposal('GetAllAssets').evaluate({ deadline: Date.now() + 5000 }),
  );
  const [listed] = await listNetworks(network.id);
  const state = listed?.containers.find((c) => c.node === 'peer0.org1')?.state ?? 'missing';
  return { ...failure, state: `peer0.org1 ${state}` };
}

async function expectFailure(call: () => Promise<unknown>): Promise<{ ms: number; error: string }> {
  const started = Date.now();
  try {
    await call();
  } catch (e) {
    return { ms: Date.now() - started, error: describe(e) };
  }
  throw new Error('the call succeeded although the fault was injected');
}

/** The error's message with the gateway's per-peer details (address, MSP ID and message), on one line. */
function describe(e: unknown): string {
  const details =
    typeof e === 'object' && e !== null && 'details' in e && Array.isArray(e.details)
      ? e.details.map((d: unknown) => JSON.stringify(d)).join('; ')
      : '';
  return oneLine(`${e instanceof Error ? e.message : String(e)}${details ? ` [${details}]` : ''}`);
}

async function timed(action: () => Promise<void>): Promise<number> {
  const started = Date.now();
  await action();
  return Date.now() - started;
}

function oneLine(value: unknown): string {
  return (value instanceof Error ? value.message : String(value)).replace(/\s+/g, ' ').slice(0, 600);
}

async function run(argv: readonly string[]): Promise<number> {
  const [mode, count, hold] = argv;
  if (mode === 'parallel') return parallel(Number(count ?? 1), Number(hold ?? 0));
  if (mode === 'faults') return faults();
  throw new Error(`usage: worker.js parallel COUNT HOLD_MS | faults (not ${argv.join(' ')})`);
}

run(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (e: unknown) => {
    say(`failed ${oneLine(e)}`);
    process.exit(1);
  },
);
