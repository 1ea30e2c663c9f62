/**
 * Fabric's own `peer` CLI against a network `up` started, as an organization's admin, so lab material written for
 * fabric-samples keeps working:
 *
 * - `fabric-testkit env ORG` prints the shell exports fabric-samples' `setGlobals` sets (CORE_PEER_ADDRESS,
 *   CORE_PEER_LOCALMSPID, CORE_PEER_MSPCONFIGPATH, CORE_PEER_TLS_ROOTCERT_FILE, CORE_PEER_TLS_ENABLED), for a
 *   `peer` binary on this machine: `eval "$(fabric-testkit env org1)"`. The peer's address is its published
 *   127.0.0.1 port, which its TLS certificate names.
 * - `fabric-testkit peer ORG -- ARGS…` runs `peer ARGS…` from the hyperledger/fabric-tools image of the network's
 *   Fabric version, in a container on the network's docker network with the admin MSP mounted read-only, addressing
 *   the peer by its in-network host name. Its output and exit code are the command's.
 */
import type { Command } from 'commander';
import * as path from 'node:path';
import { imageRef, resolveVersions } from '@fabric-testkit/images';
import { NETWORK_LABEL } from '@fabric-testkit/test-harness';
import { getContainerRuntimeClient } from 'testcontainers';
import { ORDERER_TLS_CA, writeAdminMsp } from './admin-msp';
import { defaultTargetDeps } from './chaincode-deploy';
import { organizationOf } from './command-target';
import { firstPeerOf } from './fabric-identity';
import { NetworkCommandError } from './network-errors';
import { isMockDescription, type NetworkDescription } from './network-state';
import { selectNetwork, type NetworkFlags } from './network-selection';
import type { TargetCommandDeps } from './target-session';

/** The ports peers and orderers listen on inside their containers (the harness keeps Fabric's defaults). */
const PEER_PORT = 7051;
const ORDERER_PORT = 7050;
/** Where `peer ORG` mounts the admin's files in the tools container. */
export const MOUNT = '/etc/hyperledger/fabric-testkit/admin';
/** How long `peer ORG -- …` may run. */
export const PEER_COMMAND_TIMEOUT_MS = 5 * 60_000;

/** The flags of `env` and `peer`. */
export interface PeerCliFlags extends NetworkFlags {
  readonly json?: boolean;
}

/** What `peer ORG` needs to run a container; tests replace it. */
export interface PeerCliDeps extends TargetCommandDeps {
  /** Runs the container; resolves with its exit code once it ended, its output written as it came. */
  readonly runContainer: (spec: ToolsContainerSpec) => Promise<number>;
}

/** A `peer` command in a tools container. */
export interface ToolsContainerSpec {
  readonly image: string;
  readonly command: readonly string[];
  readonly env: Readonly<Record<string, string>>;
  readonly networkName: string;
  readonly networkId: string;
  /** Host directory → container directory, read-only. */
  readonly mount: { readonly host: string; readonly container: string };
  readonly timeoutMs: number;
}

const defaultPeerCliDeps: PeerCliDeps = { ...defaultTargetDeps, runContainer: runToolsContainer };

/** Registers `env` and `peer`. */
export function registerPeerCliCommands(program: Command, deps: PeerCliDeps = defaultPeerCliDeps): void {
  program
    .command('env')
    .description(
      'Print shell exports to use Fabric\'s peer CLI as an organization\'s admin: eval "$(fabric-testkit env org1)"',
    )
    .argument('<org>', 'the organization: org1, or its MSP ID Org1MSP')
    .option('--network <id>', 'the network (default: the only one that is up)')
    .option('--json', 'print JSON')
    .action(async (org: string, flags: PeerCliFlags) => {
      await runEnv(org, flags, deps);
    });
  program
    .command('peer')
    .description("Run Fabric's peer CLI (fabric-tools image) as an organization's admin: peer org1 -- channel list")
    .argument('<org>', 'the organization: org1, or its MSP ID Org1MSP')
    .argument('<args...>', "the peer CLI's arguments, after --")
    .option('--network <id>', 'the network (default: the only one that is up)')
    .action(async (org: string, args: string[], flags: PeerCliFlags) => {
      const code = await runPeer(org, args, flags, deps);
      if (code !== 0) throw new PeerCommandFailedError(code);
    });
}

/** `peer ARGS` in the tools container exited non-zero (its own output says why). */
export class PeerCommandFailedError extends NetworkCommandError {
  override readonly name = 'PeerCommandFailedError';
  readonly exitCode: number;

  constructor(exitCode: number) {
    super(`the peer command exited with ${exitCode} (its output is above)`);
    this.exitCode = exitCode;
  }
}

async function realNetwork(flags: NetworkFlags, deps: TargetCommandDeps, what: string): Promise<NetworkDescription> {
  const { description } = await selectNetwork(flags, deps);
  if (isMockDescription(description)) {
    throw new NetworkCommandError(
      `network ${description.id} is in-memory: it has no peer for ${what}; start a real one with "fabric-testkit up"`,
    );
  }
  return description;
}

