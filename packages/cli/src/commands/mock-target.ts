/**
 * The commands' operations on an in-memory network (`up --mock`), see command-target.ts.
 *
 * Nothing runs between two commands, so the state file keeps a journal of the commands that changed the ledger
 * (deploy, upgrade, identity register, invoke) and each command replays it on a fresh in-memory network before
 * doing its own work. A journal rather than a ledger snapshot because the mock's snapshot holds the ledgers but not
 * the chaincode (contract classes loaded from the package directory) nor the identities' keys, and because a
 * replay exercises exactly the code paths the original commands did. The peer's clock is deterministic (starting at the
 * network's creation time, one second per proposal), so a replay reproduces the timestamps, states and block numbers
 * the earlier commands saw. Transaction IDs are not reproduced: they hash the creator's certificate, and the
 * in-memory CAs issue new keys in each process. Queries and events are not journaled: they change nothing.
 */
import { MockNetwork, type StartedMockNetwork } from '@fabric-testkit/contract-test';
import type { MockFabric, MockIdentity } from '@fabric-testkit/mock-stub';
import { startChaincodeServerPerOrganization, type RunningChaincodeServer } from '@fabric-testkit/test-harness';
import type {
  CallRequest,
  CommandTarget,
  DeployRequest,
  EventOutcome,
  EventsRequest,
  InvokeOutcome,
} from './command-target';
import { chaincodeOf, identityOf, organizationOf } from './command-target';
import { asFabricRefusal } from './fabric-error-text';
import { NetworkCommandError } from './network-errors';
import type { ChaincodeRecord, IdentityRecord, MockJournalEntry, MockNetworkDescription } from './network-state';

/** The commands' operations on an in-memory network, after replaying its journal. */
/** How long a Go chaincode server may take to listen (its first build is not counted: it comes before). */
const GO_SERVER_START_MS = 30_000;

export class MockTarget implements CommandTarget {
  readonly #description: MockNetworkDescription;
  readonly #network: StartedMockNetwork;
  /** Journal entries this command adds; the caller stores them. */
  readonly added: MockJournalEntry[] = [];
  /** Go chaincode servers this command started. */
  readonly #servers: RunningChaincodeServer[] = [];

  private constructor(description: MockNetworkDescription, network: StartedMockNetwork) {
    this.#description = description;
    this.#network = network;
  }

  /** A fresh in-memory network with the journal of `description` replayed on it. */
  static async open(description: MockNetworkDescription): Promise<MockTarget> {
    const network = await new MockNetwork()
      .withOrganizations(...description.organizations.map((o) => o.mspId))
      .withChannel(description.channel)
      .withPeerOptions({ deterministic: { startTime: new Date(description.createdAt) } })
      .start();
    const target = new MockTarget(description, network);
    for (const [i, entry] of description.journal.entries()) {
      try {
        await target.#apply(entry);
      } catch (e) {
        await target.close();
        throw new NetworkCommandError(
          `in-memory network ${description.id}: replaying its journal failed at entry ${i + 1} (${entry.kind}): ` +
            `${e instanceof Error ? e.message : String(e)}; "fabric-testkit down ${description.id}" removes it`,
          { cause: e },
        );
      }
    }
    return target;
  }

