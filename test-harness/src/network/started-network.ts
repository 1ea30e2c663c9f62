import type { ChannelCapability, ChannelCapabilityChange } from '../config/config-update';
import type { RunningChaincodeServer } from './chaincode-server';
import type { DeployedChaincode, ServedChaincode } from './chaincode-deployments';
import type { ChaincodeOptions, ChannelOptions } from './options';
import type { Client } from '@grpc/grpc-js';
import type { CaClient } from '../ca/ca-client';
import type { RegistrationAttribute } from '../ca/types';
import type { PeerEndpoint } from '../lifecycle/endorser-client';
import type { SigningIdentity } from '../lifecycle/signing-identity';
import type { GatewayConnection } from './gateway-connection';
import type { RunningNode } from './runtime';

/** A started node (CA, orderer, peer, or a peer's CouchDB) with its lifecycle handles and endpoints. */
export interface FabricNode {
  readonly name: string;
  readonly kind: 'ca' | 'orderer' | 'peer' | 'couchdb';
  /** The operations endpoint as this process reaches it, for example `http://127.0.0.1:32791` (CouchDB's HTTP port). */
  readonly operationsUrl: string;
  stop(): Promise<void>;
  start(): Promise<void>;
  restart(): Promise<void>;
  pause(): Promise<void>;
  unpause(): Promise<void>;
  logs(): Promise<string>;
  /** The Prometheus text of `/metrics` (not for CouchDB, whose metrics need its admin's credentials). */
  metrics(): Promise<string>;
  /**
   * Partitions the node: disconnects its container from the network's docker network, so no other node reaches
   * it. It keeps running, but docker unpublishes its ports while it is disconnected. Container runtime only.
   */
  disconnect(): Promise<void>;
  /** Heals a partition: connects the node again and returns once it is healthy (its host ports may be new). */
  reconnect(): Promise<void>;
}

/** A peer node: adds how to reach its gRPC endpoint. */
export interface FabricPeer extends FabricNode {
  readonly endpoint: PeerEndpoint;
}

/** Options of {@link FabricOrganization.registerUser}. */
export interface UserOptions {
  readonly name: string;
  /** Attributes, put into the certificate (`ecert: true` unless said otherwise). */
  readonly attributes?: readonly RegistrationAttribute[];
  /** Default `client`. */
  readonly type?: string;
}

/** A peer organization of a started network. */
export interface FabricOrganization {
  readonly name: string;
  readonly mspId: string;
  /** A client of the organization's CA. */
  readonly ca: CaClient;
  /** The organization's admin identity. */
  readonly admin: SigningIdentity;
  readonly peers: readonly FabricPeer[];
  /** The CouchDB of each peer, in the order of `peers`, with `stateDatabase: 'couchdb'`; empty on LevelDB. */
  readonly couchDbs: readonly FabricNode[];
  /** Registers and enrolls a new identity of this organization. */
  registerUser(options: UserOptions): Promise<SigningIdentity>;
}

/** One step of start-up and how long it took. */
export interface StartupTiming {
  readonly step: string;
  readonly ms: number;
}

/** Options of {@link StartedFabricNetwork.approveChaincode}. */
export interface ChaincodeApproval {
  /** The organizations that approve, by name. Default: every member of the channel. */
  readonly organizations?: readonly string[];
  /**
   * The package ID each organization approves, by MSP ID, for example one no peer installed (a package mismatch).
   * Default: the package {@link StartedFabricNetwork.installChaincode} serves for the organization.
   */
  readonly packageIds?: ReadonlyMap<string, string>;
}

