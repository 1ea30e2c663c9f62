import type { CaClient } from '../ca/ca-client';
import type { ChannelCapability, ChannelCapabilityChange } from '../config/config-update';
import type { PeerEndpoint } from '../lifecycle/endorser-client';
import { setChannelCapability } from './channel-update';
import type { SigningIdentity } from '../lifecycle/signing-identity';
import type { RunningChaincodeServer } from './chaincode-server';
import { ChaincodeCoverage } from './chaincode-coverage';
import { ChaincodeDeployments, type DeployedChaincode, type ServedChaincode } from './chaincode-deployments';
import type { DeployMember } from './chaincode-deploy';
import { createChannel, type PlannedNode } from './channel-setup';
import type { PlannedOrg } from './planned-org';
import type { ChaincodeOptions, ChannelOptions, FabricNetworkOptions, OrganizationOptions } from './options';
import { validateChaincodeExports, validateNetwork } from './validate';
import { missing } from './missing';
import { connectGateway, type GatewayConnection } from './gateway-connection';
import { FabricNodeHandle, FabricPeerHandle } from './node-handle';
import type { OrganizationCrypto } from './org-enrollment';
import { waitUntil } from './wait';
import { FabricTestkitError } from '../errors';
import type { NodeRuntime, RunningNode } from './runtime';
import type {
  ChaincodeApproval,
  FabricNode,
  FabricOrganization,
  FabricPeer,
  StartedFabricNetwork,
  StartupTiming,
  UserOptions,
} from './started-network';

/** What a started network needs to create channels and deploy chaincodes: its definition and its nodes. */
export interface NetworkTopology {
  readonly options: FabricNetworkOptions & { readonly fabricMajor: number };
  readonly organizations: readonly OrganizationOptions[];
  readonly orderers: readonly PlannedNode[];
  readonly ordererCrypto: OrganizationCrypto;
  /** Every peer organization, with its peers. */
  readonly members: readonly DeployMember[];
  /** The root CA certificate chain of an organization. */
  readonly rootCaOf: (mspId: string) => string;
}

/** The running network {@link FabricNetwork.start} returns. */
export class StartedNetwork implements StartedFabricNetwork {
  readonly id: string;
  readonly organizations: FabricOrganization[];
  readonly orderers: FabricNode[];
  readonly cas: FabricNode[];
  readonly timings: readonly StartupTiming[];
  readonly #runtime: NodeRuntime;
  readonly #caClients: readonly CaClient[];
  readonly #deployments: ChaincodeDeployments;
  readonly #topology: NetworkTopology;
  readonly #connections = new Set<GatewayConnection>();
  readonly #onStop: (() => void)[] = [];
  readonly #channels: ChannelOptions[] = [];
  readonly #timeoutMs: number;
  #ordering: { readonly admin: SigningIdentity; readonly endpoint: () => PeerEndpoint } | undefined;
  #stopped = false;

