/**
 * `fabric-testkit explore [NETWORK] [--port N]`: serves the explorer page for a network `up` started, on
 * 127.0.0.1, until Ctrl-C. New blocks appear as the peer commits them (the page server asks for the height every
 * second). For the in-memory network of the demo: `fabric-testkit demo --explore`.
 */
import { InvalidArgumentError, type Command } from 'commander';
import { startExplorer, type RunningExplorer } from '@fabric-testkit/explorer';
import { ledgerSourceOf, readingLedger, selectNetwork } from './ledger-connection';
import { NetworkStateStore } from './network-state';

/** What the command's action needs; tests replace the parts that wait or write. */
export interface ExploreDeps {
  readonly write: (line: string) => void;
  readonly store: NetworkStateStore;
  /** Resolves when the explorer should stop (the CLI: Ctrl-C or SIGTERM). */
  readonly until: (explorer: RunningExplorer) => Promise<void>;
}

/** Resolves on the first SIGINT or SIGTERM. */
export function untilInterrupted(): Promise<void> {
  return new Promise((resolve) => {
    const stop = (): void => {
      process.off('SIGINT', stop);
      process.off('SIGTERM', stop);
      resolve();
    };
    process.on('SIGINT', stop);
    process.on('SIGTERM', stop);
  });
}

const defaultDeps: ExploreDeps = {
  write: (line) => void process.stdout.write(`${line}\n`),
  store: new NetworkStateStore(),
  until: () => untilInterrupted(),
};

/** `--port`: 0 to 65535. */
export function parsePort(value: string): number {
  const port = Number(value);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    throw new InvalidArgumentError(`a port is a number from 0 to 65535, not "${value}"`);
  }
  return port;
}

/** The action of `explore`: serves the page until `deps.until` settles. */
export async function runExplore(id: string | undefined, port: number | undefined, deps: ExploreDeps): Promise<void> {
  const description = await selectNetwork(deps.store, id);
  const source = await ledgerSourceOf(description);
  const options = port === undefined ? {} : { port };
  await using explorer = await readingLedger(description, () => startExplorer(source, options));
  deps.write(`explorer for network ${description.id}, channel ${description.channel}: ${explorer.url}`);
  deps.write('new blocks appear as they are committed; Ctrl-C stops it');
  await deps.until(explorer);
}

/** Registers `explore` on the program. */
export function registerExploreCommand(program: Command, deps: ExploreDeps = defaultDeps): void {
  program
    .command('explore')
    .description('Serve a page on 127.0.0.1 showing the blocks, read/write sets and invalid transactions of a network')
    .argument('[network]', 'the network ID (default: the only network "up" started)')
    .option('--port <port>', 'port on 127.0.0.1 (default: any free port)', parsePort)
    .action(async (id: string | undefined, options: { port?: number }) => {
      await runExplore(id, options.port, deps);
    });
}