/** The action of `env`: prints the exports and resolves with them. */
export async function runEnv(
  org: string,
  flags: PeerCliFlags,
  deps: TargetCommandDeps,
): Promise<Record<string, string>> {
  const description = await realNetwork(flags, deps, 'the peer CLI');
  const organization = organizationOf(description.organizations, org);
  const msp = await writeAdminMsp(path.dirname(deps.store.directory), description, organization);
  const exports: Record<string, string> = {
    CORE_PEER_TLS_ENABLED: 'true',
    CORE_PEER_LOCALMSPID: organization.mspId,
    CORE_PEER_MSPCONFIGPATH: msp.mspDirectory,
    CORE_PEER_TLS_ROOTCERT_FILE: msp.tlsRootCertFile,
    CORE_PEER_ADDRESS: firstPeerOf(organization).address,
    // For `peer chaincode invoke -o "$ORDERER_ADDRESS" --tls --cafile "$ORDERER_CA"`, as fabric-samples' scripts do.
    ORDERER_CA: msp.ordererTlsCaFile,
    ...(description.orderers[0]?.address === undefined ? {} : { ORDERER_ADDRESS: description.orderers[0].address }),
  };
  if (flags.json === true) deps.write(JSON.stringify(exports, null, 2));
  else for (const [name, value] of Object.entries(exports)) deps.write(`export ${name}=${shellQuoted(value)}`);
  return exports;
}

/** The action of `peer`: resolves with the peer command's exit code. */
export async function runPeer(
  org: string,
  args: readonly string[],
  flags: PeerCliFlags,
  deps: PeerCliDeps,
): Promise<number> {
  const description = await realNetwork(flags, deps, 'the peer CLI');
  const organization = organizationOf(description.organizations, org);
  const msp = await writeAdminMsp(path.dirname(deps.store.directory), description, organization);
  const peer = firstPeerOf(organization);
  const version = description.fabricVersion ?? resolveVersions().fabric.tag;
  const orderer = description.orderers[0];
  const containerEnv: Record<string, string> = {
    ORDERER_CA: `${MOUNT}/${ORDERER_TLS_CA}`,
    ...(orderer === undefined ? {} : { ORDERER_ADDRESS: `${description.id}-${orderer.name}:${ORDERER_PORT}` }),
  };
  return deps.runContainer({
    image: imageRef('tools', resolveVersions({ fabric: version })),
    command: ['peer', ...args.map((arg) => withContainerVariables(arg, containerEnv))],
    env: {
      ...containerEnv,
      CORE_PEER_TLS_ENABLED: 'true',
      CORE_PEER_LOCALMSPID: organization.mspId,
      CORE_PEER_MSPCONFIGPATH: `${MOUNT}/msp`,
      CORE_PEER_TLS_ROOTCERT_FILE: `${MOUNT}/tls/ca.crt`,
      // The container name is the peer's host name on the docker network, and its TLS certificate names it.
      CORE_PEER_ADDRESS: `${description.id}-${peer.name}:${PEER_PORT}`,
      FABRIC_LOGGING_SPEC: process.env['FABRIC_LOGGING_SPEC'] ?? 'WARNING',
    },
    networkName: `${description.id}-net`,
    networkId: description.id,
    mount: { host: msp.directory, container: MOUNT },
    timeoutMs: PEER_COMMAND_TIMEOUT_MS,
  });
}

/**
 * `$ORDERER_ADDRESS` and `$ORDERER_CA` (or `${…}`) in an argument, replaced by the container's values, as a shell in
 * the container would: the peer CLI takes the orderer only from `-o` and its TLS CA only from `--cafile` (flags
 * override its environment, `internal/peer/common/ordererenv.go`), and the Fabric 2.5 peer CLI does not find the
 * orderer in a channel configuration that lists endpoints per organization. Single-quote them so the shell on this
 * machine leaves them alone: `-o '$ORDERER_ADDRESS' --tls --cafile '$ORDERER_CA'`.
 */
export function withContainerVariables(arg: string, env: Readonly<Record<string, string>>): string {
  return arg.replace(/\$\{?(ORDERER_ADDRESS|ORDERER_CA)\}?/g, (whole, name: string) => env[name] ?? whole);
}

function shellQuoted(value: string): string {
  return /^[A-Za-z0-9_./:@-]+$/.test(value) ? value : `'${value.replace(/'/g, `'\\''`)}'`;
}

/** Runs the container with dockerode, streams its output to ours, removes it; resolves with its exit code. */
async function runToolsContainer(spec: ToolsContainerSpec): Promise<number> {
  const docker = (await getContainerRuntimeClient()).container.dockerode;
  const container = await docker.createContainer({
    Image: spec.image,
    Cmd: [...spec.command],
    Env: Object.entries(spec.env).map(([k, v]) => `${k}=${v}`),
    WorkingDir: MOUNT,
    // Labelled as the network's, so `down` removes it should this process die before removing it.
    Labels: { [NETWORK_LABEL]: spec.networkId },
    HostConfig: { NetworkMode: spec.networkName, Binds: [`${spec.mount.host}:${spec.mount.container}:ro`] },
  });
  try {
    const stream = await container.attach({ stream: true, stdout: true, stderr: true });
    docker.modem.demuxStream(stream, process.stdout, process.stderr);
    await container.start();
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => {
        reject(
          new NetworkCommandError(
            `the peer command did not end within ${spec.timeoutMs / 1000} s: ${spec.command.join(' ')}`,
          ),
        );
      }, spec.timeoutMs);
    });
    try {
      const result: unknown = await Promise.race([container.wait(), timeout]);
      // Let the attached stream deliver its last bytes before the process may exit.
      await new Promise<void>((resolve) => {
        stream.once('end', () => resolve());
        setTimeout(resolve, 1000);
      });
      const code: unknown =
        typeof result === 'object' && result !== null ? Reflect.get(result, 'StatusCode') : undefined;
      return typeof code === 'number' ? code : 1;
    } finally {
      clearTimeout(timer);
    }
  } finally {
    await container.remove({ force: true });
  }
}
