/**
 * The chaincode programs a mock network started (Go packages, any chaincode server, Node packages served over the
 * wire), each on a free port of 127.0.0.1 with the ccaas contract (`CHAINCODE_SERVER_ADDRESS`, `CHAINCODE_ID`), all
 * stopped with the network. The harness starts them exactly as it does for a real network.
 */
import {
  ChaincodeCoverage,
  chaincodeModuleProblems,
  reportCoverage,
  freePort,
  INSPECT_IS_FOR_NODE,
  startChaincodeServer,
  type ChaincodeModule,
  type RunningChaincodeServer,
} from '@fabric-testkit/test-harness';
import { NetworkDefinitionError } from '../errors';
import type { DeployOptions } from '../types';

/** How long a program has to listen (a Go build is not counted: it happens before). */
const START_TIMEOUT_MS = 60_000;
/** The inspector's default port, as `node --inspect`. */
const INSPECT_PORT = 9229;

export class ChaincodePrograms {
  readonly #running: RunningChaincodeServer[] = [];
  readonly #coverage: ChaincodeCoverage | undefined;

  /** `coverageDirectory`: measure the programs' coverage and write it there on stop (`withChaincodeCoverage`). */
  constructor(coverageDirectory?: string) {
    this.#coverage = coverageDirectory === undefined ? undefined : new ChaincodeCoverage(coverageDirectory);
  }

  /** Starts `program` as the package of chaincode `name` at `version`; resolves once it listens. */
  async start(
    program: ChaincodeModule,
    name: string,
    version: string,
    inspect: DeployOptions['inspect'],
  ): Promise<RunningChaincodeServer> {
    const label = `${name}_${version}`;
    const problems = chaincodeModuleProblems(program);
    if (inspect !== undefined && 'server' in program) problems.push(INSPECT_IS_FOR_NODE);
    if (problems.length > 0) throw new NetworkDefinitionError(`deploy ${label}: ${problems.join('; ')}`);
    const packageId = `${label}:mock${this.#running.length}`;
    const port = await freePort();
    const instrumented = this.#coverage?.instrument(name, program);
    const running = await startChaincodeServer(
      instrumented?.program ?? program,
      packageId,
      '127.0.0.1',
      port,
      START_TIMEOUT_MS,
      instrumented?.environment ?? {},
      inspect === undefined ? undefined : { port: inspect.port ?? INSPECT_PORT, wait: inspect.wait ?? false },
    );
    this.#running.push(running);
    return running;
  }

  /** Stops every program (SIGTERM, then waits for each to exit), then writes their coverage when measured. */
  async stop(): Promise<void> {
    const running = this.#running.splice(0);
    await Promise.all(running.map((server) => server.stop()));
    await reportCoverage(this.#coverage);
  }
}
