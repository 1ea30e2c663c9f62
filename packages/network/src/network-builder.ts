import { setChaincodeLogLevel, type ChaincodeLogLevel } from '@fabric-testkit/contract-test';
import { NetworkDefinitionError } from './errors';
import { startFabricTarget } from './fabric/fabric-target';
import { startMockTarget } from './mock/mock-target';
import type { ChannelDefinition, NetworkDefinition } from './network-definition';
import type { StartedNetwork, StateDatabase, TargetName } from './types';

/** Options of {@link createNetwork}. */
export interface CreateNetworkOptions {
  /** Where the network runs. Default: `FABRIC_TESTKIT_TARGET` (`mock` or `network`), else `mock`. */
  readonly target?: TargetName;
  /** Real network only: `2.5`, `3.1` or a pinned tag. Default: the harness's (FABRIC_TESTKIT_FABRIC_VERSION, else 2.5). */
  readonly fabricVersion?: string;
  /**
   * Real network only: the orderer's batch timeout, which every submit waits for; `network.block()` needs its
   * back-to-back submits within it. Default `250ms`.
   */
  readonly batchTimeout?: string;
  /** Progress lines of long steps (a real network's start, fixture channels). Default: none. */
  readonly progress?: (line: string) => void;
}

/** The environment variable that picks the target when `createNetwork()` is not told. */
export const TARGET_ENV = 'FABRIC_TESTKIT_TARGET';

/**
 * A Fabric network for tests, on the in-memory peer or on real Fabric in containers, with the same calls on both:
 * organizations by MSP id, channels, then `start()`. Chaincode is deployed on the started network.
 *
 * @example
 * ```ts
 * const network = await createNetwork().withOrganizations('Org1MSP', 'Org2MSP').withChannel('mychannel').start();
 * await network.deploy({ name: 'basic', modulePath: path.resolve(__dirname, '..') });
 * const alice = await network.identity('Org1MSP', 'alice');
 * await network.chaincode('basic', { as: alice }).submit('CreateAsset', 'a1', 'blue', '5', '300');
 * ```
 */
export function createNetwork(options: CreateNetworkOptions = {}): NetworkBuilder {
  return new NetworkBuilder(options.target ?? targetFromEnvironment(), options);
}

/** The target `FABRIC_TESTKIT_TARGET` names, `mock` when it is not set. */
export function targetFromEnvironment(env: NodeJS.ProcessEnv = process.env): TargetName {
  const value = env[TARGET_ENV];
  if (value === undefined || value === '') return 'mock';
  if (value === 'mock' || value === 'network') return value;
  throw new NetworkDefinitionError(
    `${TARGET_ENV}=${value} is not a target: use mock (the in-memory peer) or network (real Fabric in containers)`,
  );
}

/** Builds a network definition, testcontainers style; `start()` starts it on the chosen target. */
export class NetworkBuilder {
  readonly #target: TargetName;
  readonly #options: CreateNetworkOptions;
  readonly #organizations: string[] = [];
  readonly #channels: { name: string; members?: readonly string[] }[] = [];
  #stateDatabase: StateDatabase | undefined;
  #totalQueryLimit: number | undefined;
  #chaincodeCoverage: string | undefined;
  #logLevel: ChaincodeLogLevel | undefined;

  constructor(target: TargetName, options: CreateNetworkOptions) {
    this.#target = target;
    this.#options = options;
  }

  /** The target `start()` will use. */
  get target(): TargetName {
    return this.#target;
  }

  /** Adds organizations by MSP id, e.g. `'Org1MSP'`. Default: one, `Org1MSP`. */
  withOrganizations(...mspIds: readonly string[]): this {
    this.#organizations.push(...mspIds);
    return this;
  }

  /** Adds a channel with its member organizations (MSP ids). Default members: every organization. */
  withChannel(name: string, options: { members?: readonly string[] } = {}): this {
    this.#channels.push({ name, ...options });
    return this;
  }

