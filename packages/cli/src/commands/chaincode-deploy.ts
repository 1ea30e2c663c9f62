/**
 * `fabric-testkit deploy DIR [--name N] [--version V] [--policy P] [--collections FILE]` and
 * `fabric-testkit upgrade DIR …`: commit a chaincode definition on the network's channel, as `network.sh deployCC`
 * does (install, approve for every organization, commit), for a Node contract package or a Go chaincode; `upgrade`
 * commits the next sequence of a deployed chaincode. On a real network the chaincode keeps being served after the
 * command exits.
 */
import type { Command } from 'commander';
import { listNetworks } from '@fabric-testkit/test-harness';
import { withChaincode, type DeployRequest } from './command-target';
import { chaincodeNameOf, checkPolicy, readCollections, readContractPackage } from './contract-package';
import { ChaincodeAlreadyDeployedError } from './network-errors';
import { NetworkStateStore, type ChaincodeRecord } from './network-state';
import type { NetworkFlags } from './network-selection';
import { onTarget, output, type TargetCommandDeps } from './target-session';
import { chaincodeOf } from './command-target';

/** The defaults of every command that works on a running network. */
export const defaultTargetDeps: TargetCommandDeps = {
  write: (line) => process.stdout.write(`${line}\n`),
  progress: (line) => process.stderr.write(`${line}\n`),
  store: new NetworkStateStore(),
  listNetworks,
};

/** The flags of `deploy` and `upgrade`. */
export interface DeployFlags extends NetworkFlags {
  readonly name?: string;
  readonly version?: string;
  readonly policy?: string;
  readonly collections?: string;
  readonly json?: boolean;
}

/** Adds `--network`, `--mock` and `--json`, which every command on a running network takes. */
export function withNetworkOptions(command: Command): Command {
  return command
    .option('--network <id>', 'the network (default: the only one that is up)')
    .option('--mock', 'the in-memory network ("up --mock")')
    .option('--json', 'print JSON');
}

/** Registers `deploy` and `upgrade`. */
export function registerChaincodeDeployCommands(program: Command, deps: TargetCommandDeps = defaultTargetDeps): void {
  for (const upgrade of [false, true]) {
    withNetworkOptions(
      program
        .command(upgrade ? 'upgrade' : 'deploy')
        .description(
          upgrade
            ? 'Commit a new definition (next sequence) of a deployed chaincode from a contract package or Go chaincode'
            : 'Deploy a chaincode (Node contract package or Go): install, approve for every organization, commit',
        )
        .argument(
          '<dir>',
          'a contract package directory (built; its package.json "main" exports "contracts"), or a Go ' +
            "chaincode's main package directory (with its go.mod)",
        )
        .option('--name <name>', "the chaincode name (default: the package name, or the Go module's last element)")
        .option('--version <version>', 'the definition version (default: the package version; 1.0 for Go)')
        .option('--policy <policy>', `the endorsement policy, e.g. "OR('Org1MSP.peer','Org2MSP.peer')"`)
        .option('--collections <file>', "private data collections, in Fabric's collections_config.json shape"),
    ).action(async (dir: string, flags: DeployFlags) => {
      await runDeploy(dir, flags, upgrade, deps);
    });
  }
}

/** The action of `deploy` / `upgrade`: resolves with the committed chaincode's record. */
export async function runDeploy(
  dir: string,
  flags: DeployFlags,
  upgrade: boolean,
  deps: TargetCommandDeps,
): Promise<ChaincodeRecord> {
  const pkg = await readContractPackage(dir);
  const name = chaincodeNameOf(flags.name, pkg);
  const collections = await readCollections(flags.collections);
  return onTarget(flags, deps, async (target, description) => {
    const previous = (description.chaincodes ?? []).find((c) => c.name === name);
    if (!upgrade && previous !== undefined) {
      throw new ChaincodeAlreadyDeployedError(name, previous.version, previous.sequence);
    }
    if (upgrade) chaincodeOf(description, name);
    const endorsementPolicy = checkPolicy(
      flags.policy ?? previous?.endorsementPolicy,
      description.organizations.map((o) => o.mspId),
    );
    const request: DeployRequest = {
      name,
      directory: pkg.directory,
      language: pkg.language,
      version: flags.version ?? pkg.version,
      ...(endorsementPolicy === undefined ? {} : { endorsementPolicy }),
      // Fabric refuses an upgrade that drops a collection: without --collections the deployed ones carry over.
      ...((collections ?? previous?.collections) === undefined
        ? {}
        : { collections: collections ?? previous?.collections }),
      upgrade,
    };
    deps.progress(
      `[${upgrade ? 'upgrade' : 'deploy'}] ${name} version ${request.version} from ${pkg.directory} on network ` +
        `${description.id}, channel ${description.channel}`,
    );
    const record = await target.deploy(request, (line) =>
      deps.progress(`[${upgrade ? 'upgrade' : 'deploy'}]   ${line}`),
    );
    output(deps, flags.json, { network: description.id, channel: description.channel, ...record }, () => [
      `chaincode ${record.name} version ${record.version} sequence ${record.sequence} is committed on channel ` +
        `${description.channel} of network ${description.id}`,
      ...record.servers.map(
        (s) => `  served for ${s.organization} by process ${s.pid} at ${s.address} (log: ${s.logFile})`,
      ),
    ]);
    return {
      result: record,
      update: (d) => ({ ...d, chaincodes: withChaincode(d.chaincodes, record) }),
    };
  });
}
