/**
 * The in-memory target: `@fabric-testkit/contract-test`'s `MockNetwork` (the mock-stub peer) with a deterministic
 * clock. Contract samples are deployed from their package directory as a peer loads them; the probe is deployed
 * as the raw chaincode it is. Calls go to the mock channel's endorse/commit pipeline, so the outcome carries the
 * read/write set.
 */
import { MockNetwork, readPackagedIndexes, type StartedMockNetwork } from '@fabric-testkit/contract-test';
import {
  gatewayRefuses,
  type Endorsement,
  type MockChannel,
  type MockFabricOptions,
  type NamespaceReadWriteSet,
  type ProposalRequest,
  type Version,
} from '@fabric-testkit/mock-stub';
import { ProbeChaincode } from '@fabric-testkit/probe';
import { startChaincodeServerPerOrganization, type RunningChaincodeServer } from '@fabric-testkit/test-harness';
import { chaincodeModule, packageDirOf, samplePackageDir } from './chaincode-packages';
import { committedOutcome, withoutEvent } from './outcome';
import { decodePayload } from './payload';
import type { StartedTarget, Target } from './target';
import type { Call, CallOutcome, ChaincodeSpec, NamespaceSummary, NetworkSpec } from './types';

/** Options of {@link MockTarget}. */
export interface MockTargetOptions {
  /** Shown in reports. Default `mock`. */
  name?: string;
  /**
   * Peer options of the mock (mock-stub's `MockFabricOptions`). Default: a deterministic clock and the scenario's
   * state database; the determinism check as mock-stub defaults it.
   */
  peerOptions?: MockFabricOptions;
  /**
   * Serve every chaincode as a chaincode server (the probe and the samples in child processes, started as the
   * network target's harness starts them) and talk to it over the chaincode protocol, instead of in process.
   * Default false.
   */
  wire?: boolean;
}

/** Runs scenarios on the in-memory Fabric network. */
export class MockTarget implements Target {
  readonly name: string;

  constructor(private readonly options: MockTargetOptions = {}) {
    this.name = options.name ?? 'mock';
  }

  async start(network: NetworkSpec): Promise<StartedTarget> {
    let builder = new MockNetwork()
      .withOrganizations(...network.organizations)
      .withPeerOptions({
        deterministic: true,
        stateDatabase: network.stateDatabase,
        ...(network.totalQueryLimit === undefined ? {} : { totalQueryLimit: network.totalQueryLimit }),
        ...this.options.peerOptions,
      })
      .withChaincodeLogLevel('CRITICAL');
    for (const channel of network.channels) {
      builder = builder.withChannel(channel.name, { organizations: channel.organizations });
    }
    const mock = await builder.start();
    const servers: RunningChaincodeServer[] = [];
    try {
      for (const chaincode of network.chaincodes) {
        if (this.options.wire === true) {
          const members = network.channels.find((channel) => channel.name === chaincode.channel)?.organizations ?? [];
          servers.push(...(await deployServed(mock, chaincode, members)));
        } else {
          await deploy(mock, chaincode);
        }
      }
    } catch (error) {
      await mock.stop();
      await Promise.all(servers.map((server) => server.stop()));
      throw error;
    }
    return new StartedMockTarget(mock, servers);
  }
}

async function deploy(mock: StartedMockNetwork, chaincode: ChaincodeSpec): Promise<void> {
  const definition = definitionOf(chaincode);
  if (chaincode.sample === 'probe') {
    // The probe's indexes (META-INF beside its package.json), as the network target packages them.
    const { couchDbIndexes } = readPackagedIndexes(samplePackageDir('probe'));
    mock.fabric
      .getChannel(chaincode.channel)
      .deploy({ ...definition, couchDbIndexes, chaincode: new ProbeChaincode() });
    return;
  }
  const modulePath = packageDirOf(chaincode);
  await mock.deploy({ ...definition, channel: chaincode.channel, modulePath });
}

/**
 * Starts the chaincode's servers as the network target's harness does, one per member organization with its
 * `CORE_PEER_LOCALMSPID` (what `getMspID()` reads, S-06), and deploys their addresses, each organization's peer
 * dialling its own.
 */
async function deployServed(
  mock: StartedMockNetwork,
  chaincode: ChaincodeSpec,
  members: readonly string[],
): Promise<RunningChaincodeServer[]> {
  const { servers, addresses } = await startChaincodeServerPerOrganization(
    chaincodeModule(chaincode),
    `${chaincode.name}_1.0:wire`,
    members,
  );
  try {
    await mock.deploy({
      ...definitionOf(chaincode),
      channel: chaincode.channel,
      server: { address: addresses },
      // Only for the package's META-INF CouchDB indexes, as the network target packages them.
      modulePath: packageDirOf(chaincode),
    });
  } catch (error) {
    await Promise.all(servers.map((server) => server.stop()));
    throw error;
  }
  return [...servers];
}

