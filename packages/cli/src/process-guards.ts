/**
 * Process-wide behaviour of the `fabric-testkit` command, installed by its launcher (never by `main()`, which tests
 * call in-process).
 *
 * Why: the CLI loads fabric-shim (through the demo, scenarios and drills), whose logger installs at import a winston
 * exception handler with `exitOnError: false` (fabric-shim `lib/logger.js` firstTime). Once stdout is a closed
 * pipe (`fabric-testkit status | head -5`), each write fails with EPIPE; with no `error` listener on stdout that is
 * an uncaught exception, which winston logs to stdout, which fails with EPIPE again: the process spins, adds
 * listeners to winston's Console transport ("MaxListenersExceededWarning: 31 error listeners added to [Console]")
 * and grows until the heap runs out. A closed output pipe must instead end the command quietly, as it ends `ls`.
 */

/** The streams and exit the guards act on; tests pass their own. */
export interface GuardedProcess {
  readonly stdout: NodeJS.EventEmitter;
  readonly stderr: NodeJS.EventEmitter;
  on(event: 'uncaughtException', listener: (error: Error) => void): unknown;
  exit(code?: number): never;
}

/** Exit status for an error the CLI did not expect (sysexits EX_SOFTWARE). */
export const CRASH_EXIT_CODE = 70;

/**
 * Ends the process with status 0 and no output when stdout or stderr is a closed pipe, and with
 * {@link CRASH_EXIT_CODE} after printing an uncaught exception (a crash ends the command, whatever a library's
 * logger decided).
 */
export function installProcessGuards(proc: GuardedProcess = process): void {
  const onStreamError = (error: NodeJS.ErrnoException): void => {
    if (error.code === 'EPIPE') proc.exit(0);
    throw error;
  };
  proc.stdout.on('error', onStreamError);
  proc.stderr.on('error', onStreamError);
  proc.on('uncaughtException', (error) => {
    try {
      process.stderr.write(`fabric-testkit: unexpected error: ${error.stack ?? error.message}\n`);
    } finally {
      proc.exit(CRASH_EXIT_CODE);
    }
  });
}
