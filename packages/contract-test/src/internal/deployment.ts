/**
 * Builds what a peer's Node.js chaincode process runs: fabric-shim's `ChaincodeFromContract` over the
 * contract classes, serializers and metadata gathered as `bootstrap.js` gathers them.
 */
import * as path from 'node:path';
import { JSONSerializer, type Context, type Contract } from 'fabric-contract-api';
import { ClientIdentity, Shim } from 'fabric-shim';
import type { ChaincodeInterface, ChaincodeResponse, ChaincodeStub } from 'fabric-shim-api';
import ChaincodeFromContract from 'fabric-shim/lib/contract-spi/chaincodefromcontract';
import Bootstrap from 'fabric-shim/lib/contract-spi/bootstrap';
import * as Logger from 'fabric-shim/lib/logger';
import type { ContractClass, DeployedChaincode, DeployOptions, SerializerConfig } from '../types';
import { withContractMetadata } from './contract-metadata';
import { readPackagedIndexes } from './couchdb-indexes';
import type { CouchDbIndexDefinition } from '@fabric-testkit/mock-stub';

/** The chaincode's contract classes, serializers, metadata, title and version. */
export interface ContractPackage {
  contracts: readonly ContractClass[];
  serializers: SerializerConfig;
  metadata: object;
  title: string;
  version: string;
  couchDbIndexes: readonly CouchDbIndexDefinition[];
  collectionIndexes: Readonly<Record<string, readonly CouchDbIndexDefinition[]>>;
}

/** Reads the package from `options`: the classes given, or the module at `modulePath` as `bootstrap.js` does. */
export async function loadContractPackage(options: DeployOptions): Promise<ContractPackage> {
  if (options.modulePath !== undefined) {
    if (options.contracts !== undefined) throw new Error('deploy: give either contracts or modulePath, not both');
    const modulePath = path.resolve(options.modulePath);
    const info = Bootstrap.getInfoFromContract(modulePath);
    const packaged = readPackagedIndexes(modulePath);
    return {
      contracts: info.contracts,
      serializers: info.serializers,
      metadata: options.metadata ?? (await Bootstrap.getMetadata(modulePath)),
      title: info.title,
      version: options.version ?? info.version,
      couchDbIndexes: options.couchDbIndexes ?? packaged.couchDbIndexes,
      collectionIndexes: options.collectionIndexes ?? packaged.collectionIndexes,
    };
  }
  if (options.contracts === undefined || options.contracts.length === 0) {
    throw new Error(`deploy ${options.name}: no contracts (give contracts or modulePath)`);
  }
  return {
    contracts: options.contracts,
    serializers: withDefaultSerializer(options.serializers),
    metadata: options.metadata ?? {},
    title: options.name,
    version: options.version ?? '1.0',
    couchDbIndexes: options.couchDbIndexes ?? [],
    collectionIndexes: options.collectionIndexes ?? {},
  };
}

/** As `bootstrap.js`: the JSON serializer is always available under `jsonSerializer`. */
function withDefaultSerializer(config: SerializerConfig | undefined): SerializerConfig {
  if (config === undefined) return { transaction: 'jsonSerializer', serializers: { jsonSerializer: JSONSerializer } };
  return { transaction: config.transaction, serializers: { ...config.serializers, jsonSerializer: JSONSerializer } };
}

/** A function run inside a transaction with a `Context` ({@link ContractChaincode.registerDirectCall}). */
type DirectCall = (ctx: Context) => Promise<void>;

/**
 * The chaincode handed to the mock peer: every invocation goes to `ChaincodeFromContract`, except the
 * function names registered for {@link StartedMockNetwork.context} calls, which run a callback instead.
 */
export class ContractChaincode implements ChaincodeInterface {
  private readonly directCalls = new Map<string, DirectCall>();
  private directCallCount = 0;

  constructor(
    readonly dispatcher: ChaincodeFromContract,
    private readonly directCallPrefix: string,
  ) {}

  async Init(stub: ChaincodeStub): Promise<ChaincodeResponse> {
    return this.dispatcher.Init(stub);
  }

  async Invoke(stub: ChaincodeStub): Promise<ChaincodeResponse> {
    const direct = this.directCalls.get(stub.getFunctionAndParameters().fcn);
    if (direct === undefined) return this.dispatcher.Invoke(stub);
    try {
      await direct(this.createContext(stub, stub.getStringArgs()[1]));
      return Shim.success(Buffer.alloc(0));
    } catch (error) {
      return Shim.error(error instanceof Error ? error.message : String(error));
    }
  }