function definitionOf(chaincode: ChaincodeSpec) {
  return {
    name: chaincode.name,
    ...(chaincode.endorsementPolicy === undefined ? {} : { endorsementPolicy: chaincode.endorsementPolicy }),
    ...(chaincode.collections === undefined ? {} : { collections: chaincode.collections }),
    ...(chaincode.initRequired === undefined ? {} : { initRequired: chaincode.initRequired }),
  };
}

function versionText(version: Version | null): string {
  return version === null ? 'none' : `${version.blockNum}:${version.txNum}`;
}

function writesOf(writes: readonly { key: string; isDelete: boolean; value: Buffer }[]): Record<string, unknown> {
  return Object.fromEntries(
    writes.map((write) => [write.key, write.isDelete ? { delete: true } : decodePayload(write.value)]),
  );
}

function readsOf(reads: readonly { key: string; version: Version | null }[]): Record<string, string> {
  return Object.fromEntries(reads.map((read) => [read.key, versionText(read.version)]));
}

function summarize(namespace: NamespaceReadWriteSet): NamespaceSummary {
  return {
    reads: readsOf(namespace.reads),
    ranges: namespace.rangeQueries.map((range) => ({
      startKey: range.startKey,
      endKey: range.endKey,
      itrExhausted: range.itrExhausted,
      keys: range.reads.map((read) => read.key),
    })),
    writes: writesOf(namespace.writes),
    metadataWrites: namespace.metadataWrites.map((write) => write.key),
    collections: Object.fromEntries(
      namespace.collections.map((collection) => [
        collection.collection,
        {
          reads: readsOf(collection.reads),
          writes: writesOf(collection.writes),
          purges: [...(collection.purges ?? [])],
        },
      ]),
    ),
  };
}

/** The outcome of an endorsement, before any commit. */
export function endorsementOutcome(endorsement: Endorsement): CallOutcome {
  const { response, event } = endorsement;
  return {
    status: response.status,
    message: response.message,
    payload: decodePayload(response.payload),
    txId: endorsement.txId,
    ...(event === undefined ? {} : { event: { name: event.name, payload: decodePayload(event.payload) } }),
    readWriteSet: Object.fromEntries(
      endorsement.readWriteSet.namespaces.map((namespace) => [namespace.namespace, summarize(namespace)]),
    ),
  };
}

class StartedMockTarget implements StartedTarget {
  constructor(
    private readonly mock: StartedMockNetwork,
    private readonly servers: readonly RunningChaincodeServer[] = [],
  ) {}

  async submit(call: Call): Promise<CallOutcome> {
    const [outcome] = await this.block([call]);
    if (outcome === undefined) throw new Error('mock target: a one-transaction block gave no outcome');
    return outcome;
  }

  async evaluate(call: Call): Promise<CallOutcome> {
    const endorsers = [call.endorsingOrgs?.[0] ?? call.identity.org];
    const endorsement = await this.channel(call).endorse(this.request({ ...call, endorsingOrgs: endorsers }));
    return withoutEvent(endorsementOutcome(endorsement));
  }

  async block(calls: readonly Call[]): Promise<CallOutcome[]> {
    const endorsements: Endorsement[] = [];
    for (const call of calls) endorsements.push(await this.channel(call).endorse(this.request(call)));
    const accepted = endorsements.filter((endorsement) => !gatewayRefuses(endorsement.response.status));
    const first = calls[0];
    const committed =
      accepted.length === 0 || first === undefined ? [] : (await this.channel(first).commit(accepted)).transactions;
    return endorsements.map((endorsement) => {
      const outcome = endorsementOutcome(endorsement);
      const transaction = committed.find((candidate) => candidate.txId === endorsement.txId);
      if (transaction === undefined) return withoutEvent(outcome);
      return committedOutcome(outcome, transaction.validationCode, transaction.blockNumber);
    });
  }

  async stop(): Promise<void> {
    await this.mock.stop();
    await Promise.all(this.servers.map((server) => server.stop()));
  }

  async [Symbol.asyncDispose](): Promise<void> {
    await this.stop();
  }

  private channel(call: Call): MockChannel {
    return this.mock.fabric.getChannel(call.channel);
  }

  private request(call: Call): ProposalRequest {
    const identity = this.mock.identity(call.identity.org, call.identity.name, {
      ...(call.identity.attributes === undefined ? {} : { attributes: call.identity.attributes }),
    });
    return {
      chaincode: call.chaincode,
      fcn: call.function,
      args: call.args,
      identity,
      ...(call.transient === undefined ? {} : { transient: call.transient }),
      ...(call.endorsingOrgs === undefined ? {} : { endorsingOrganizations: call.endorsingOrgs }),
      ...(call.init === true ? { isInit: true } : {}),
    };
  }
}
