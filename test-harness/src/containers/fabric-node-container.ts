import { GenericContainer } from 'testcontainers';
import { NETWORK_LABEL, NODE_LABEL } from './labels';

/** Options of {@link FabricNodeContainer}. */
export interface FabricNodeContainerOptions {
  readonly image: string;
  /** The network's ID (label value and name prefix). */
  readonly networkId: string;
  /** The docker network to join. */
  readonly networkName: string;
  /** The node's name, for example `peer0.org1`. */
  readonly nodeName: string;
  /** The container name, unique on the engine; also the host name other nodes use. */
  readonly containerName: string;
  /** The full command (binary first); empty to run the image's own command. */
  readonly command: readonly string[];
  readonly env: Readonly<Record<string, string>>;
  /** Absolute container paths to file contents, copied in before start. */
  readonly files: ReadonlyMap<string, string>;
  /** Container ports to publish on 127.0.0.1 (random host ports). */
  readonly ports: readonly number[];
  readonly extraHosts?: readonly { readonly host: string; readonly ipAddress: string }[];
}

/**
 * A Fabric node container: on the harness's private network only, labelled with the network ID, ports published
 * on 127.0.0.1 only, configuration copied in (no bind mounts), and no wait strategy of its own: Fabric images may
 * have no shell, so readiness is checked by the harness (`/healthz`, the Raft leader metric).
 */
export class FabricNodeContainer extends GenericContainer {
  readonly #ports: readonly number[];

  constructor(options: FabricNodeContainerOptions) {
    super(options.image);
    this.#ports = options.ports;
    if (options.command.length > 0) this.withCommand([...options.command]);
    this.withName(options.containerName)
      .withNetworkMode(options.networkName)
      .withLabels({ [NETWORK_LABEL]: options.networkId, [NODE_LABEL]: options.nodeName })
      .withEnvironment({ ...options.env })
      .withExposedPorts(...options.ports)
      .withExtraHosts([...(options.extraHosts ?? [])])
      .withCopyContentToContainer(
        [...options.files].map(([target, content]) => ({
          target,
          content,
          mode: target.endsWith('.key') || target.includes('/keystore/') || target.endsWith('key.pem') ? 0o600 : 0o644,
        })),
      )
      .withWaitStrategy({
        waitUntilReady: () => Promise.resolve(),
        withStartupTimeout() {
          return this;
        },
        isStartupTimeoutSet: () => false,
        getStartupTimeout: () => 0,
      });
  }

  protected override beforeContainerCreated(): Promise<void> {
    // Publish on 127.0.0.1 only: rewrite testcontainers' bindings ({ HostPort: "0" }) with a host IP.
    const bindings: Record<string, { HostIp?: string; HostPort?: string }[]> = {};
    for (const port of this.#ports) {
      bindings[`${port}/tcp`] = [{ HostIp: '127.0.0.1', HostPort: '0' }];
    }
    this.hostConfig.PortBindings = bindings;
    return Promise.resolve();
  }
}
