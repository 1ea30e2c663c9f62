import { FabricTestkitError } from '../errors';
import type { FabricImages } from '../containers/images';
import type { CollectionConfig } from '@fabric-testkit/fabric-core';
import type { ChaincodeModule } from './chaincode-server';
import type { NodeRuntime } from './runtime';

/** A peer organization: its name (`org1` gives MSP ID `Org1MSP`) and how many peers it runs. */
export interface OrganizationOptions {
  readonly name: string;
  /** Default 1. */
  readonly peers?: number;
  /** Default: the name capitalized plus `MSP`, `org1` → `Org1MSP`. */
  readonly mspId?: string;
  /** This organization's peers' state database. Default: the network's {@link FabricNetworkOptions.stateDatabase}. */
  readonly stateDatabase?: StateDatabase;
}

/**
 * A peer's state database (`ledger.state.stateDatabase` in core.yaml): `leveldb`, embedded in the peer, or
 * `couchdb`, one CouchDB container per peer (rich queries and indexes).
 */
export type StateDatabase = 'leveldb' | 'couchdb';

/**
 * Query limits of the peers' state database (`ledger.state` in core.yaml), for tests of large result sets without
 * writing a hundred thousand keys.
 */
export interface QueryLimits {
  /** `ledger.state.totalQueryLimit`: most results one range or rich query returns. Fabric's default 100000. */
  readonly totalQueryLimit?: number;
  /** `ledger.state.couchDBConfig.internalQueryLimit`: results the peer asks CouchDB for per request. Default 1000. */
  readonly internalQueryLimit?: number;
}

/** An application channel. */
export interface ChannelOptions {
  readonly name: string;
  /** The member organizations by name. Default: every organization. */
  readonly members?: readonly string[];
  /** Orderer batch timeout. Default `20ms`, so a submit commits in about 40 ms. */
  readonly batchTimeout?: string;
  /** The application capability. Default `V2_5` (needed for `PurgePrivateData`); `V2_0` for older peers. */
  readonly applicationCapability?: 'V2_0' | 'V2_5';
  /**
   * The channel capability. Default `V3_0` on Fabric 3 (as its test-network sets it; BFT needs it), `V2_0` on
   * Fabric 2.5, where `V3_0` is refused. Give `V2_0` on Fabric 3 for a channel as a 2.5 network would create it.
   */
  readonly channelCapability?: 'V2_0' | 'V3_0';
}

/** How a Node chaincode server runs under the inspector (a debugger attaches to it). */
export interface ChaincodeInspect {
  /**
   * The inspector port of the first organization's server; each further organization's server takes the next port.
   * Default 9229.
   */
  readonly port?: number;
  /** Stop before the chaincode's first line until a debugger attaches (`--inspect-brk`). Default false. */
  readonly wait?: boolean;
}

/** A chaincode to deploy as a service: the harness runs it on this host, so breakpoints and coverage work. */
export interface ChaincodeOptions {
  readonly name: string;
  /** The channel to deploy it on. */
  readonly channel: string;
  /** The chaincode implementation (`Init`/`Invoke`), served with fabric-shim's chaincode server. */
  readonly chaincode: ChaincodeModule;
  /** Default `1.0`. */
  readonly version?: string;
  /** Default 1. */
  readonly sequence?: number;
  /**
   * An endorsement policy in Fabric's policy language, e.g. `"AND('Org1MSP.peer','Org2MSP.peer')"`. Default: the
   * channel's `/Channel/Application/Endorsement` policy (a majority of the member organizations).
   */
  readonly signaturePolicy?: string;
  /**
   * A channel policy endorsements must satisfy instead, for example `/Channel/Application/Writers` (`peer lifecycle
   * chaincode approveformyorg --channel-config-policy`). Default: none (give this or `signaturePolicy`).
   */
  readonly endorsementPolicyReference?: string;
  /** Private data collections, in Fabric's collections JSON shape (as `collections_config.json`). Default none. */
  readonly collections?: readonly CollectionConfig[];
  /** Whether `Init` must be invoked (with `is_init`) before any other transaction. Default false. */
  readonly initRequired?: boolean;
  /**
   * A `META-INF` directory whose `statedb/couchdb/...` indexes go into the package, as `peer lifecycle chaincode
   * package` would put them. Default: the contract package's own `META-INF`; none for a `modulePath` chaincode.
   */
  readonly metaInf?: string;
  /**
   * Runs each organization's Node chaincode server under the inspector on 127.0.0.1 (`--inspect`, or `--inspect-brk`
   * with `wait`), so a debugger (VS Code "attach", chrome://inspect) stops at breakpoints in the chaincode as the peer
   * calls it. With `wait`, start-up waits for the debugger (up to 10 minutes). For a Go program, serve it under dlv
   * with the `server` form instead: `{ server: { command: 'dlv', args: ['exec', BINARY, '--headless', ...] } }`.
   */
  readonly inspect?: ChaincodeInspect;
}

