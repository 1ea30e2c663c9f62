/**
 * `fabric-testkit blocks [--from N] [--network ID] [--json]`: prints the blocks of a network `up` started, with
 * the explorer's model: each transaction's validation code, call, creator, endorsers, reads with versions, writes,
 * and for an invalid one the reason with its evidence (for MVCC: the key, the version read, and the transaction
 * that changed it).
 */
import { InvalidArgumentError, type Command } from 'commander';
import { blockLines, LedgerExplorer } from '@fabric-testkit/explorer';
import { ledgerSourceOf, readingLedger, selectNetwork } from './ledger-connection';
import { NetworkStateStore } from './network-state';

export interface BlocksFlags {
  readonly from?: number;
  readonly network?: string;
  readonly json?: boolean;
}

export interface BlocksDeps {
  readonly write: (line: string) => void;
  readonly store: NetworkStateStore;
}

const defaultDeps: BlocksDeps = {
  write: (line) => void process.stdout.write(`${line}\n`),
  store: new NetworkStateStore(),
};

function parseBlockNumber(value: string): number {
  const number = Number(value);
  if (!Number.isInteger(number) || number < 0)
    throw new InvalidArgumentError(`a block number is 0 or more, not "${value}"`);
  return number;
}

/** The action of `blocks`: reads the channel's blocks from `--from` and prints them. */
export async function runBlocks(flags: BlocksFlags, deps: BlocksDeps): Promise<void> {
  const description = await selectNetwork(deps.store, flags.network);
  const source = await ledgerSourceOf(description);
  try {
    const explorer = new LedgerExplorer(source);
    await readingLedger(description, () => explorer.refresh());
    const blocks = explorer.blocks(description.channel, { from: flags.from ?? 0 });
    if (flags.json === true) {
      deps.write(JSON.stringify(blocks, null, 2));
      return;
    }
    if (blocks.length === 0) deps.write(`no blocks from ${flags.from ?? 0} on ${description.channel}`);
    for (const block of blocks) for (const line of blockLines(block)) deps.write(line);
  } finally {
    await source.close?.();
  }
}

/** Registers `blocks` on the program. */
export function registerBlocksCommand(program: Command, deps: BlocksDeps = defaultDeps): void {
  program
    .command('blocks')
    .description('Print the blocks of a network: validation codes, calls, read/write sets with versions, why invalid')
    .option('--from <block>', 'first block number (default 0)', parseBlockNumber)
    .option('--network <id>', 'the network ID (default: the only network "up" started)')
    .option('--json', 'print the blocks as JSON (the explorer model)')
    .action(async (flags: BlocksFlags) => {
      await runBlocks(flags, deps);
    });
}