  constructor(
    runtime: NodeRuntime,
    planned: readonly PlannedOrg[],
    crypto: readonly OrganizationCrypto[],
    nodes: ReadonlyMap<string, RunningNode>,
    cas: ReadonlyMap<string, { node: RunningNode }>,
    caClients: readonly CaClient[],
    timings: readonly StartupTiming[],
    timeoutMs: number,
    topology: NetworkTopology,
  ) {
    this.id = runtime.id;
    this.#topology = topology;
    const coverage = topology.options.chaincodeCoverage;
    this.#deployments = new ChaincodeDeployments(
      runtime,
      (org) => this.connectGateway(org),
      coverage === undefined ? undefined : new ChaincodeCoverage(coverage),
    );
    this.#timeoutMs = timeoutMs;
    this.#runtime = runtime;
    this.#caClients = caClients;
    this.timings = timings;
    this.cas = planned.map((p, i) => {
      const client = caClients[i] ?? missing(`CA client of ${p.name}`);
      const serving = (): Promise<void> =>
        waitUntil(`${p.caPlan.name} cainfo`, timeoutMs, async () => {
          await client.getCaInfo();
          return true;
        });
      return new FabricNodeHandle(cas.get(p.mspId)?.node ?? missing(p.caPlan.name), p.caPlan, timeoutMs, serving);
    });
    const ordererOrg = planned[0] ?? missing('orderer organization');
    this.orderers = ordererOrg.nodePlans.map(
      (plan) => new FabricNodeHandle(nodes.get(plan.name) ?? missing(plan.name), plan, timeoutMs),
    );
    const ordererCrypto = crypto[0] ?? missing('orderer crypto');
    const firstOrderer = ordererOrg.nodePlans[0] ?? missing('orderer');
    const firstOrdererNode = nodes.get(firstOrderer.name) ?? missing(firstOrderer.name);
    this.#ordering = {
      admin: ordererCrypto.admin,
      // Read when needed: a restarted container may have new host ports.
      endpoint: () => ({
        address: firstOrdererNode.hostAddress(firstOrderer.port),
        tlsCaCertificate: ordererCrypto.registrar.caChain,
        serverName: firstOrderer.name,
      }),
    };
    this.organizations = planned.slice(1).map((p, i) => {
      const orgCrypto = crypto[i + 1] ?? missing(p.name);
      const ca = caClients[i + 1] ?? missing(`CA of ${p.name}`);
      const peers: FabricPeer[] = p.nodePlans.map(
        (plan) =>
          new FabricPeerHandle(
            nodes.get(plan.name) ?? missing(plan.name),
            plan,
            timeoutMs,
            orgCrypto.registrar.caChain,
          ),
      );
      return {
        name: p.name,
        mspId: p.mspId,
        ca,
        admin: orgCrypto.admin,
        peers,
        couchDbs: [...p.couchDbPlans.values()].map(
          (plan) => new FabricNodeHandle(nodes.get(plan.name) ?? missing(plan.name), plan, timeoutMs),
        ),
        registerUser: (options: UserOptions) => registerUser(ca, orgCrypto, options),
      };
    });
  }

  /** Registers something to run once the network stopped. */
  onStop(callback: () => void): void {
    this.#onStop.push(callback);
  }

  get chaincodeServers(): readonly RunningChaincodeServer[] {
    return this.#deployments.servers;
  }

  get channels(): readonly { readonly name: string; readonly members: readonly string[] }[] {
    return this.#channels.map((c) => ({ name: c.name, members: this.#memberNames(c) }));
  }

  async createChannel(channel: ChannelOptions): Promise<void> {
    this.#assertRunning();
    const { options, organizations } = this.#topology;
    validateNetwork(options, organizations, [...this.#channels, channel], [], options.fabricMajor);
    const members = this.#memberNames(channel);
    await createChannel({
      channel: {
        ...channel,
        channelCapability: channel.channelCapability ?? (options.fabricMajor >= 3 ? 'V3_0' : 'V2_0'),
      },
      consensus: options.consensus === 'bft' ? 'BFT' : 'etcdraft',
      orderers: this.#topology.orderers,
      ordererCrypto: this.#topology.ordererCrypto,
      rootCaOf: this.#topology.rootCaOf,
      members: this.#topology.members.filter((m) => members.includes(m.planned.name)),
      timeoutMs: this.#timeoutMs,
    });
    this.#channels.push(channel);
  }

  async deployChaincode(chaincode: ChaincodeOptions): Promise<DeployedChaincode> {
    const committed = await this.#checkChaincode(chaincode);
    if (committed !== undefined) {
      throw new FabricTestkitError(
        `chaincode ${chaincode.name} is already committed on channel ${chaincode.channel} (version ` +
          `${committed.version}, sequence ${committed.sequence}); change it with upgradeChaincode`,
      );
    }
    return this.deployChecked(chaincode);
  }

  /** Deploys a chaincode that `start()` checked already, with its whole definition. Internal to the harness. */
  deployChecked(chaincode: ChaincodeOptions): Promise<DeployedChaincode> {
    return this.#deployments.deploy(chaincode, this.#channelMembers(chaincode.channel), chaincode.sequence ?? 1);
  }

  async upgradeChaincode(chaincode: ChaincodeOptions): Promise<DeployedChaincode> {
    const committed = await this.#checkChaincode(chaincode);
    if (committed === undefined) {
      throw new FabricTestkitError(
        `chaincode ${chaincode.name} is not committed on channel ${chaincode.channel}; deploy it first with deployChaincode`,
      );
    }
    const sequence = chaincode.sequence ?? committed.sequence + 1;
    if (sequence !== committed.sequence + 1) {
      throw new FabricTestkitError(
        `chaincode ${chaincode.name}: an upgrade of sequence ${committed.sequence} must have sequence ` +
          `${committed.sequence + 1}, not ${sequence} (Fabric: "requested sequence is ${sequence}, but new definition ` +
          `must be sequence ${committed.sequence + 1}"); leave sequence out to get the next one`,
      );
    }
    return this.#deployments.deploy(chaincode, this.#channelMembers(chaincode.channel), sequence);
  }

  async installChaincode(chaincode: ChaincodeOptions, organizations?: readonly string[]): Promise<ServedChaincode> {
    await this.#checkChaincode(chaincode);
    return this.#deployments.install(chaincode, this.#approvers(chaincode.channel, organizations));
  }

  async approveChaincode(chaincode: ChaincodeOptions, approval: ChaincodeApproval = {}): Promise<number> {
    const sequence = await this.#nextSequence(chaincode);
    const members = this.#channelMembers(chaincode.channel);
    const approvers = this.#approvers(chaincode.channel, approval.organizations);
    await this.#deployments.approve(chaincode, members, approvers, sequence, approval.packageIds);
    return sequence;
  }

  async checkCommitReadiness(chaincode: ChaincodeOptions): Promise<Record<string, boolean>> {
    const sequence = await this.#nextSequence(chaincode);
    return this.#deployments.readiness(chaincode, this.#channelMembers(chaincode.channel), sequence);
  }

  async commitChaincode(chaincode: ChaincodeOptions): Promise<DeployedChaincode> {
    const sequence = await this.#nextSequence(chaincode);
    return this.#deployments.commit(chaincode, this.#channelMembers(chaincode.channel), sequence);
  }

  /** The sequence a definition step is for: `sequence`, else one more than the committed one (1 when none is). */
  async #nextSequence(chaincode: ChaincodeOptions): Promise<number> {
    const committed = await this.#checkChaincode(chaincode);
    return chaincode.sequence ?? (committed?.sequence ?? 0) + 1;
  }

  /** The channel members among `organizations` (default every member); throws naming one that is not a member. */
  #approvers(channel: string, organizations: readonly string[] | undefined): DeployMember[] {
    const members = this.#channelMembers(channel);
    if (organizations === undefined) return members;
    return organizations.map(
      (name) =>
        members.find((m) => m.planned.name === name) ??
        ((): never => {
          throw new FabricTestkitError(
            `organization ${name} is not a member of channel ${channel} (members: ${members.map((m) => m.planned.name).join(', ')})`,
          );
        })(),
    );
  }

  /** Checks a chaincode to deploy on the running network as start() checks it; returns its committed definition. */
  async #checkChaincode(chaincode: ChaincodeOptions): Promise<DeployedChaincode | undefined> {
    this.#assertRunning();
    const { options, organizations } = this.#topology;
    validateNetwork(options, organizations, this.#channels, [chaincode], options.fabricMajor);
    await validateChaincodeExports([chaincode]);
    return this.#deployments.committed(chaincode.channel, chaincode.name);
  }

  #memberNames(channel: ChannelOptions): string[] {
    return [...(channel.members ?? this.#topology.organizations.map((o) => o.name))];
  }

  #channelMembers(channel: string): DeployMember[] {
    const known = this.#channels.find((c) => c.name === channel) ?? missing(`channel ${channel}`);
    const names = this.#memberNames(known);
    return this.#topology.members.filter((m) => names.includes(m.planned.name));
  }

  #assertRunning(): void {
    if (this.#stopped) throw new FabricTestkitError(`network ${this.id} is stopped`);
  }

  organization(name: string): FabricOrganization {
    return this.organizations.find((o) => o.name === name) ?? missing(`organization ${name}`);
  }

  setChannelCapability(channel: string, capability: ChannelCapability): Promise<ChannelCapabilityChange> {
    const known = this.#channels.find((c) => c.name === channel);
    if (known === undefined) {
      const names = this.#channels.map((c) => c.name).join(', ') || 'none';
      return Promise.reject(new Error(`the network has no channel ${channel} (channels: ${names})`));
    }
    const ordering = this.#ordering ?? missing('orderer');
    return setChannelCapability(
      {
        channelId: channel,
        members: this.#memberNames(known).map((name) => this.organization(name)),
        ordererAdmin: ordering.admin,
        orderer: ordering.endpoint(),
        timeoutMs: this.#timeoutMs,
      },
      capability,
    );
  }

  connectGateway(organization: string, identity?: SigningIdentity, peerIndex = 0): GatewayConnection {
    const org = this.organization(organization);
    const peer = org.peers[peerIndex] ?? missing(`peer ${peerIndex} of ${organization}`);
    const connection = connectGateway(peer.endpoint, identity ?? org.admin);
    this.#connections.add(connection);
    return connection;
  }

  async stop(): Promise<void> {
    if (this.#stopped) {
      return;
    }
    this.#stopped = true;
    for (const connection of this.#connections) {
      connection.close();
    }
    await this.#deployments.stop();
    for (const client of this.#caClients) {
      client.close();
    }
    await this.#runtime.close();
    for (const callback of this.#onStop) {
      callback();
    }
  }

  [Symbol.asyncDispose](): Promise<void> {
    return this.stop();
  }
}

async function registerUser(ca: CaClient, org: OrganizationCrypto, options: UserOptions): Promise<SigningIdentity> {
  const secret = await ca.register(org.registrar, {
    enrollmentId: options.name,
    type: options.type ?? 'client',
    attributes: options.attributes?.map((a) => ({ ...a, ecert: a.ecert ?? true })),
  });
  const enrollment = await ca.enroll({ enrollmentId: options.name, secret });
  return { mspId: org.mspId, certificate: enrollment.certificate, privateKey: enrollment.privateKey };
}
