/**
 * The commands' operations on a real network (see command-target.ts): fabric-gateway calls to the peers `up`
 * recorded, signed by an organization's admin or a registered identity from the state file, and deploy through
 * fabric-deploy.ts. Fabric's refusals come through with the peers' own messages (fabric-error-text.ts).
 */
import * as path from 'node:path';
import { validationCodeName } from '@fabric-testkit/fabric-core';
import { CA_BOOTSTRAP, CaClient, connectGateway, type GatewayConnection } from '@fabric-testkit/test-harness';
import type {
  CallRequest,
  CommandTarget,
  DeployRequest,
  EventOutcome,
  EventsRequest,
  InvokeOutcome,
} from './command-target';
import { chaincodeOf, organizationOf } from './command-target';
import { deployOnFabric, stopServers } from './fabric-deploy';
import { asFabricRefusal } from './fabric-error-text';
import { callerOf, firstPeerOf } from './fabric-identity';
import { NetworkCommandError } from './network-errors';
import type { ChaincodeRecord, IdentityRecord, NetworkDescription } from './network-state';

/** The commands' operations on the real network `description` describes. */
export class FabricTarget implements CommandTarget {
  readonly #description: NetworkDescription;
  /** Where chaincode servers write their logs. */
  readonly #logDirectory: string;
  readonly #connections: GatewayConnection[] = [];

  constructor(description: NetworkDescription, stateHome: string) {
    this.#description = description;
    this.#logDirectory = path.join(stateHome, 'chaincode-logs');
  }

  async deploy(request: DeployRequest, progress: (line: string) => void): Promise<ChaincodeRecord> {
    const previous = request.upgrade ? chaincodeOf(this.#description, request.name) : undefined;
    const record = await deployOnFabric(
      this.#description,
      request,
      (previous?.sequence ?? 0) + 1,
      this.#logDirectory,
      progress,
    );
    if (previous !== undefined) {
      progress(`stopping the chaincode servers of ${previous.name} version ${previous.version}`);
      await stopServers(previous.servers);
    }
    return record;
  }

  async invoke(request: CallRequest, concurrent: number): Promise<InvokeOutcome[]> {
    chaincodeOf(this.#description, request.chaincode);
    const contract = this.#contract(request);
    const options = {
      arguments: [...request.args],
      ...(Object.keys(request.transient).length === 0 ? {} : { transientData: { ...request.transient } }),
      ...(request.endorsingOrganizations === undefined
        ? {}
        : {
            endorsingOrganizations: request.endorsingOrganizations.map(
              (o) => organizationOf(this.#description.organizations, o).mspId,
            ),
          }),
    };
    const what = `invoking ${request.chaincode} ${request.fn}`;
    // Every copy is endorsed before any is submitted: all read the same committed state, as clients racing would.
    const endorsed = await asFabricRefusal(what, () =>
      Promise.all(Array.from({ length: concurrent }, () => contract.newProposal(request.fn, options).endorse())),
    );
    const submitted = [];
    for (const transaction of endorsed) submitted.push(await asFabricRefusal(what, () => transaction.submit()));
    return Promise.all(
      submitted.map(async (commit, i) => {
        const status = await asFabricRefusal(`${what} (waiting for its commit)`, () => commit.getStatus());
        return {
          transactionId: status.transactionId,
          validationCode: validationCodeName(status.code) ?? String(status.code),
          blockNumber: Number(status.blockNumber),
          result: Buffer.from(endorsed[i]?.getResult() ?? new Uint8Array()).toString('utf8'),
        };
      }),
    );
  }

  async query(request: CallRequest): Promise<string> {
    chaincodeOf(this.#description, request.chaincode);
    const contract = this.#contract(request);
    const result = await asFabricRefusal(`querying ${request.chaincode} ${request.fn}`, () =>
      contract.evaluate(request.fn, {
        arguments: [...request.args],
        ...(Object.keys(request.transient).length === 0 ? {} : { transientData: { ...request.transient } }),
      }),
    );
    return Buffer.from(result).toString('utf8');
  }

  async events(request: EventsRequest, onEvent: (event: EventOutcome) => void): Promise<void> {
    chaincodeOf(this.#description, request.chaincode);
    const connection = this.#connect({});
    const network = connection.gateway.getNetwork(this.#description.channel);
    const events = await asFabricRefusal(`reading the events of ${request.chaincode}`, () =>
      network.getChaincodeEvents(request.chaincode, {
        ...(request.from === undefined ? {} : { startBlock: BigInt(request.from) }),
      }),
    );
    const stop = (): void => events.close();
    request.signal.addEventListener('abort', stop, { once: true });
    let seen = 0;
    try {
      for await (const event of events) {
        onEvent({
          blockNumber: Number(event.blockNumber),
          transactionId: event.transactionId,
          eventName: event.eventName,
          payload: Buffer.from(event.payload).toString('utf8'),
        });
        seen += 1;
        if (request.count !== undefined && seen >= request.count) break;
      }
    } catch (e) {
      // Closing the stream on Ctrl-C or timeout ends the iteration with a cancellation: that is not a failure.
      if (!request.signal.aborted) throw e;
    } finally {
      request.signal.removeEventListener('abort', stop);
      events.close();
    }
  }

  async registerIdentity(
    organization: string,
    name: string,
    attributes: Readonly<Record<string, string>>,
  ): Promise<IdentityRecord> {
    const org = organizationOf(this.#description.organizations, organization);
    const ca = this.#description.cas.find((c) => c.name === `ca.${org.name}`);
    if (ca?.address === undefined) {
      throw new NetworkCommandError(`the CA of ${org.name} has no published address in the state file`);
    }
    const client = new CaClient({ url: `https://${ca.address}`, tlsCaCertificates: firstPeerOf(org).tlsCaCertificate });
    try {
      const enrollment = await asFabricRefusal(`registering ${name} at ${ca.name}`, async () => {
        const registrar = await client.enroll({ ...CA_BOOTSTRAP });
        const secret = await client.register(registrar, {
          enrollmentId: name,
          type: 'client',
          attributes: Object.entries(attributes).map(([n, value]) => ({ name: n, value, ecert: true })),
        });
        return client.enroll({ enrollmentId: name, secret });
      });
      const key = enrollment.privateKey.export({ type: 'pkcs8', format: 'pem' });
      return {
        name,
        organization: org.name,
        mspId: org.mspId,
        attributes: { ...attributes },
        certificate: enrollment.certificate,
        privateKey: typeof key === 'string' ? key : key.toString('utf8'),
      };
    } finally {
      client.close();
    }
  }

  close(): Promise<void> {
    for (const connection of this.#connections.splice(0)) connection.close();
    return Promise.resolve();
  }

  #contract(request: CallRequest): ReturnType<ReturnType<GatewayConnection['gateway']['getNetwork']>['getContract']> {
    return this.#connect(request).gateway.getNetwork(this.#description.channel).getContract(request.chaincode);
  }

  #connect(caller: Parameters<typeof callerOf>[1]): GatewayConnection {
    const { identity, organization } = callerOf(this.#description, caller);
    const connection = connectGateway(firstPeerOf(organization), identity);
    this.#connections.push(connection);
    return connection;
  }
}
