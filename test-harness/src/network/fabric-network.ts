import { randomBytes } from 'node:crypto';
import { resolveVersions } from '@fabric-testkit/images';
import { ContainerRuntime } from '../containers/container-runtime';
import { fabricImages } from '../containers/images';
import { onTerminationSignal } from './signals';
import { CaClient } from '../ca/ca-client';
import { createRootCa, issueTlsServerCertificate, type CertifiedKey } from '../crypto/ca-root';
import { FabricTestkitError } from '../errors';
import { enrollOrganization, type OrganizationCrypto } from './org-enrollment';
import { caSpec, couchDbSpec, ordererSpec, peerSpec } from './node-specs';
import type { CouchDbConnection } from '../config/node-environment';
import {
  mspIdOf,
  type ChaincodeOptions,
  type ChannelOptions,
  type FabricNetworkOptions,
  type OrganizationOptions,
} from './options';
import type { ChaincodeHost, NodePlan, NodeRuntime, RunningNode } from './runtime';
import type { PlannedOrg } from './planned-org';
import type { StartedFabricNetwork, StartupTiming } from './started-network';
import { waitForCouchDb, waitForHealthz, waitUntil } from './wait';
import { validateChaincodeExports, validateNetwork } from './validate';
import { StartedNetwork } from './started-network-impl';
import { missing } from './missing';
import { waitForPeerGrpc } from '../lifecycle/endorser-client';

const ORDERER_ORG = { name: 'orderer', mspId: 'OrdererMSP' } as const;

/**
 * A Fabric network to start: one CA per organization, a Raft orderer organization, peer organizations,
 * channels and chaincodes. Read like a testcontainers module.
 *
 * @example
 * ```ts
 * await using network = await new FabricNetwork()
 *   .withOrganization({ name: 'org1' })
 *   .withChannel({ name: 'mychannel' })
 *   .withChaincode({
 *     name: 'basic',
 *     channel: 'mychannel',
 *     chaincode: { modulePath: require.resolve('./my-chaincode'), exportName: 'MyChaincode' },
 *   })
 *   .start();
 * await using connection = network.connectGateway('org1');
 * await connection.gateway.getNetwork('mychannel').getContract('basic').submitTransaction('put', 'k', 'v');
 * ```
 */
export class FabricNetwork {
  readonly #options: ResolvedNetworkOptions;
  readonly #runtime: NodeRuntime;
  readonly #organizations: OrganizationOptions[] = [];
  readonly #channels: ChannelOptions[] = [];
  readonly #chaincodes: ChaincodeOptions[] = [];

  constructor(options: FabricNetworkOptions = {}) {
    const images = { ...fabricImages({ fabric: options.fabricVersion }), ...options.images };
    this.#runtime = options.runtime ?? new ContainerRuntime(newNetworkId(), { images });
    this.#options = { ...options, fabricMajor: fabricMajorOf(images.peer, options.fabricVersion) };
  }

  /** Adds a peer organization. */
  withOrganization(organization: OrganizationOptions): this {
    this.#organizations.push(organization);
    return this;
  }

  /** Adds an application channel. */
  withChannel(channel: ChannelOptions): this {
    this.#channels.push(channel);
    return this;
  }

  /** Adds a chaincode to deploy. */
  withChaincode(chaincode: ChaincodeOptions): this {
    this.#chaincodes.push(chaincode);
    return this;
  }

  /** Starts everything; on failure removes what was started and rethrows. */
  async start(): Promise<StartedFabricNetwork> {
    const started = new NetworkStart(
      this.#runtime,
      this.#options,
      this.#organizations,
      this.#channels,
      this.#chaincodes,
    );
    // One clean-up shared by the signal handler and the failure path, so neither exits before it is done.
    let cleaning: Promise<void> | undefined;
    const cleanUp = (): Promise<void> => (cleaning ??= started.cleanUp());
    const unregister = this.#options.cleanupOnSignal === false ? () => undefined : onTerminationSignal(cleanUp);
    try {
      const network = await started.run();
      network.onStop(unregister);
      return network;
    } catch (e) {
      unregister();
      await cleanUp();
      throw e;
    }
  }
}