  /** Registers `call` under a fresh function name; remove it with the returned function. */
  registerDirectCall(call: DirectCall): { fcn: string; unregister: () => void } {
    const fcn = `${this.directCallPrefix}${++this.directCallCount}`;
    this.directCalls.set(fcn, call);
    return { fcn, unregister: () => this.directCalls.delete(fcn) };
  }

  /** The context exactly as `ChaincodeFromContract.invokeFunctionality` sets it up. */
  private createContext(stub: ChaincodeStub, contractName: string | undefined): Context {
    const name = contractName === undefined || contractName === '' ? this.dispatcher.defaultContractName : contractName;
    const implementation = this.dispatcher.contractImplementations[name];
    if (implementation === undefined) throw new Error(`Contract name is not known: ${name}`);
    const ctx = implementation.contractInstance.createContext();
    ctx.stub = stub;
    ctx.clientIdentity = new ClientIdentity(stub);
    ctx.logging = {
      setLevel: Logger.setLevel,
      getLogger: (loggerName?: string) =>
        Logger.getLogger(loggerName === undefined ? name : `${name}:${loggerName}`) as ReturnType<
          Context['logging']['getLogger']
        >,
    };
    return ctx;
  }
}

/** Constructs `ChaincodeFromContract` with contract-api's globals isolated to this package. */
export function buildChaincode(pkg: ContractPackage, extraObjects: readonly string[]): ContractChaincode {
  const dispatcher = withContractMetadata(
    pkg.contracts,
    extraObjects,
    // ChaincodeFromContract pushes its system contract onto the array: give it a copy.
    () =>
      new ChaincodeFromContract(
        [...pkg.contracts],
        pkg.serializers,
        structuredCloneJson(pkg.metadata),
        pkg.title,
        pkg.version,
      ),
  );
  return new ContractChaincode(dispatcher, `fabric-testkit.direct-call#`);
}

/** The deployment as users see it. */
export class DeployedChaincodeImpl implements DeployedChaincode {
  readonly contractNames: readonly string[];
  readonly defaultContract: string;
  readonly metadata: Readonly<Record<string, unknown>>;

  constructor(
    readonly name: string,
    readonly channel: string,
    readonly version: string,
    readonly chaincode: ContractChaincode,
  ) {
    const dispatcher = chaincode.dispatcher;
    this.contractNames = Object.keys(dispatcher.contractImplementations).filter((key) => key !== 'schemas');
    this.defaultContract = dispatcher.defaultContractName;
    this.metadata = JSON.parse(JSON.stringify(dispatcher.metadata)) as Record<string, unknown>;
  }

  contract<T extends Contract>(contract: new () => T): T {
    for (const { contractInstance } of Object.values(this.chaincode.dispatcher.contractImplementations)) {
      if (contractInstance instanceof contract) return contractInstance;
    }
    throw new Error(`${contract.name} is not deployed in chaincode ${this.name}`);
  }
}

/**
 * A chaincode a program serves (chaincode as a service, any language). The mock knows its address, not its
 * contracts: what describes them is the chaincode's own answer to `org.hyperledger.fabric:GetMetadata`.
 */
export class ServedChaincode implements DeployedChaincode {
  constructor(
    readonly name: string,
    readonly channel: string,
    readonly version: string,
    readonly address: string,
  ) {}

  get contractNames(): readonly string[] {
    throw this.#notInProcess('contractNames');
  }

  get defaultContract(): string {
    throw this.#notInProcess('defaultContract');
  }

  get metadata(): Readonly<Record<string, unknown>> {
    throw this.#notInProcess('metadata');
  }

  contract<T extends Contract>(_contract: new () => T): T {
    throw this.#notInProcess('contract()');
  }

  #notInProcess(what: string): Error {
    return new Error(
      `${what}: chaincode ${this.name} is served by a program at ${this.address}, not run in this process; ` +
        "evaluate 'org.hyperledger.fabric:GetMetadata' to ask the chaincode what it holds",
    );
  }
}

/** A deep copy of JSON metadata: `ChaincodeFromContract` fills in what the caller passed. */
function structuredCloneJson(value: object): object {
  return JSON.parse(JSON.stringify(value)) as object;
}