  async deploy(request: DeployRequest): Promise<ChaincodeRecord> {
    const previous = request.upgrade ? chaincodeOf(this.#description, request.name) : undefined;
    const record: ChaincodeRecord = {
      name: request.name,
      version: request.version,
      sequence: (previous?.sequence ?? 0) + 1,
      directory: request.directory,
      language: request.language,
      ...(request.endorsementPolicy === undefined ? {} : { endorsementPolicy: request.endorsementPolicy }),
      ...(request.collections === undefined ? {} : { collections: request.collections }),
      servers: [],
    };
    await asFabricRefusal(`deploying ${request.name}`, () => this.#deploy(record));
    this.added.push({ kind: request.upgrade ? 'upgrade' : 'deploy', chaincode: record });
    return record;
  }

  async invoke(request: CallRequest, concurrent: number): Promise<InvokeOutcome[]> {
    chaincodeOf(this.#description, request.chaincode);
    const client = this.#client(request);
    const what = `invoking ${request.chaincode} ${request.fn}`;
    const endorsed = await asFabricRefusal(what, () =>
      Promise.all(Array.from({ length: concurrent }, () => client.endorse(request.fn, ...request.args))),
    );
    const results = await asFabricRefusal(what, () => this.#network.block(endorsed));
    this.added.push({
      kind: 'invoke',
      chaincode: request.chaincode,
      fn: request.fn,
      args: [...request.args],
      ...(request.as === undefined ? {} : { as: request.as }),
      ...(request.organization === undefined ? {} : { organization: request.organization }),
      ...(Object.keys(request.transient).length === 0 ? {} : { transient: request.transient }),
      ...(request.endorsingOrganizations === undefined
        ? {}
        : { endorsingOrganizations: request.endorsingOrganizations }),
      concurrent,
    });
    return results.map((r) => ({
      transactionId: r.txId,
      validationCode: r.validationCode,
      blockNumber: r.blockNumber,
      result: r.text,
    }));
  }

  async query(request: CallRequest): Promise<string> {
    chaincodeOf(this.#description, request.chaincode);
    const client = this.#client(request);
    const output = await asFabricRefusal(`querying ${request.chaincode} ${request.fn}`, () =>
      client.evaluate(request.fn, ...request.args),
    );
    return output.text;
  }

  /**
   * The events the journal's valid transactions emitted, from `from` on, read from the committed blocks (what
   * fabric-gateway's event service reads on a peer). Nothing new can arrive: no other process commits to this
   * in-memory ledger, so without `count` the command prints what there is and ends.
   */
  events(request: EventsRequest, onEvent: (event: EventOutcome) => void): Promise<void> {
    chaincodeOf(this.#description, request.chaincode);
    let seen = 0;
    for (const block of this.#network.ledger().blocks) {
      if (block.number < (request.from ?? 0)) continue;
      for (const tx of block.transactions) {
        const event = tx.endorsement.event;
        if (tx.validationCode !== 'VALID' || tx.endorsement.chaincode !== request.chaincode || event === undefined) {
          continue;
        }
        if (request.count !== undefined && seen >= request.count) return Promise.resolve();
        onEvent({
          blockNumber: block.number,
          transactionId: tx.txId,
          eventName: event.name,
          payload: Buffer.from(event.payload).toString('utf8'),
        });
        seen += 1;
      }
    }
    if (request.count !== undefined && seen < request.count) {
      return Promise.reject(
        new NetworkCommandError(
          `chaincode ${request.chaincode} has ${seen} event(s)${request.from === undefined ? '' : ` from block ${request.from}`}, ` +
            `not ${request.count}; an in-memory network gets no new events while a command waits, so run the invoke first`,
        ),
      );
    }
    return Promise.resolve();
  }

  registerIdentity(
    organization: string,
    name: string,
    attributes: Readonly<Record<string, string>>,
  ): Promise<IdentityRecord> {
    const org = organizationOf(this.#description.organizations, organization);
    const record: IdentityRecord = { name, organization: org.name, mspId: org.mspId, attributes: { ...attributes } };
    this.#network.identity(org.mspId, name, { attributes });
    this.added.push({ kind: 'identity', identity: record });
    return Promise.resolve(record);
  }

  /** The in-memory Fabric the journal was replayed on (for the explorer's source). */
  get fabric(): MockFabric {
    return this.#network.fabric;
  }

  async close(): Promise<void> {
    await this.#network.stop();
    await Promise.all(this.#servers.splice(0).map((server) => server.stop()));
  }

  async #apply(entry: MockJournalEntry): Promise<void> {
    if (entry.kind === 'invoke') {
      const client = this.#client({ ...entry, transient: entry.transient ?? {} });
      await this.#network.block(
        await Promise.all(Array.from({ length: entry.concurrent }, () => client.endorse(entry.fn, ...entry.args))),
      );
    } else if (entry.kind === 'identity') {
      this.#network.identity(entry.identity.mspId, entry.identity.name, { attributes: entry.identity.attributes });
    } else {
      await this.#deploy(entry.chaincode);
    }
  }

  async #deploy(record: ChaincodeRecord): Promise<void> {
    await this.#network.deploy({
      name: record.name,
      ...(record.language === 'go'
        ? { server: { address: await this.#serveGo(record) }, modulePath: record.directory }
        : { modulePath: record.directory }),
      version: record.version,
      ...(record.endorsementPolicy === undefined ? {} : { endorsementPolicy: record.endorsementPolicy }),
      ...(record.collections === undefined ? {} : { collections: record.collections }),
    });
  }

  /**
   * Serves a Go chaincode for this command: one server per organization, each with its MSP ID as a peer's
   * chaincode has it (`GetMSPID()` reads `CORE_PEER_LOCALMSPID`), the binary built once and cached by content.
   * They stop with {@link close}; the next command starts its own, as it replays the journal on a fresh network.
   */
  async #serveGo(record: ChaincodeRecord): Promise<Readonly<Record<string, string>>> {
    const { servers, addresses } = await startChaincodeServerPerOrganization(
      { go: record.directory },
      `${record.name}_${record.version}:${this.#description.id}`,
      this.#description.organizations.map((org) => org.mspId),
      GO_SERVER_START_MS,
    );
    this.#servers.push(...servers);
    return addresses;
  }

  /** A client of the chaincode as the request's caller, with its transient data and endorsing organizations. */
  #client(request: Omit<CallRequest, 'fn' | 'args'>): ReturnType<StartedMockNetwork['chaincode']> {
    const orgs = this.#description.organizations;
    return this.#network.chaincode(request.chaincode, {
      as: this.#identity(request),
      ...(Object.keys(request.transient).length === 0 ? {} : { transient: request.transient }),
      ...(request.endorsingOrganizations === undefined
        ? {}
        : { endorsingOrganizations: request.endorsingOrganizations.map((o) => organizationOf(orgs, o).mspId) }),
    });
  }

  /** `--as NAME` (a registered identity), else the admin of `--org` (default the first organization). */
  #identity(caller: { readonly as?: string; readonly organization?: string }): MockIdentity {
    if (caller.as !== undefined) {
      const record = identityOf(this.#description, caller.as);
      return this.#network.identity(record.mspId, record.name);
    }
    const [first] = this.#description.organizations;
    const org =
      caller.organization === undefined ? first : organizationOf(this.#description.organizations, caller.organization);
    if (org === undefined) throw new NetworkCommandError(`network ${this.#description.id} has no organization`);
    return this.#network.fabric.getOrganization(org.mspId).admin;
  }
}
