/**
 * `fabric-testkit logs NODE [--tail N]`: a node's log, as `docker logs` shows it (NODE is a container's node name:
 * `peer0.org1`, `orderer0.orderer`, `ca.org1`), or a deployed chaincode's (NODE is the chaincode's name: each
 * organization's chaincode server log, from the files `deploy` made).
 */
import type { Command } from 'commander';
import { readFile } from 'node:fs/promises';
import { getContainerRuntimeClient } from 'testcontainers';
import { defaultTargetDeps } from './chaincode-deploy';
import { InvalidFlagError, NetworkCommandError } from './network-errors';
import { isMockDescription } from './network-state';
import { selectNetwork, type NetworkFlags } from './network-selection';
import type { TargetCommandDeps } from './target-session';

/** The flags of `logs`. */
export interface LogsFlags extends NetworkFlags {
  readonly tail?: string;
}

/** What `logs` needs; tests replace every part. */
export interface NodeLogsDeps extends TargetCommandDeps {
  /** The container's log (stdout and stderr interleaved as Docker kept them), its last `tail` lines. */
  readonly containerLog: (containerId: string, tail: number | undefined) => Promise<string>;
}

const defaultNodeLogsDeps: NodeLogsDeps = { ...defaultTargetDeps, containerLog };

/** Registers `logs`. */
export function registerNodeLogsCommand(program: Command, deps: NodeLogsDeps = defaultNodeLogsDeps): void {
  program
    .command('logs')
    .description("Print a node's log (peer0.org1, orderer0.orderer, ca.org1) or a chaincode's servers' logs")
    .argument('<node>', 'a node name as "status" lists it, or a deployed chaincode name')
    .option('--tail <n>', 'only the last N lines')
    .option('--network <id>', 'the network (default: the only one that is up)')
    .action(async (node: string, flags: LogsFlags) => {
      await runNodeLogs(node, flags, deps);
    });
}

/** The action of `logs`: writes the log and resolves with it. */
export async function runNodeLogs(node: string, flags: LogsFlags, deps: NodeLogsDeps): Promise<string> {
  const tail = tailOf(flags.tail);
  const { description } = await selectNetwork(flags, deps);
  if (isMockDescription(description)) {
    throw new NetworkCommandError(
      `network ${description.id} is in-memory: its peer runs inside each command, with no log to show`,
    );
  }
  const chaincode = (description.chaincodes ?? []).find((c) => c.name === node);
  let text: string;
  if (chaincode !== undefined) {
    const parts = await Promise.all(
      chaincode.servers.map(async (s) => {
        const log = await readFile(s.logFile, 'utf8').catch(
          (e: unknown) => `(cannot read ${s.logFile}: ${String(e)})\n`,
        );
        return `== chaincode ${chaincode.name} server of ${s.organization} (${s.logFile}) ==\n${lastLines(log, tail)}`;
      }),
    );
    text = parts.join('');
  } else {
    const [listed] = await deps.listNetworks(description.id);
    const containers = listed?.containers ?? [];
    const container = containers.find((c) => c.node === node);
    if (container === undefined) {
      const known = [...containers.map((c) => c.node), ...(description.chaincodes ?? []).map((c) => c.name)];
      throw new NetworkCommandError(
        `network ${description.id} has no node or chaincode ${node}; its nodes and chaincodes: ${known.sort().join(', ')}`,
      );
    }
    text = await deps.containerLog(container.id, tail);
  }
  process.stdout.write(text);
  return text;
}

function tailOf(value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  if (!/^\d+$/.test(value) || Number(value) < 1) throw new InvalidFlagError('--tail', value, 'a whole number from 1');
  return Number(value);
}

function lastLines(text: string, tail: number | undefined): string {
  if (tail === undefined) return text;
  const lines = text.endsWith('\n') ? text.slice(0, -1).split('\n') : text.split('\n');
  return `${lines.slice(-tail).join('\n')}\n`;
}

/** `docker logs`: the multiplexed stream's frames (8-byte header, then the payload) joined in order. */
async function containerLog(containerId: string, tail: number | undefined): Promise<string> {
  const docker = (await getContainerRuntimeClient()).container.dockerode;
  const raw: unknown = await docker
    .getContainer(containerId)
    .logs({ stdout: true, stderr: true, follow: false, ...(tail === undefined ? {} : { tail }) });
  const buffer = Buffer.isBuffer(raw) ? raw : Buffer.from(String(raw));
  const chunks: Buffer[] = [];
  let offset = 0;
  while (offset + 8 <= buffer.length) {
    const size = buffer.readUInt32BE(offset + 4);
    chunks.push(buffer.subarray(offset + 8, offset + 8 + size));
    offset += 8 + size;
  }
  return Buffer.concat(chunks).toString('utf8');
}
