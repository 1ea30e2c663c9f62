import type { Command } from 'commander';
import { registerBlocksCommand } from './blocks';
import { registerDemo } from './demo';
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
  registerDrillCommand,
  registerScenarioCommand,
  registerExploreCommand,
  registerBlocksCommand,
];
