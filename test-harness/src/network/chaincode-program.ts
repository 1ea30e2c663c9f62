/**
 * Chaincode in any language: a program that serves the chaincode protocol as a chaincode-as-a-service server. The
 * ccaas contract (Fabric's `ccaas_builder`, and every shim's server mode: fabric-chaincode-go `shim.ChaincodeServer`,
 * fabric-chaincode-node `server`, fabric-chaincode-java) is two environment variables: `CHAINCODE_SERVER_ADDRESS`,
 * where to listen, and `CHAINCODE_ID`, the package ID the peer installed. The harness starts the program with them,
 * waits until it listens, keeps the end of its output for the error when it does not, and stops it with the network.
 */
import { spawn } from 'node:child_process';
import { statSync } from 'node:fs';
import { isAbsolute } from 'node:path';
import { FabricTestkitError } from '../errors';
import type { RunningChaincodeServer } from './running-chaincode-server';
import { isPortInUse } from './free-port';

/** A program that serves the chaincode protocol, started on this host. */
export interface ChaincodeProgram {
  readonly server: {
    /** The executable: a name on PATH or an absolute path. */
    readonly command: string;
    readonly args?: readonly string[];
    /** Its working directory (absolute). Default: this process's. */
    readonly cwd?: string;
    /** More environment variables; `CHAINCODE_SERVER_ADDRESS` and `CHAINCODE_ID` are set by the harness. */
    readonly env?: Readonly<Record<string, string>>;
  };
}

/** How many lines of the program's output an error quotes. */
const OUTPUT_LINES = 20;
/** How long a program gets to exit after SIGTERM before SIGKILL. */
const STOP_GRACE_MS = 5_000;

/** A chaincode program that exited, or did not listen, before the peer could reach it. */
export class ChaincodeProgramError extends FabricTestkitError {
  /** The command line. */
  readonly program: string;
  /** Its exit code, when it exited (null when killed by a signal or still running at the timeout). */
  readonly exitCode: number | null;
  /** The last lines it printed (stdout and stderr). */
  readonly output: string;

  constructor(program: string, exitCode: number | null, output: string, what: string) {
    super(
      `chaincode program \`${program}\` ${what}${output === '' ? '; it printed nothing' : `; its last output:\n${output}`}`,
    );
    this.name = 'ChaincodeProgramError';
    this.program = program;
    this.exitCode = exitCode;
    this.output = output;
  }
}

/** What is wrong with a program definition that can be told before anything starts. */
export function chaincodeProgramProblems(program: ChaincodeProgram): string[] {
  const { command, cwd, args } = program.server;
  const problems: string[] = [];
  if (typeof command !== 'string' || command.trim() === '') {
    problems.push('server.command must name the program that serves the chaincode, e.g. "./bin/my-chaincode"');
  } else if (
    command.includes('/') &&
    (!isAbsolute(command) || statSync(command, { throwIfNoEntry: false }) === undefined)
  ) {
    problems.push(`server.command ${command} does not exist; give an absolute path, or a name on PATH`);
  }
  if (args !== undefined && !args.every((arg) => typeof arg === 'string')) {
    problems.push('server.args must be strings');
  }
  if (cwd !== undefined && (!isAbsolute(cwd) || statSync(cwd, { throwIfNoEntry: false })?.isDirectory() !== true)) {
    problems.push(`server.cwd ${cwd} is not an existing absolute directory`);
  }
  return problems;
}

/**
 * Starts `program` serving package `packageId` on `host:port` and resolves once it accepts connections there.
 * Rejects with {@link ChaincodeProgramError} when it exits first or does not listen within `timeoutMs` (then it is
 * killed): nothing is left running.
 */
export async function startChaincodeProgram(
  program: ChaincodeProgram,
  packageId: string,
  host: string,
  port: number,
  timeoutMs = 30_000,
  environment: Readonly<Record<string, string>> = {},
): Promise<RunningChaincodeServer> {
  const { command, args = [], cwd, env = {} } = program.server;
  const commandLine = [command, ...args].join(' ');
  const address = `${host}:${port}`;
  const child = spawn(command, [...args], {
    ...(cwd === undefined ? {} : { cwd }),
    env: { ...process.env, ...env, ...environment, CHAINCODE_SERVER_ADDRESS: address, CHAINCODE_ID: packageId },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const output = new OutputTail(OUTPUT_LINES);
  for (const stream of [child.stdout, child.stderr]) {
    stream.on('data', (chunk: Buffer) => {
      output.add(chunk.toString('utf8'));
      // The program's own log, as a Node chaincode server's goes to this process's output.
      process.stderr.write(chunk);
    });
  }
  const running = (): boolean => child.exitCode === null && child.signalCode === null;
  const exited = new Promise<void>((resolve) => child.once('close', () => resolve()));
  let spawnError: Error | undefined;
  child.once('error', (e) => (spawnError = e));
  const stop = async (): Promise<void> => {
    if (!running()) return;
    child.kill('SIGTERM');
    const grace = setTimeout(() => child.kill('SIGKILL'), STOP_GRACE_MS);
    await exited;
    clearTimeout(grace);
  };
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (spawnError !== undefined) {
      throw new ChaincodeProgramError(commandLine, null, output.text(), `could not be started: ${spawnError.message}`);
    }
    if (!running()) {
      await exited;
      throw new ChaincodeProgramError(
        commandLine,
        child.exitCode,
        output.text(),
        `exited with ${child.exitCode === null ? `signal ${child.signalCode ?? '?'}` : `code ${child.exitCode}`} before it listened on ${address}`,
      );
    }
    if (await isPortInUse(port, host)) break;
    if (Date.now() > deadline) {
      await stop();
      throw new ChaincodeProgramError(
        commandLine,
        null,
        output.text(),
        `did not listen on ${address} (CHAINCODE_SERVER_ADDRESS) within ${timeoutMs} ms, and was stopped`,
      );
    }
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  return {
    packageId,
    address,
    pid: child.pid,
    get running() {
      return running();
    },
    stop,
  };
}

/** The last lines of a program's output. */
class OutputTail {
  #lines: string[] = [];
  #partial = '';

  constructor(private readonly keep: number) {}

  add(text: string): void {
    const lines = (this.#partial + text).split('\n');
    this.#partial = lines.pop() ?? '';
    this.#lines.push(...lines);
    if (this.#lines.length > this.keep) this.#lines = this.#lines.slice(-this.keep);
  }

  text(): string {
    return [...this.#lines, ...(this.#partial === '' ? [] : [this.#partial])].slice(-this.keep).join('\n');
  }
}
