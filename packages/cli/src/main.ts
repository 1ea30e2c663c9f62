/**
 * The `fabric-testkit` command line. Each command lives in its own module under `commands/` and registers
 * itself on the program; this file only assembles them and maps errors to exit codes.
 */
import { Command, CommanderError } from 'commander';
import { commandRegistrations } from './commands/registry';

export function createProgram(): Command {
  const program = new Command('fabric-testkit')
    .description(
      'Develop and test Hyperledger Fabric chaincode: an in-memory peer, a real-network harness, Fabric images.',
    )
    .version(readVersion())
    // Program options only before the command: `deploy DIR --version 2.0` is the chaincode's version, not ours.
    .enablePositionalOptions()
    .showHelpAfterError()
    .exitOverride();
  for (const register of commandRegistrations) register(program);
  return program;
}

/** Runs the CLI with `argv` (as `process.argv`) and resolves to the process exit code. */
export async function main(argv: readonly string[]): Promise<number> {
  const program = createProgram();
  try {
    await program.parseAsync([...argv]);
    return 0;
  } catch (error) {
    if (error instanceof CommanderError) return error.exitCode;
    process.stderr.write(`fabric-testkit: ${error instanceof Error ? error.message : String(error)}\n`);
    return 1;
  }
}

function readVersion(): string {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const pkg = require('../../package.json') as { version: string };
  return pkg.version;
}
