import { fork } from 'node:child_process';
import { join } from 'node:path';
import { FabricTestkitError } from '../errors';
import { freePort, isPortInUse } from './free-port';
import type { RunningChaincodeServer } from './running-chaincode-server';
import { startChaincodeProgram, type ChaincodeProgram } from './chaincode-program';
import { goChaincodeProgram, type GoChaincode } from './go-chaincode';

export type { RunningChaincodeServer } from './running-chaincode-server';

/**
 * Which chaincode to serve: a module export with `Init`/`Invoke`, a fabric-contract-api package directory, any
 * program that serves the chaincode protocol ({@link ChaincodeProgram}: Java, ...), or a Go main package
 * ({@link GoChaincode}, built with `go build`).
 */
export type ChaincodeModule = ChaincodeClassModule | ContractPackageModule | ChaincodeProgram | GoChaincode;

/** A module and the export that is the chaincode class (or instance). */
export interface ChaincodeClassModule {
  /** An absolute path to the module (for example `require.resolve('./my-chaincode')`). */
  readonly modulePath: string;
  /** The export: a class with `Init`/`Invoke` (constructed without arguments) or an instance. Default `default`. */
  readonly exportName?: string;
}

/**
 * A fabric-contract-api package, served exactly as `fabric-chaincode-node server --module-path DIR` serves it:
 * fabric-shim's own bootstrap reads `package.json` `main` (its `contracts` and `serializers` exports) and
 * `META-INF/metadata.json` when present, then serves `ChaincodeFromContract`.
 */
export interface ContractPackageModule {
  /** An absolute path to the package directory (the one holding its package.json). */
  readonly contractPackage: string;
}

/** How long a server started with `inspect.wait` waits for its debugger. */
const DEBUGGER_WAIT_MS = 10 * 60_000;

/** This process's Node flags without its own inspector flags, plus the server's. */
function inspectArguments(inspect: { readonly port: number; readonly wait: boolean }): string[] {
  return [
    ...process.execArgv.filter((flag) => !flag.startsWith('--inspect')),
    `--inspect${inspect.wait ? '-brk' : ''}=127.0.0.1:${inspect.port}`,
  ];
}

/** The child process's arguments before the package ID and address (see chaincode-main.ts). */
export function chaincodeArguments(chaincode: ChaincodeClassModule | ContractPackageModule): string[] {
  if ('contractPackage' in chaincode) return ['--contract-package', chaincode.contractPackage];
  return [chaincode.modulePath, chaincode.exportName ?? 'default'];
}

/**
 * Serves a chaincode as a service (fabric-shim's chaincode server) under the package ID the peer installed,
 * in a child Node process that inherits this one's flags and environment (so `--inspect` and nyc/V8 coverage
 * follow it). Fails fast when the port is taken: a stale server under an old package ID would make submits
 * hang until DEADLINE_EXCEEDED.
 */
export async function startChaincodeServer(
  chaincode: ChaincodeModule,
  packageId: string,
  host: string,
  port: number,
  timeoutMs = 30_000,
  environment: Readonly<Record<string, string>> = {},
  inspect?: { readonly port: number; readonly wait: boolean },
): Promise<RunningChaincodeServer> {
  if (await isPortInUse(port, host)) {
    throw new FabricTestkitError(
      `chaincode server port ${host}:${port} is already in use (a stale chaincode server?); not starting ${packageId}`,
    );
  }
  if ('server' in chaincode) return startChaincodeProgram(chaincode, packageId, host, port, timeoutMs, environment);
  if ('go' in chaincode) {
    // Under Delve with `wait`, the chaincode listens only once a debugger continued it: wait as long as for Node's.
    const program = await goChaincodeProgram(chaincode, undefined, inspect);
    const waitMs = inspect?.wait === true ? DEBUGGER_WAIT_MS : timeoutMs;
    return startChaincodeProgram(program, packageId, host, port, waitMs, environment);
  }
  const address = `${host}:${port}`;
  const child = fork(join(__dirname, 'chaincode-main.js'), [...chaincodeArguments(chaincode), packageId, address], {
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    ...(inspect === undefined ? {} : { execArgv: inspectArguments(inspect) }),
    // fabric-shim logs every transaction at info; keep test output readable unless the caller asks for more.
    env: {
      ...process.env,
      CORE_CHAINCODE_LOGGING_LEVEL: process.env.CORE_CHAINCODE_LOGGING_LEVEL ?? 'warning',
      ...environment,
    },
  });
  if (inspect !== undefined) {
    process.stderr.write(
      `[fabric-testkit] chaincode server ${packageId} runs under the inspector at 127.0.0.1:${inspect.port}` +
        `${inspect.wait ? ', waiting for a debugger to attach (chrome://inspect, or VS Code "attach")' : ''}\n`,
    );
  }
  const waitMs = inspect?.wait === true ? DEBUGGER_WAIT_MS : timeoutMs;
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new FabricTestkitError(`chaincode server ${packageId} did not start within ${waitMs} ms`));
    }, waitMs);
    child.once('message', (message) => {
      clearTimeout(timer);
      if (message === 'ready') {
        resolve();
      } else {
        reject(new FabricTestkitError(`chaincode server ${packageId} failed: ${JSON.stringify(message)}`));
      }
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new FabricTestkitError(`chaincode server ${packageId} exited with ${code}`));
    });
  });
  return {
    packageId,
    address,
    pid: child.pid,
    get running() {
      return child.exitCode === null && child.signalCode === null;
    },
    stop: async () => {
      if (child.exitCode === null && child.signalCode === null) {
        const exited = new Promise((resolve) => child.once('exit', resolve));
        child.kill('SIGTERM');
        await exited;
      }
    },
  };
}

/** Chaincode servers of one package, one per organization, and the address each organization's peer dials. */
export interface OrganizationServers {
  readonly servers: readonly RunningChaincodeServer[];
  /** By MSP ID. */
  readonly addresses: Readonly<Record<string, string>>;
}

/**
 * Serves `chaincode` once per organization on free ports of 127.0.0.1, each with the organization's MSP ID as
 * `CORE_PEER_LOCALMSPID`, which is what the chaincode's `getMspID()` / `GetMSPID()` reads (S-06): as each real
 * peer runs, or dials, its own copy. For an in-memory peer, whose organizations each dial their own address. When
 * one fails to start, those already started are stopped.
 */
export async function startChaincodeServerPerOrganization(
  chaincode: ChaincodeModule,
  packageId: string,
  mspIds: readonly string[],
  timeoutMs?: number,
): Promise<OrganizationServers> {
  const servers: RunningChaincodeServer[] = [];
  const addresses: Record<string, string> = {};
  try {
    for (const mspId of mspIds) {
      const server = await startChaincodeServer(chaincode, packageId, '127.0.0.1', await freePort(), timeoutMs, {
        CORE_PEER_LOCALMSPID: mspId,
      });
      servers.push(server);
      addresses[mspId] = server.address;
    }
  } catch (error) {
    await Promise.all(servers.map((server) => server.stop()));
    throw error;
  }
  return { servers, addresses };
}