/** The options, with the Fabric major version the network runs (from its peer image tag, else the pin). */
interface ResolvedNetworkOptions extends FabricNetworkOptions {
  readonly fabricMajor: number;
}

/** The major version of the peer image's tag (`…/fabric-peer:3.1.5` → 3); the pinned version's for other tags. */
function fabricMajorOf(peerImage: string, fabricVersion: string | undefined): number {
  const tag = /:(\d+)\.\d+/.exec(peerImage)?.[1] ?? resolveVersions({ fabric: fabricVersion }).fabric.tag.split('.')[0];
  return Number(tag);
}

/** A readiness wait whose failure carries the end of the node's log, which usually says why. */
async function withLogTail(node: RunningNode, name: string, wait: Promise<void>): Promise<void> {
  try {
    await wait;
  } catch (e) {
    const logs = await node.logs().catch(() => '');
    throw new FabricTestkitError(
      `${e instanceof Error ? e.message : String(e)}\n${name} log tail:\n${logs.slice(-3000)}`,
      {
        cause: e,
      },
    );
  }
}

/** A new network ID: short, unique, usable in docker names. */
export function newNetworkId(): string {
  return `ftk${randomBytes(4).toString('hex')}`;
}

class NetworkStart {
  readonly timings: StartupTiming[] = [];
  readonly #runtime: NodeRuntime;
  readonly #options: ResolvedNetworkOptions;
  readonly #orgs: readonly OrganizationOptions[];
  readonly #channels: readonly ChannelOptions[];
  readonly #chaincodes: readonly ChaincodeOptions[];
  readonly #caClients: CaClient[] = [];
  #started: StartedNetwork | undefined;
  #lastMark = Date.now();

  constructor(
    runtime: NodeRuntime,
    options: ResolvedNetworkOptions,
    orgs: readonly OrganizationOptions[],
    channels: readonly ChannelOptions[],
    chaincodes: readonly ChaincodeOptions[],
  ) {
    this.#runtime = runtime;
    this.#options = options;
    this.#orgs = orgs;
    this.#channels = channels;
    this.#chaincodes = chaincodes;
  }

  #mark(step: string): void {
    const now = Date.now();
    this.timings.push({ step, ms: now - this.#lastMark });
    this.#lastMark = now;
  }

  get #timeout(): number {
    return this.#options.startupTimeoutMs ?? 60_000;
  }

