/** Runs the real `fabric-testkit` binary in its own process, for the CLI's end-to-end tests. */
import { execFile } from 'node:child_process';
import * as path from 'node:path';

/** `bin/fabric-testkit.js` of this package (tests run from `dist/test/...`). */
export const CLI_BIN = path.resolve(__dirname, '..', '..', '..', 'bin', 'fabric-testkit.js');

export interface CliRun {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

/**
 * Runs the CLI with `FABRIC_TESTKIT_HOME=home` and `args`; resolves once that process exited (so a command such as
 * `up` must not keep it alive), with its exit code and output.
 */
export function runCli(
  home: string,
  args: readonly string[],
  options: { readonly cwd?: string; readonly env?: Readonly<Record<string, string>> } = {},
): Promise<CliRun> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      [CLI_BIN, ...args],
      {
        ...(options.cwd === undefined ? {} : { cwd: options.cwd }),
        env: { ...process.env, FABRIC_TESTKIT_HOME: home, ...options.env },
        maxBuffer: 1 << 24,
      },
      (error, stdout, stderr) => {
        const code = error === null ? 0 : typeof error.code === 'number' ? error.code : -1;
        resolve({ code, stdout, stderr });
      },
    );
  });
}
