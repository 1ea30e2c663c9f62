import type { ChaincodeInterface } from 'fabric-shim-api';
import type { ChaincodeDefinition, CouchDbIndexDefinition } from '../api';
import { invalidArgument } from '../errors';
import { parsePolicy, type CollectionConfig, type Policy } from '@fabric-testkit/fabric-core';
import { majorityPolicy } from '../identity/policy';
import { implicitCollection, resolveCollections, type ResolvedCollection } from './collections';

/** A chaincode as committed on a channel: its definition resolved for the peer. */
export class Deployment {
  readonly name: string;
  readonly version: string;
  readonly chaincode: ChaincodeInterface;
  readonly endorsementPolicy: Policy;
  readonly collections: ReadonlyMap<string, ResolvedCollection>;
  readonly initRequired: boolean;
  /** The collections as they were defined (Fabric's collections JSON), for reading the definition back. */
  readonly collectionConfigs: readonly CollectionConfig[];
  readonly couchDbIndexes: readonly CouchDbIndexDefinition[];
  readonly collectionIndexes: Readonly<Record<string, readonly CouchDbIndexDefinition[]>>;
  /** Organizations whose peers have the package installed (G-08). */
  readonly installedOn: ReadonlySet<string>;

  constructor(definition: ChaincodeDefinition, channelOrgs: readonly string[]) {
    if (typeof definition.name !== 'string' || !/^[a-zA-Z0-9]+([-_][a-zA-Z0-9]+)*$/.test(definition.name)) {
      // `core/chaincode/lifecycle/scc.go`: ChaincodeNameRegExp
      throw invalidArgument(`invalid chaincode name '${String(definition.name)}'`);
    }
    const chaincode = definition.chaincode as Partial<ChaincodeInterface> | undefined;
    if (typeof chaincode?.Init !== 'function' || typeof chaincode.Invoke !== 'function') {
      throw invalidArgument(`chaincode '${definition.name}' must implement Init() and Invoke()`);
    }
    this.name = definition.name;
    this.version = definition.version ?? '1.0';
    this.chaincode = definition.chaincode;
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
  }

  /** Indexes of the namespace ('') or of a collection. */
  indexes(collection: string): readonly CouchDbIndexDefinition[] {
    return collection === '' ? this.couchDbIndexes : (this.collectionIndexes[collection] ?? []);
  }

  collection(name: string): ResolvedCollection | undefined {
    return this.collections.get(name) ?? implicitCollection(name);
  }
}
