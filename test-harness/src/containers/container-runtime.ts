import { getContainerRuntimeClient, type ContainerRuntimeClient } from 'testcontainers';
import { DockerUnreachableError, FabricTestkitError } from '../errors';
import type { ChaincodeHost, NodeKind, NodePlan, NodeRuntime, NodeSpec, RunningNode } from '../network/runtime';
import { FabricNodeContainer } from './fabric-node-container';
import { fabricImages, type FabricImages } from './images';
import { NETWORK_LABEL } from './labels';
import { removeNetworkResources } from './cleanup';
import { disableRyukWhereImageAbsent } from './ryuk';

const PORTS: Record<NodeKind, { port: number; operations: number; admin: number }> = {
  ca: { port: 7054, operations: 9443, admin: 0 },
  orderer: { port: 7050, operations: 9443, admin: 7053 },
  peer: { port: 7051, operations: 9443, admin: 7052 },
  // CouchDB's one HTTP port answers both queries and `/_up` (the official image's EXPOSE).
  couchdb: { port: 5984, operations: 5984, admin: 0 },
};

/** The binary each node runs; CouchDB runs its image's entrypoint and command. */
const BINARIES: Record<NodeKind, string | undefined> = {
  ca: 'fabric-ca-server',
  orderer: 'orderer',
  peer: 'peer',
  couchdb: undefined,
};

/** Where each kind keeps configuration and data inside its container. */
function directories(kind: NodeKind): { configDir: string; dataDir: string } {
  if (kind === 'couchdb') return { configDir: '/opt/couchdb/etc/local.d', dataDir: '/opt/couchdb/data' };
  return {
    // Not /etc/hyperledger/fabric: images may ship a sample MSP there, which would merge with ours.
    configDir: kind === 'ca' ? '/etc/hyperledger/fabric-ca-server' : '/etc/hyperledger/fabric-testkit',
    dataDir: '/var/hyperledger/production',
  };
}

/** The host name peers use for the chaincode server on the docker host. */
export const CHAINCODE_HOST_NAME = 'host.fabric-testkit.internal';

/** Options of {@link ContainerRuntime}. */
export interface ContainerRuntimeOptions {
  /** Default: {@link fabricImages}(). */
  readonly images?: Partial<FabricImages>;
  /**
   * How to reach the Docker engine. Default: testcontainers' `getContainerRuntimeClient` (DOCKER_HOST,
   * ~/.testcontainers.properties, then the usual sockets). When it fails, starting fails with
   * {@link DockerUnreachableError} before anything is created.
   */
  readonly connect?: () => Promise<ContainerRuntimeClient>;
}

/**
 * Runs Fabric nodes in containers with testcontainers, on a private docker network made for one harness network.
 * Names start with the network ID, everything carries the `org.fabric-testkit.network` label, ports are published
 * on 127.0.0.1 only, and `close()` removes every container and the network (Ryuk is not needed).
 */
export class ContainerRuntime implements NodeRuntime {
  readonly id: string;
  readonly ccaasBuilderPath = '/opt/hyperledger/ccaas_builder';
  readonly #images: FabricImages;
  readonly #nodes: ContainerNode[] = [];
  readonly #pending = new Set<Promise<unknown>>();
  #closed = false;
  #network: Promise<{ name: string; gateway: string }> | undefined;
  #client: Promise<ContainerRuntimeClient> | undefined;
  #connected = false;
  readonly #connect: () => Promise<ContainerRuntimeClient>;

  constructor(id: string, options: ContainerRuntimeOptions = {}) {
    this.id = id;
    this.#images = { ...fabricImages(), ...options.images };
    this.#connect = options.connect ?? getContainerRuntimeClient;
  }

  /** The docker network's name. */
  get networkName(): string {
    return `${this.id}-net`;
  }

  plan(name: string, kind: NodeKind): Promise<NodePlan> {
    const ports = PORTS[kind];
    return Promise.resolve({
      name,
      kind,
      host: `${this.id}-${name}`,
      listenHost: '0.0.0.0',
      port: ports.port,
      operationsPort: ports.operations,
      adminPort: ports.admin,
      ...directories(kind),
    });
  }

  async startNode(spec: NodeSpec): Promise<RunningNode> {
    if (this.#closed) {
      throw new FabricTestkitError(`network ${this.id} is closed; not starting ${spec.plan.name}`);
    }
    const starting = this.#startNode(spec);
    this.#pending.add(starting);
    try {
      return await starting;
    } finally {
      this.#pending.delete(starting);
    }
  }