  async run(): Promise<StartedNetwork> {
    validateNetwork(this.#options, this.#orgs, this.#channels, this.#chaincodes, this.#options.fabricMajor);
    if (this.#chaincodes.length > 0) {
      await validateChaincodeExports(this.#chaincodes);
      this.#mark('chaincode modules checked');
    }
    const planned = await this.#plan();
    this.#mark('plan');

    const chaincodeHost = await this.#runtime.chaincodeHost();
    const cas = new Map<string, { node: RunningNode; root: CertifiedKey }>();
    const nodes = new Map<string, RunningNode>();
    // Each organization goes CA → identities → nodes on its own, so one organization's nodes start while
    // another's identities are still being issued.
    const crypto = await Promise.all(
      planned.map(async (p, index) => {
        const t0 = Date.now();
        // CouchDB takes a few seconds to come up: start it while the CA issues identities.
        const couchDbs = this.#startCouchDbs(p, nodes);
        couchDbs.catch(() => undefined);
        cas.set(p.mspId, await this.#startCa(p, index));
        const t1 = Date.now();
        const orgCrypto = await enrollOrganization(
          this.#caClients[index] ?? missing('CA client'),
          p.mspId,
          p.nodePlans.map((n) => ({ name: n.name, type: p.kind, hosts: [n.name, n.host, 'localhost', '127.0.0.1'] })),
        );
        const couchDbConnections = await couchDbs;
        const t2 = Date.now();
        await this.#startOrgNodes(p, orgCrypto, chaincodeHost, nodes, couchDbConnections);
        this.timings.push(
          { step: `${p.name}: CA`, ms: t1 - t0 },
          { step: `${p.name}: identities`, ms: t2 - t1 },
          { step: `${p.name}: nodes`, ms: Date.now() - t2 },
        );
        return orgCrypto;
      }),
    );
    this.#mark('organizations (in parallel)');

    const ordererPlanned = planned[0] ?? missing('orderer organization');
    const ordererCrypto = crypto[0] ?? missing('orderer crypto');
    const ordererNodes = ordererPlanned.nodePlans.map((plan) => ({
      plan,
      node: nodes.get(plan.name) ?? missing(plan.name),
    }));
    const peerOrgs = planned.slice(1).map((p, i) => ({
      planned: p,
      crypto: crypto[i + 1] ?? missing(p.name),
      peers: p.nodePlans.map((plan) => ({ plan, node: nodes.get(plan.name) ?? missing(plan.name) })),
    }));

    const started = new StartedNetwork(
      this.#runtime,
      planned,
      crypto,
      nodes,
      cas,
      this.#caClients,
      this.timings,
      this.#timeout,
      {
        options: this.#options,
        organizations: this.#orgs,
        orderers: ordererNodes,
        ordererCrypto,
        members: peerOrgs,
        rootCaOf: (mspId) => this.#rootOf(planned, crypto, mspId),
      },
    );
    this.#started = started;
    for (const channel of this.#channels) {
      await started.createChannel(channel);
      this.#mark(`channel ${channel.name}`);
    }
    for (const chaincode of this.#chaincodes) {
      await started.deployChecked(chaincode);
      this.#mark(`chaincode ${chaincode.name}`);
    }
    return started;
  }

  async #plan(): Promise<PlannedOrg[]> {
    const ordererCount = this.#options.orderers ?? (this.#options.consensus === 'bft' ? 4 : 1);
    const orgSpecs = [
      {
        name: ORDERER_ORG.name,
        mspId: ORDERER_ORG.mspId,
        kind: 'orderer' as const,
        nodes: ordererCount,
        prefix: 'orderer',
      },
      ...this.#orgs.map((o) => ({
        name: o.name,
        mspId: mspIdOf(o),
        kind: 'peer' as const,
        nodes: o.peers ?? 1,
        prefix: 'peer',
        couchDb: (o.stateDatabase ?? this.#options.stateDatabase ?? 'leveldb') === 'couchdb',
      })),
    ];
    return Promise.all(
      orgSpecs.map(async (o) => {
        const nodePlans = await Promise.all(
          Array.from({ length: o.nodes }, (_, i) => this.#runtime.plan(`${o.prefix}${i}.${o.name}`, o.kind)),
        );
        const couchDbPlans = new Map<string, NodePlan>();
        if ('couchDb' in o && o.couchDb) {
          for (const [i, peer] of nodePlans.entries()) {
            couchDbPlans.set(peer.name, await this.#runtime.plan(`couchdb${i}.${o.name}`, 'couchdb'));
          }
        }
        return {
          name: o.name,
          mspId: o.mspId,
          kind: o.kind,
          caPlan: await this.#runtime.plan(`ca.${o.name}`, 'ca'),
          nodePlans,
          couchDbPlans,
        };
      }),
    );
  }

  /**
   * Starts the CouchDB of each of the organization's peers that has one, each with its own random admin, and waits
   * for its `/_up`. Resolves to how each peer reaches its CouchDB, by peer name.
   */
  async #startCouchDbs(p: PlannedOrg, nodes: Map<string, RunningNode>): Promise<Map<string, CouchDbConnection>> {
    const connections = new Map<string, CouchDbConnection>();
    await Promise.all(
      [...p.couchDbPlans].map(async ([peerName, plan]) => {
        const credentials = { username: 'admin', password: randomBytes(18).toString('base64url') };
        const node = await this.#runtime.startNode(couchDbSpec(plan, credentials));
        nodes.set(plan.name, node);
        await withLogTail(
          node,
          plan.name,
          waitForCouchDb(`http://${node.hostAddress(plan.port)}`, plan.name, this.#timeout, () => node.isRunning()),
        );
        connections.set(peerName, { address: `${plan.host}:${plan.port}`, ...credentials });
      }),
    );
    return connections;
  }

  async #startCa(p: PlannedOrg, index: number): Promise<{ node: RunningNode; root: CertifiedKey }> {
    const root = await createRootCa(`ca.${p.name}`, p.mspId);
    const tls = await issueTlsServerCertificate(root, [p.caPlan.name, p.caPlan.host, 'localhost', '127.0.0.1']);
    const node = await this.#runtime.startNode(caSpec(p.caPlan, root, tls));
    const client = new CaClient({
      url: `https://${node.hostAddress(p.caPlan.port)}`,
      currentUrl: () => `https://${node.hostAddress(p.caPlan.port)}`,
      tlsCaCertificates: root.certificate,
    });
    this.#caClients[index] = client;
    await waitUntil(`${p.caPlan.name} cainfo`, this.#timeout, async () => {
      await client.getCaInfo();
      return true;
    });
    return { node, root };
  }

