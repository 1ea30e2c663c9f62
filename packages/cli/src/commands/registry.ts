import type { Command } from 'commander';
import { registerBlocksCommand } from './blocks';
import { registerChaincodeCallCommands } from './chaincode-call';
import { registerChaincodeDeployCommands } from './chaincode-deploy';
import { registerChaincodeEventsCommand } from './chaincode-events';
import { registerDemo } from './demo';
import { registerIdentityCommand } from './identity-register';
import { registerNodeLogsCommand } from './node-logs';
import { registerPeerCliCommands } from './peer-cli';
import { registerDrillCommand } from './drill';
import { registerExploreCommand } from './explore';
import { registerImagesCommand } from './images';
import { registerNetworkDownCommand } from './network-down';
import { registerNetworkStatusCommand } from './network-status';
import { registerNetworkUpCommand } from './network-up';
import { registerScenarioCommand } from './scenario';

/** Adds one command (with its options and action) to the program. */
export type CommandRegistration = (program: Command) => void;

/** Every command of the CLI, in the order `--help` lists them. */
export const commandRegistrations: readonly CommandRegistration[] = [
  registerDemo,
  registerImagesCommand,
  registerNetworkUpCommand,
  registerNetworkStatusCommand,
  registerNetworkDownCommand,
  registerChaincodeDeployCommands,
  registerChaincodeCallCommands,
  registerChaincodeEventsCommand,
  registerIdentityCommand,
  registerPeerCliCommands,
  registerNodeLogsCommand,
  registerDrillCommand,
  registerScenarioCommand,
  registerExploreCommand,
  registerBlocksCommand,
];
