import { spawn } from 'node:child_process';

/** How to run one command. */
export interface RunOptions {
  readonly cwd?: string;
  readonly env?: NodeJS.ProcessEnv;
  /** Kill the command (SIGKILL) after this many milliseconds. */
  readonly timeoutMs?: number;
  /** Data written to the command's standard input. */
  readonly input?: string;
  /** Called with each complete line of output (both streams). */
  readonly onLine?: (line: string) => void;
}

/** What a command did. `notFound` is set when the executable does not exist. */
export interface RunResult {
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
  readonly timedOut: boolean;
  readonly notFound: boolean;
}

/** Runs a command to completion, never throwing for a failed exit; output is kept in full. */
export type Runner = (command: string, args: readonly string[], options?: RunOptions) => Promise<RunResult>;

/** The real runner: `child_process.spawn` without a shell. */
export const runCommand: Runner = (command, args, options = {}) =>
  new Promise((resolve) => {
    const child = spawn(command, [...args], {
      cwd: options.cwd,
      env: options.env ?? process.env,
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    let timedOut = false;
    let notFound = false;
    const timer =
      options.timeoutMs === undefined
        ? undefined
        : setTimeout(() => {
            timedOut = true;
            child.kill('SIGKILL');
          }, options.timeoutMs);
    // One splitter per stream, so a partial line on one is never joined with the other's.
    const outLines = lineSplitter(options.onLine);
    const errLines = lineSplitter(options.onLine);
    child.stdout.on('data', (chunk: Buffer) => {
      out.push(chunk);
      outLines.push(chunk);
    });
    child.stderr.on('data', (chunk: Buffer) => {
      err.push(chunk);
      errLines.push(chunk);
    });
    child.on('error', (error: NodeJS.ErrnoException) => {
      if (error.code === 'ENOENT') notFound = true;
    });
    child.on('close', (code) => {
      if (timer !== undefined) clearTimeout(timer);
      outLines.flush();
      errLines.flush();
      resolve({
        code,
        stdout: Buffer.concat(out).toString('utf8'),
        stderr: Buffer.concat(err).toString('utf8'),
        timedOut,
        notFound,
      });
    });
    child.stdin.on('error', () => undefined);
    child.stdin.end(options.input ?? '');
  });

function lineSplitter(onLine: ((line: string) => void) | undefined): { push(chunk: Buffer): void; flush(): void } {
  let pending = '';
  return {
    push(chunk) {
      if (onLine === undefined) return;
      const parts = (pending + chunk.toString('utf8')).split(/\r?\n/);
      pending = parts.pop() ?? '';
      for (const line of parts) onLine(line);
    },
    flush() {
      if (onLine !== undefined && pending !== '') onLine(pending);
      pending = '';
    },
  };
}

/** The last `count` non-empty lines of a command's output, for error messages. */
export function outputTail(result: Pick<RunResult, 'stdout' | 'stderr'>, count = 15): string {
  const lines = `${result.stdout}\n${result.stderr}`.split(/\r?\n/).filter((line) => line.trim() !== '');
  return lines.slice(-count).join('\n');
}