  /** The peers' state database. Default `leveldb`; `couchdb` for rich queries (a CouchDB beside each real peer). */
  withStateDatabase(stateDatabase: StateDatabase): this {
    this.#stateDatabase = stateDatabase;
    return this;
  }

  /** `ledger.state.totalQueryLimit`: most results one range or rich query returns. Fabric's default 100000. */
  withTotalQueryLimit(limit: number): this {
    this.#totalQueryLimit = limit;
    return this;
  }

  /**
   * Coverage of the chaincode as the peer runs it, written when the network stops: `<dir>/<chaincode>/lcov.info` and
   * `summary.txt`. Every chaincode server runs instrumented (Node under V8 coverage, Go built with `go build -cover`;
   * a Go chaincode must exit on SIGTERM for its data to be written). On the mock this covers chaincode served as a
   * program (`go`, `served: true`); chaincode run in process is covered by the test runner's own nyc/c8.
   */
  withChaincodeCoverage(directory: string): this {
    if (typeof directory !== 'string' || directory === '') {
      throw new NetworkDefinitionError(
        'withChaincodeCoverage needs the directory the reports go to, e.g. "coverage/chaincode"',
      );
    }
    this.#chaincodeCoverage = directory;
    return this;
  }

  /**
   * The chaincode's log level, `CORE_CHAINCODE_LOGGING_LEVEL` as a peer sets it: the mock's in-process chaincode and
   * a real network's chaincode servers both take it. Process-wide, like that variable. Default: the variable when
   * set, else WARNING (fabric-shim still logs each failed transaction at ERROR; `CRITICAL` silences that).
   */
  withChaincodeLogLevel(level: ChaincodeLogLevel): this {
    this.#logLevel = level;
    return this;
  }

  /** Starts the network on the target. Defaults: one organization `Org1MSP`, one channel `mychannel`. */
  start(): Promise<StartedNetwork> {
    const definition = this.#definition();
    if (this.#logLevel !== undefined) setChaincodeLogLevel(this.#logLevel);
    return definition.target === 'mock' ? startMockTarget(definition) : startFabricTarget(definition);
  }

  #definition(): NetworkDefinition {
    const organizations = this.#organizations.length > 0 ? [...this.#organizations] : ['Org1MSP'];
    const channels: ChannelDefinition[] = (this.#channels.length > 0 ? this.#channels : [{ name: 'mychannel' }]).map(
      (c) => ({ name: c.name, members: [...(c.members ?? organizations)] }),
    );
    const problems = [
      ...organizations.flatMap((o, i) => (organizations.indexOf(o) === i ? [] : [`organization ${o} is added twice`])),
      ...channels.flatMap((c, i) => [
        ...(channels.findIndex((d) => d.name === c.name) === i ? [] : [`channel ${c.name} is added twice`]),
        ...(c.members.length === 0 ? [`channel ${c.name} has no members`] : []),
        ...c.members
          .filter((m) => !organizations.includes(m))
          .map(
            (m) => `channel ${c.name} names member ${m}, which is not an organization (add it with withOrganizations)`,
          ),
      ]),
    ];
    if (problems.length > 0) throw new NetworkDefinitionError(`invalid network definition: ${problems.join('; ')}`);
    return {
      target: this.#target,
      organizations,
      channels,
      ...(this.#stateDatabase === undefined ? {} : { stateDatabase: this.#stateDatabase }),
      ...(this.#totalQueryLimit === undefined ? {} : { totalQueryLimit: this.#totalQueryLimit }),
      ...(this.#chaincodeCoverage === undefined ? {} : { chaincodeCoverage: this.#chaincodeCoverage }),
      ...(this.#options.fabricVersion === undefined ? {} : { fabricVersion: this.#options.fabricVersion }),
      ...(this.#options.batchTimeout === undefined ? {} : { batchTimeout: this.#options.batchTimeout }),
      ...(this.#options.progress === undefined ? {} : { progress: this.#options.progress }),
    };
  }
}