  async #startNode(spec: NodeSpec): Promise<RunningNode> {
    const network = await this.#ensureNetwork();
    const client = await this.#dockerClient();
    const { plan } = spec;
    const files = new Map([...spec.files].map(([path, content]) => [`${plan.configDir}/${path}`, content]));
    const ports = [...new Set([plan.port, plan.operationsPort, ...(plan.kind === 'orderer' ? [plan.adminPort] : [])])];
    const binary = BINARIES[plan.kind];
    const container = await new FabricNodeContainer({
      image: this.#images[plan.kind],
      networkId: this.id,
      networkName: network.name,
      nodeName: plan.name,
      containerName: plan.host,
      command: binary === undefined ? [...spec.args] : [binary, ...spec.args],
      env: spec.env,
      files,
      ports,
      extraHosts: spec.extraHosts,
    }).start();
    const node = new ContainerNode(plan.name, client, container.getId(), network.name);
    await node.refreshPorts();
    this.#nodes.push(node);
    return node;
  }

  async chaincodeHost(): Promise<ChaincodeHost> {
    const network = await this.#ensureNetwork();
    return {
      host: CHAINCODE_HOST_NAME,
      listenHost: network.gateway,
      extraHost: { host: CHAINCODE_HOST_NAME, ipAddress: network.gateway },
    };
  }

  /** Removes every container and the network; waits for starts in flight so nothing is left behind. */
  async close(): Promise<void> {
    this.#closed = true;
    await Promise.allSettled([...this.#pending, ...(this.#network ? [this.#network] : [])]);
    // Without an engine nothing was created, and asking again would only repeat the connection error.
    if (this.#connected) {
      await removeNetworkResources(this.id);
    }
  }

  #dockerClient(): Promise<ContainerRuntimeClient> {
    this.#client ??= this.#connect().then(
      async (client) => {
        this.#connected = true;
        await disableRyukWhereImageAbsent(client);
        return client;
      },
      (e: unknown) => {
        throw new DockerUnreachableError(e);
      },
    );
    return this.#client;
  }

  #ensureNetwork(): Promise<{ name: string; gateway: string }> {
    this.#network ??= (async () => {
      if (this.#closed) {
        throw new FabricTestkitError(`network ${this.id} is closed; not creating its docker network`);
      }
      const client = await this.#dockerClient();
      const network = await client.network.create({
        Name: this.networkName,
        Driver: 'bridge',
        CheckDuplicate: true,
        Labels: { [NETWORK_LABEL]: this.id },
      });
      const info = await network.inspect();
      const gateway = readGateway(info);
      if (!gateway) {
        throw new FabricTestkitError(`docker network ${this.networkName} has no gateway address`);
      }
      return { name: this.networkName, gateway };
    })();
    return this.#network;
  }
}

function readGateway(info: unknown): string | undefined {
  if (typeof info !== 'object' || info === null || !('IPAM' in info)) {
    return undefined;
  }
  const ipam: unknown = info.IPAM;
  if (typeof ipam !== 'object' || ipam === null || !('Config' in ipam) || !Array.isArray(ipam.Config)) {
    return undefined;
  }
  for (const entry of ipam.Config as unknown[]) {
    if (typeof entry === 'object' && entry !== null && 'Gateway' in entry && typeof entry.Gateway === 'string') {
      return entry.Gateway;
    }
  }
  return undefined;
}

class ContainerNode implements RunningNode {
  readonly name: string;
  readonly #client: ContainerRuntimeClient;
  readonly #id: string;
  readonly #networkName: string;
  #ports = new Map<number, number>();

  constructor(name: string, client: ContainerRuntimeClient, id: string, networkName: string) {
    this.name = name;
    this.#client = client;
    this.#id = id;
    this.#networkName = networkName;
  }

  get #container(): ReturnType<ContainerRuntimeClient['container']['getById']> {
    return this.#client.container.getById(this.#id);
  }

  async refreshPorts(): Promise<void> {
    const info = await this.#container.inspect();
    const ports = new Map<number, number>();
    for (const [key, bindings] of Object.entries(info.NetworkSettings.Ports ?? {})) {
      const hostPort = bindings?.[0]?.HostPort;
      if (hostPort) {
        ports.set(Number.parseInt(key, 10), Number.parseInt(hostPort, 10));
      }
    }
    this.#ports = ports;
  }

  hostAddress(port: number): string {
    const hostPort = this.#ports.get(port);
    if (hostPort === undefined) {
      throw new FabricTestkitError(`${this.name}: port ${port} is not published (is the container running?)`);
    }
    return `127.0.0.1:${hostPort}`;
  }

  async isRunning(): Promise<boolean> {
    const info = await this.#container.inspect();
    return info.State.Running;
  }

  async stop(): Promise<void> {
    await this.#container.stop({ t: 5 });
  }

  async start(): Promise<void> {
    await this.#container.start();
    await this.refreshPorts();
  }

  async restart(): Promise<void> {
    await this.#container.restart({ t: 5 });
    await this.refreshPorts();
  }

  async disconnect(): Promise<void> {
    await this.#client.network.getById(this.#networkName).disconnect({ Container: this.#id, Force: true });
  }

  async reconnect(): Promise<void> {
    await this.#client.network.getById(this.#networkName).connect({ Container: this.#id });
    await this.refreshPorts();
  }

  async pause(): Promise<void> {
    await this.#container.pause();
  }

  async unpause(): Promise<void> {
    await this.#container.unpause();
  }

  async logs(): Promise<string> {
    const raw = await this.#container.logs({ stdout: true, stderr: true, follow: false });
    return demux(Buffer.from(raw));
  }

  async remove(): Promise<void> {
    await this.#container.remove({ force: true, v: true });
  }
}

/** Docker's multiplexed log format: 8-byte headers (stream, 0, 0, 0, big-endian length) before each chunk. */
function demux(raw: Buffer): string {
  const parts: Buffer[] = [];
  let offset = 0;
  while (offset + 8 <= raw.length) {
    const length = raw.readUInt32BE(offset + 4);
    parts.push(raw.subarray(offset + 8, offset + 8 + length));
    offset += 8 + length;
  }
  return Buffer.concat(parts).toString('utf8');
}
