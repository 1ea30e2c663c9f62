import type { CaClient } from '../ca/ca-client';
import type { ChannelCapability, ChannelCapabilityChange } from '../config/config-update';
import type { PeerEndpoint } from '../lifecycle/endorser-client';
import { setChannelCapability } from './channel-update';
import type { SigningIdentity } from '../lifecycle/signing-identity';
import type { RunningChaincodeServer } from './chaincode-server';
import type { PlannedOrg } from './fabric-network';
import { missing } from './missing';
import { connectGateway, type GatewayConnection } from './gateway-connection';
import { FabricNodeHandle, FabricPeerHandle } from './node-handle';
import type { OrganizationCrypto } from './org-enrollment';
import { waitUntil } from './wait';
import type { NodeRuntime, RunningNode } from './runtime';
import type {
  FabricNode,
  FabricOrganization,
  FabricPeer,
  StartedFabricNetwork,
  StartupTiming,
  UserOptions,
} from './started-network';

/** The running network {@link FabricNetwork.start} returns. */
export class StartedNetwork implements StartedFabricNetwork {
  readonly id: string;
  readonly organizations: FabricOrganization[];
  readonly orderers: FabricNode[];
  readonly cas: FabricNode[];
  readonly timings: readonly StartupTiming[];
  readonly #runtime: NodeRuntime;
  readonly #caClients: readonly CaClient[];
  readonly #servers: RunningChaincodeServer[] = [];
  readonly #connections = new Set<GatewayConnection>();
  readonly #onStop: (() => void)[] = [];
  readonly #channels: readonly { readonly name: string; readonly members: readonly string[] }[];
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
    channels: readonly { readonly name: string; readonly members: readonly string[] }[] = [],
  ) {
    this.id = runtime.id;
    this.#channels = channels;
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
    return [...this.#servers];
  }

  addChaincodeServer(server: RunningChaincodeServer): void {
    this.#servers.push(server);
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
        members: known.members.map((name) => this.organization(name)),
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
    await Promise.all(this.#servers.map((s) => s.stop()));
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
