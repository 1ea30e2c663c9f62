import type { ChaincodeInterface } from 'fabric-shim-api';
import type { ChaincodeDefinition, CouchDbIndexDefinition } from '../api';
import { invalidArgument } from '../errors';
import { parsePolicy, type CollectionConfig, type Policy } from '@fabric-testkit/fabric-core';
import { majorityPolicy } from '../identity/policy';
import { implicitCollection, resolveCollections, type ResolvedCollection } from './collections';
import type { ChaincodeConnections } from './chaincode-server/chaincode-connections';
import type { RemoteChaincode } from './chaincode-server/remote-execution';

function isServer(chaincode: unknown): chaincode is { address: unknown } {
  return typeof chaincode === 'object' && chaincode !== null && 'address' in chaincode;
}

const HOST_PORT = /^[^\s:]+:\d+$/;

/** The server's address for each organization whose peers have the chaincode, or why it cannot be used. */
function serverAddresses(name: string, address: unknown, installedOn: readonly string[]): ReadonlyMap<string, string> {
  if (typeof address === 'string' && HOST_PORT.test(address)) return new Map(installedOn.map((org) => [org, address]));
  if (typeof address !== 'object' || address === null || Array.isArray(address)) {
    throw invalidArgument(
      `chaincode '${name}': server address ${JSON.stringify(address)} is not host:port, nor one host:port per MSP id`,
    );
  }
  const byOrg = new Map(Object.entries(address as Record<string, unknown>));
  const problems = [
    ...[...byOrg]
      .filter(([, value]) => typeof value !== 'string' || !HOST_PORT.test(value))
      .map(([org, value]) => `${org}'s address ${JSON.stringify(value)} is not host:port`),
    ...installedOn.filter((org) => !byOrg.has(org)).map((org) => `no address for ${org}, whose peers run it`),
  ];
  if (problems.length > 0) throw invalidArgument(`chaincode '${name}': ${problems.join('; ')}`);
  return byOrg as Map<string, string>;
}

/** In process (Init/Invoke) or a chaincode server's address; anything else is refused. */
function chaincodeOf(
  definition: ChaincodeDefinition,
  connections: ChaincodeConnections,
  installedOn: readonly string[],
): { chaincode: ChaincodeInterface | undefined; server: RemoteChaincode | undefined } {
  const chaincode = definition.chaincode as Partial<ChaincodeInterface> | { address: unknown } | undefined;
  if (isServer(chaincode)) {
    const addresses = serverAddresses(definition.name, chaincode.address, installedOn);
    return { chaincode: undefined, server: { addresses, connections } };
  }
  if (typeof chaincode?.Init !== 'function' || typeof chaincode.Invoke !== 'function') {
    throw invalidArgument(
      `chaincode '${definition.name}' must implement Init() and Invoke(), or be a server's { address: 'host:port' }`,
    );
  }
  return { chaincode: chaincode as ChaincodeInterface, server: undefined };
}

/** A chaincode as committed on a channel: its definition resolved for the peer. */
export class Deployment {
  readonly name: string;
  readonly version: string;
  /** The chaincode run in process; absent when it is served by a program ({@link Deployment.server}). */
  readonly chaincode: ChaincodeInterface | undefined;
  /** A chaincode server the peer dials, speaking the chaincode protocol over gRPC. */
  readonly server: RemoteChaincode | undefined;
  readonly endorsementPolicy: Policy;
  readonly collections: ReadonlyMap<string, ResolvedCollection>;
  readonly initRequired: boolean;
  /** The collections as they were defined (Fabric's collections JSON), for reading the definition back. */
  readonly collectionConfigs: readonly CollectionConfig[];
  readonly couchDbIndexes: readonly CouchDbIndexDefinition[];
  readonly collectionIndexes: Readonly<Record<string, readonly CouchDbIndexDefinition[]>>;
  /** Organizations whose peers have the package installed (G-08). */
  readonly installedOn: ReadonlySet<string>;

  constructor(definition: ChaincodeDefinition, channelOrgs: readonly string[], connections: ChaincodeConnections) {
    if (typeof definition.name !== 'string' || !/^[a-zA-Z0-9]+([-_][a-zA-Z0-9]+)*$/.test(definition.name)) {
      // `core/chaincode/lifecycle/scc.go`: ChaincodeNameRegExp
      throw invalidArgument(`invalid chaincode name '${String(definition.name)}'`);
    }
    this.name = definition.name;
    this.version = definition.version ?? '1.0';
    this.endorsementPolicy =
      definition.endorsementPolicy === undefined
        ? majorityPolicy(channelOrgs)
        : parsePolicy(definition.endorsementPolicy);
    this.collections = resolveCollections(definition.collections ?? [], channelOrgs);
    this.initRequired = definition.initRequired ?? false;
    this.collectionConfigs = definition.collections ?? [];
    this.couchDbIndexes = definition.couchDbIndexes ?? [];
    this.collectionIndexes = definition.collectionIndexes ?? {};
    const installedOn = definition.installedOn ?? channelOrgs;
    const strangers = installedOn.filter((org) => !channelOrgs.includes(org));
    if (strangers.length > 0) {
      throw invalidArgument(
        `chaincode '${definition.name}': installedOn names ${strangers.join(', ')}, not organizations of the channel ` +
          `(${channelOrgs.join(', ')})`,
      );
    }
    this.installedOn = new Set(installedOn);
    const { chaincode, server } = chaincodeOf(definition, connections, installedOn);
    this.chaincode = chaincode;
    this.server = server;
  }

  /** Indexes of the namespace ('') or of a collection. */
  indexes(collection: string): readonly CouchDbIndexDefinition[] {
    return collection === '' ? this.couchDbIndexes : (this.collectionIndexes[collection] ?? []);
  }

  collection(name: string): ResolvedCollection | undefined {
    return this.collections.get(name) ?? implicitCollection(name);
  }
}