  async #startOrgNodes(
    p: PlannedOrg,
    orgCrypto: OrganizationCrypto,
    chaincodeHost: ChaincodeHost,
    nodes: Map<string, RunningNode>,
    couchDbs: ReadonlyMap<string, CouchDbConnection>,
  ): Promise<void> {
    await Promise.all(
      p.nodePlans.map(async (plan) => {
        const ids = orgCrypto.nodes.get(plan.name) ?? missing(`identities of ${plan.name}`);
        const firstPeer = p.nodePlans[0];
        const bootstrapPeers = firstPeer && firstPeer !== plan ? [`${firstPeer.host}:${firstPeer.port}`] : [];
        const spec =
          p.kind === 'orderer'
            ? ordererSpec(plan, ids)
            : {
                ...peerSpec(plan, ids, {
                  bootstrapPeers,
                  ccaasBuilderPath: this.#runtime.ccaasBuilderPath,
                  ...this.#options.queryLimits,
                  ...(couchDbs.has(plan.name) ? { couchDb: couchDbs.get(plan.name) } : {}),
                }),
                extraHosts: chaincodeHost.extraHost ? [chaincodeHost.extraHost] : [],
              };
        const node = await this.#runtime.startNode(spec);
        nodes.set(plan.name, node);
        await withLogTail(
          node,
          plan.name,
          waitForHealthz(`http://${node.hostAddress(plan.operationsPort)}`, plan.name, this.#timeout, () =>
            node.isRunning(),
          ),
        );
        if (p.kind === 'peer') {
          const endpoint = {
            address: node.hostAddress(plan.port),
            tlsCaCertificate: orgCrypto.registrar.caChain,
            serverName: plan.name,
          };
          await waitForPeerGrpc(endpoint, plan.name, this.#timeout);
        }
      }),
    );
  }

  #rootOf(planned: readonly PlannedOrg[], crypto: readonly OrganizationCrypto[], mspId: string): string {
    const index = planned.findIndex((p) => p.mspId === mspId);
    const registrar = crypto[index]?.registrar ?? missing(`CA of ${mspId}`);
    return registrar.caChain;
  }

  async cleanUp(): Promise<void> {
    if (this.#started !== undefined) {
      await this.#started.stop();
      return;
    }
    for (const client of this.#caClients) {
      client?.close();
    }
    await this.#runtime.close();
  }
}