/** Options of {@link FabricNetwork}. */
export interface FabricNetworkOptions {
  /** Where nodes run. Default: containers ({@link ContainerRuntime}) with the default images. */
  readonly runtime?: NodeRuntime;
  /** Images for the default container runtime. Default: {@link fabricImages}(). */
  readonly images?: Partial<FabricImages>;
  /** Remove everything when the process gets SIGINT or SIGTERM while the network runs. Default true. */
  readonly cleanupOnSignal?: boolean;
  /** How many orderers the orderer organization runs: 1 or 3 for Raft, 4 for BFT. Default 1 (4 with BFT). */
  readonly orderers?: 1 | 3 | 4;
  /**
   * The ordering service's consensus. Default `raft` (etcdraft). `bft` is SmartBFT, Fabric 3 only, with 4
   * orderers (f = 1) and the V3_0 channel capability.
   */
  readonly consensus?: 'raft' | 'bft';
  /**
   * The Fabric version: `2.5`, `3.1` or a pinned tag. It picks the images (unless `images` or `runtime` are given)
   * and the channel defaults. Default: `FABRIC_TESTKIT_FABRIC_VERSION`, else the pinned default (2.5.16).
   */
  readonly fabricVersion?: string;
  /**
   * The peers' state database. Default `leveldb`. `couchdb` starts a CouchDB container (`couchdb:3.4.3`, made by
   * `fabric-testkit images --couchdb`) beside each peer, with random admin credentials.
   */
  readonly stateDatabase?: StateDatabase;
  /** The peers' query limits. Default Fabric's (core.yaml). */
  readonly queryLimits?: QueryLimits;
  /** Timeout of each readiness wait, in milliseconds. Default 60000. */
  readonly startupTimeoutMs?: number;
  /**
   * Coverage of the chaincode as the peers run it: every chaincode server runs instrumented (Node under V8 coverage,
   * Go built with `-cover`), and `stop()` writes `<dir>/<chaincode>/lcov.info` and `summary.txt` (chaincode-coverage.ts).
   */
  readonly chaincodeCoverage?: string;
}

/** The MSP ID the harness gives an organization. */
export function mspIdOf(org: OrganizationOptions): string {
  return org.mspId ?? `${org.name.charAt(0).toUpperCase()}${org.name.slice(1)}MSP`;
}

/**
 * The harness name of the organization with `mspId`, the inverse of {@link mspIdOf}: `Org1MSP` → `org1`. Nodes and
 * hosts are named after it, so it must be a lower-case DNS label, and `orderer` is the ordering organization's.
 *
 * @throws {@link FabricTestkitError} naming the MSP ID and the rule.
 */
export function organizationNameOf(mspId: string): string {
  const name = mspId.replace(/MSP$/, '').toLowerCase();
  if (!/^[a-z][a-z0-9-]*$/.test(name) || name === 'orderer') {
    throw new FabricTestkitError(
      `MSP ID ${mspId} does not name an organization the harness can create: nodes are named after the MSP ID ` +
        `without "MSP", lower-cased (letters, digits and '-', starting with a letter, not "orderer"); use names like Org1MSP`,
    );
  }
  return name;
}
