/**
 * A chaincode server that outlives the process that started it, for a command line that deploys a chaincode and
 * exits (`fabric-testkit deploy`): the same child program as {@link startChaincodeServer} (a Node chaincode, or a Go
 * chaincode's binary), started in its own process group with its output in a log file, and left running once it
 * serves. Stopped later by process ID.
 */
import { fork, spawn, type ChildProcess } from 'node:child_process';
import { closeSync, openSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { FabricTestkitError } from '../errors';
import { chaincodeArguments, type ChaincodeClassModule, type ContractPackageModule } from './chaincode-server';
import { DETACHED_ENV } from './detached-env';
import { isPortInUse } from './free-port';
import { goChaincodeProgram, type GoChaincode } from './go-chaincode';

/** What {@link startDetachedChaincodeServer} starts. */
export interface DetachedChaincodeServerOptions {
  /**
   * A Node chaincode (a fabric-contract-api package directory or a module with a chaincode class), or a Go
   * chaincode's main package directory, built (cached by content) and run with `CHAINCODE_SERVER_ADDRESS` and
   * `CHAINCODE_ID` set.
   */
  readonly chaincode: ContractPackageModule | ChaincodeClassModule | GoChaincode;
  /** The package ID the peers installed (the server answers to it). */
  readonly packageId: string;
  /** Where it listens: the address peers dial (for containers, the docker network's gateway on this host). */
  readonly host: string;
  readonly port: number;
  /** Receives the server's standard output and error (appended). */
  readonly logFile: string;
  /** Extra environment, for example `CORE_PEER_LOCALMSPID`. */
  readonly environment?: Readonly<Record<string, string>>;
  /** How long to wait for it to serve. Default 30 s. */
  readonly timeoutMs?: number;
}

/** A chaincode server running on its own. */
export interface DetachedChaincodeServer {
  readonly packageId: string;
  /** `host:port`. */
  readonly address: string;
  readonly pid: number;
  readonly logFile: string;
}

/**
 * Starts a chaincode server that keeps running after this process exits; resolves once it serves. Fails (leaving
 * nothing running) when the port is taken, the program fails to start (the log's last lines in the message) or it
 * does not serve within the timeout.
 */
export async function startDetachedChaincodeServer(
  options: DetachedChaincodeServerOptions,
): Promise<DetachedChaincodeServer> {
  const { packageId, host, port, logFile } = options;
  const address = addressOf(options);
  if (await isPortInUse(port, host)) {
    throw new FabricTestkitError(`chaincode server port ${address} is already in use; not starting ${packageId}`);
  }
  const timeoutMs = options.timeoutMs ?? 30_000;
  const environment = {
    CORE_CHAINCODE_LOGGING_LEVEL: process.env.CORE_CHAINCODE_LOGGING_LEVEL ?? 'info',
    ...options.environment,
    [DETACHED_ENV]: 'true',
  };
  const chaincode = options.chaincode;
  const child =
    'go' in chaincode
      ? await startGoProgram(chaincode, options, environment, timeoutMs)
      : await startNodeServer(chaincode, options, environment, timeoutMs);
  child.removeAllListeners();
  child.unref();
  if (child.pid === undefined) throw new FabricTestkitError(`chaincode server ${packageId} has no process ID`);
  return { packageId, address, pid: child.pid, logFile };
}

/** Output of a child started detached goes to the log file, opened for it and closed here once it has it. */
function withLogFile<T>(logFile: string, start: (log: number) => T): T {
  const log = openSync(logFile, 'a', 0o600);
  try {
    return start(log);
  } finally {
    closeSync(log);
  }
}

function killIfRunning(child: ChildProcess): void {
  if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
}

/** A Node server forked on chaincode-main.js, which says `ready` over IPC once it serves. */
async function startNodeServer(
  chaincode: ContractPackageModule | ChaincodeClassModule,
  options: DetachedChaincodeServerOptions,
  environment: Readonly<Record<string, string>>,
  timeoutMs: number,
): Promise<ChildProcess> {
  const { packageId, logFile } = options;
  const child = withLogFile(logFile, (log) =>
    fork(join(__dirname, 'chaincode-main.js'), [...chaincodeArguments(chaincode), packageId, addressOf(options)], {
      detached: true,
      stdio: ['ignore', log, log, 'ipc'],
      env: { ...process.env, ...environment },
    }),
  );
  try {
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => {
        reject(new FabricTestkitError(`chaincode server ${packageId} did not start within ${timeoutMs} ms`));
      }, timeoutMs);
      child.once('message', (message) => {
        clearTimeout(timer);
        if (message === 'ready') resolve();
        else reject(new FabricTestkitError(`chaincode server ${packageId} failed: ${JSON.stringify(message)}`));
      });
      child.once('exit', (code) => {
        clearTimeout(timer);
        reject(new FabricTestkitError(`chaincode server ${packageId} exited with ${code}${logTail(logFile)}`));
      });
    });
  } catch (e) {
    killIfRunning(child);
    throw e;
  }
  child.disconnect();
  return child;
}