/** A running network; `stop()` (or `await using`) removes everything it made. */
export interface StartedFabricNetwork extends AsyncDisposable {
  readonly id: string;
  readonly organizations: readonly FabricOrganization[];
  readonly orderers: readonly FabricNode[];
  readonly cas: readonly FabricNode[];
  /** How long each start-up step took. */
  readonly timings: readonly StartupTiming[];
  /** The chaincode servers the network runs (one per chaincode and member organization), in deployment order. */
  readonly chaincodeServers: readonly RunningChaincodeServer[];
  /** The application channels and their member organizations' names. */
  readonly channels: readonly { readonly name: string; readonly members: readonly string[] }[];
  organization(name: string): FabricOrganization;
  /**
   * Creates an application channel on the running network, as `start()` creates those of `withChannel`: orderers
   * and member peers joined, and discovery on every member peer showing every member's peers.
   *
   * @example
   * ```ts
   * await network.createChannel({ name: 'fixture1', members: ['org1', 'org2'] });
   * ```
   */
  createChannel(channel: ChannelOptions): Promise<void>;
  /**
   * Deploys a chaincode on a channel of the running network, as `start()` deploys those of `withChaincode`: each
   * member organization installs a chaincode-as-a-service package and runs its server, approves, and the definition
   * is committed. A chaincode already served for an organization (the same name, version, module and META-INF,
   * deployed on another channel) is approved with that package, without a new install or server.
   */
  deployChaincode(chaincode: ChaincodeOptions): Promise<DeployedChaincode>;
  /**
   * Changes a committed chaincode definition: a new version gets new packages and servers, and the definition is
   * approved and committed with the next sequence (or `sequence`, which must be the next).
   */
  upgradeChaincode(chaincode: ChaincodeOptions): Promise<DeployedChaincode>;
  /**
   * Fabric's `peer lifecycle chaincode install`, one step of {@link deployChaincode} for tests of the lifecycle
   * itself: installs a chaincode-as-a-service package on the peers of `organizations` (default: every member of the
   * chaincode's channel) and runs each one's chaincode server. An organization already serving this chaincode
   * (same name, version, module and META-INF) keeps its package and server, unless the server was stopped.
   *
   * @example
   * ```ts
   * const v2 = { name: 'kv', channel: 'mychannel', chaincode: KV, version: '2.0' };
   * await network.installChaincode(v2);
   * await network.approveChaincode(v2, { organizations: ['org1'] }); // org2 has not approved yet
   * expect(await network.checkCommitReadiness(v2)).to.deep.equal({ Org1MSP: true, Org2MSP: false });
   * await network.approveChaincode(v2, { organizations: ['org2'] });
   * await network.commitChaincode(v2);
   * ```
   */
  installChaincode(chaincode: ChaincodeOptions, organizations?: readonly string[]): Promise<ServedChaincode>;
  /**
   * Fabric's `approveformyorg`: approves the chaincode's definition for some or all organizations, with the
   * sequence `sequence`, else one more than the committed one. Returns the sequence approved.
   */
  approveChaincode(chaincode: ChaincodeOptions, approval?: ChaincodeApproval): Promise<number>;
  /** Fabric's `checkcommitreadiness` of the definition (sequence as in `approveChaincode`): approvals by MSP ID. */
  checkCommitReadiness(chaincode: ChaincodeOptions): Promise<Record<string, boolean>>;
  /**
   * Fabric's `commit`: commits the definition (sequence as in `approveChaincode`), endorsed by every member, as it
   * stands: too few approvals make Fabric refuse it, with the peers' messages in the error. Returns once every
   * member's peers have it and, when every member approved a package the harness serves, discovery shows the
   * chaincode on their peers.
   */
  commitChaincode(chaincode: ChaincodeOptions): Promise<DeployedChaincode>;
  /**
   * Changes a channel's channel-level capability with a signed configuration update (orderer and member admins),
   * and returns once every member peer has applied it; for example `V2_0` to `V3_0` on Fabric 3.
   */
  setChannelCapability(channel: string, capability: ChannelCapability): Promise<ChannelCapabilityChange>;
  /** Connects a gateway client to one of the organization's peers (default its first), as `identity` (default its admin). */
  connectGateway(organization: string, identity?: SigningIdentity, peerIndex?: number): GatewayConnection;
  stop(): Promise<void>;
}

/** Internal: what the implementation needs from a node. */
export interface NodeHandle {
  readonly running: RunningNode;
  readonly grpcClient?: Client;
}
