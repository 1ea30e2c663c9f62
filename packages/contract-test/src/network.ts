import { createMockFabric, type MockFabricOptions } from '@fabric-testkit/mock-stub';
import { setChaincodeLogLevel, type ChaincodeLogLevel } from './chaincode-log-level';
import type { StartedMockNetwork } from './types';
import { StartedMockNetworkImpl } from './internal/started-network';

/**
 * Builds an in-memory Fabric network, testcontainers style: organizations, channels, peer options, then
 * `start()`. Nothing runs in containers; the peer is `@fabric-testkit/mock-stub`.
 *
 * @example
 * ```ts
 * await using network = await new MockNetwork()
 *   .withOrganizations('Org1MSP', 'Org2MSP')
 *   .withChannel('mychannel')
 *   .start();
 * await network.deploy({ name: 'basic', contracts: [AssetContract] });
 * const cc = network.chaincode('basic', { as: network.identity('Org1MSP', 'alice') });
 * await cc.submit('CreateAsset', 'a1', 'blue', '5', '300');
 * ```
 */
export class MockNetwork {
  private readonly organizations: string[] = [];
  private readonly channels: { name: string; organizations?: readonly string[] }[] = [];
  private fabricOptions: MockFabricOptions = {};
  private logLevel: ChaincodeLogLevel | undefined;

  /** Adds organizations (MSP ids), each with its own CA. */
  withOrganizations(...mspIds: readonly string[]): this {
    this.organizations.push(...mspIds);
    return this;
  }

  /** Adds a channel joined by `organizations` (default: all organizations). */
  withChannel(name: string, options: { organizations?: readonly string[] } = {}): this {
    this.channels.push({ name, ...options });
    return this;
  }

  /** Peer options: state database, history, deterministic clock, determinism check (see `MockFabricOptions`). */
  withPeerOptions(options: MockFabricOptions): this {
    this.fabricOptions = { ...this.fabricOptions, ...options };
    return this;
  }

  /**
   * The chaincode log level, as a peer sets it with `CORE_CHAINCODE_LOGGING_LEVEL` (fabric-shim logs every
   * failed transaction at ERROR; fabric-contract-api logs decorators at INFO). Process-wide, like that variable. Default:
   * `CORE_CHAINCODE_LOGGING_LEVEL` when set, else WARNING (see chaincode-log-level.ts).
   */
  withChaincodeLogLevel(level: ChaincodeLogLevel): this {
    this.logLevel = level;
    return this;
  }

  /** Creates the organizations and channels. Defaults: one organization `Org1MSP`, one channel `mychannel`. */
  start(): Promise<StartedMockNetwork> {
    if (this.logLevel !== undefined) setChaincodeLogLevel(this.logLevel);
    const fabric = createMockFabric(this.fabricOptions);
    for (const mspId of this.organizations.length > 0 ? this.organizations : ['Org1MSP']) fabric.addOrganization(mspId);
    for (const channel of this.channels.length > 0 ? this.channels : [{ name: 'mychannel' }]) {
      fabric.createChannel(
        channel.name,
        channel.organizations === undefined ? {} : { organizations: channel.organizations },
      );
    }
    return Promise.resolve(new StartedMockNetworkImpl(fabric));
  }
}