/**
 * A Go chaincode's binary (the ccaas contract: `CHAINCODE_SERVER_ADDRESS`, `CHAINCODE_ID`), which serves once it
 * accepts connections on its address; there is no IPC channel to say so.
 */
async function startGoProgram(
  chaincode: GoChaincode,
  options: DetachedChaincodeServerOptions,
  environment: Readonly<Record<string, string>>,
  timeoutMs: number,
): Promise<ChildProcess> {
  const { packageId, logFile, host, port } = options;
  const program = await goChaincodeProgram(chaincode);
  const address = addressOf(options);
  const child = withLogFile(logFile, (log) =>
    spawn(program.server.command, [...(program.server.args ?? [])], {
      ...(program.server.cwd === undefined ? {} : { cwd: program.server.cwd }),
      detached: true,
      stdio: ['ignore', log, log],
      env: { ...process.env, ...environment, CHAINCODE_SERVER_ADDRESS: address, CHAINCODE_ID: packageId },
    }),
  );
  let spawnError: Error | undefined;
  child.once('error', (e) => (spawnError = e));
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (spawnError !== undefined) {
      throw new FabricTestkitError(`chaincode server ${packageId} could not be started: ${spawnError.message}`);
    }
    if (child.exitCode !== null || child.signalCode !== null) {
      throw new FabricTestkitError(
        `chaincode server ${packageId} exited with ${child.exitCode ?? child.signalCode} before it listened on ${address}${logTail(logFile)}`,
      );
    }
    if (await isPortInUse(port, host)) return child;
    if (Date.now() > deadline) {
      killIfRunning(child);
      throw new FabricTestkitError(
        `chaincode server ${packageId} did not listen on ${address} within ${timeoutMs} ms, and was stopped${logTail(logFile)}`,
      );
    }
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

function addressOf(options: DetachedChaincodeServerOptions): string {
  return `${options.host}:${options.port}`;
}

/**
 * Whether the chaincode server with this process ID still runs. Where `/proc` exists the process must also be the
 * server of `packageId` (named on a Node server's command line, or in a program's `CHAINCODE_ID`), so a process ID
 * the system gave to another program since is not mistaken for it.
 */
export function isChaincodeServerRunning(pid: number, packageId: string): boolean {
  try {
    process.kill(pid, 0);
  } catch {
    return false;
  }
  try {
    return (
      readFileSync(`/proc/${pid}/cmdline`, 'utf8').includes(packageId) ||
      readFileSync(`/proc/${pid}/environ`, 'utf8').split('\0').includes(`CHAINCODE_ID=${packageId}`)
    );
  } catch {
    return true;
  }
}

/** Stops a detached chaincode server (SIGTERM, then SIGKILL after `timeoutMs`); resolves once it is gone. */
export async function stopDetachedChaincodeServer(pid: number, packageId: string, timeoutMs = 5_000): Promise<void> {
  if (!isChaincodeServerRunning(pid, packageId)) return;
  process.kill(pid, 'SIGTERM');
  const deadline = Date.now() + timeoutMs;
  while (isChaincodeServerRunning(pid, packageId)) {
    if (Date.now() > deadline) {
      process.kill(pid, 'SIGKILL');
      return;
    }
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

function logTail(logFile: string): string {
  try {
    const lines = readFileSync(logFile, 'utf8').trimEnd().split('\n').slice(-10);
    return lines.length === 0 || lines[0] === '' ? '' : `; its log ends:\n${lines.join('\n')}`;
  } catch {
    return '';
  }
}
