/** Child processes as the soak runs them: output collected, a deadline on each, and the signal or code it ended with. */
import { spawn, type ChildProcess } from 'node:child_process';

/** How a child process ended. `timedOut`: it was still running at its deadline and was killed (SIGKILL). */
export interface Ended {
  readonly code: number | null;
  readonly signal: NodeJS.Signals | null;
  readonly stdout: string;
  readonly stderr: string;
  readonly timedOut: boolean;
  readonly ms: number;
}

/** A started child, with its output so far and a promise of how it ends. */
export interface Running {
  readonly child: ChildProcess;
  readonly ended: Promise<Ended>;
  output(): string;
  /** Resolves with the first stdout line matching `pattern` (its match), or undefined once the process ended. */
  line(pattern: RegExp): Promise<RegExpMatchArray | undefined>;
  /** Sends `signal` to the child's whole process group, as Ctrl-C in a terminal does. */
  signalGroup(signal: NodeJS.Signals): void;
}

/**
 * Starts `command` in a process group of its own (so a signal reaches all of it, and a hung one can be killed with
 * everything it started), killed with SIGKILL after `timeoutMs`.
 */
export function start(command: string, args: readonly string[], env: NodeJS.ProcessEnv, timeoutMs: number): Running {
  const began = Date.now();
  const child = spawn(command, [...args], { env, detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  const waiters: (() => void)[] = [];
  child.stdout?.on('data', (c: Buffer) => {
    stdout += c.toString();
    for (const wake of waiters.splice(0)) wake();
  });
  child.stderr?.on('data', (c: Buffer) => (stderr += c.toString()));
  let timedOut = false;
  const timer = setTimeout(() => {
    timedOut = true;
    killGroup(child, 'SIGKILL');
  }, timeoutMs);
  const ended = new Promise<Ended>((resolve) => {
    child.on('error', (e) => (stderr += `spawn error: ${e.message}\n`));
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      for (const wake of waiters.splice(0)) wake();
      resolve({ code, signal, stdout, stderr, timedOut, ms: Date.now() - began });
    });
  });
  let done = false;
  void ended.then(() => (done = true));
  const line = async (pattern: RegExp): Promise<RegExpMatchArray | undefined> => {
    for (;;) {
      const match = new RegExp(pattern.source, 'm').exec(stdout);
      if (match) return match;
      if (done) return undefined;
      await new Promise<void>((wake) => waiters.push(wake));
    }
  };
  return { child, ended, output: () => stdout + stderr, line, signalGroup: (s) => killGroup(child, s) };
}

/** Runs a shell pipeline to its end (within `timeoutMs`). */
export function shell(pipeline: string, env: NodeJS.ProcessEnv, timeoutMs: number): Promise<Ended> {
  return start('sh', ['-c', pipeline], env, timeoutMs).ended;
}

function killGroup(child: ChildProcess, signal: NodeJS.Signals): void {
  if (child.pid === undefined) return;
  try {
    process.kill(-child.pid, signal);
  } catch {
    // The group is gone already.
  }
}
