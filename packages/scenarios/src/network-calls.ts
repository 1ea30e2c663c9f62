/**
 * Calls on a started real network, through fabric-gateway clients. Every call is an endorsement on the chosen
 * organizations' peers, so the outcome carries the chaincode's status and message as the peers signed them (a
 * gateway `evaluate` returns only the payload); a submit then orders it and waits for its commit status.
 */
import { createHash } from 'node:crypto';
import {
  EndorseError,
  GatewayError,
  signers,
  type Proposal,
  type Signer,
  type SubmittedTransaction,
  type Transaction,
} from '@hyperledger/fabric-gateway';
import { validationCodeName as fabricValidationCodeName } from '@fabric-testkit/fabric-core';
import {
  withIsInit,
  type GatewayConnection,
  type SigningIdentity,
  type StartedFabricNetwork,
} from '@fabric-testkit/test-harness';
import { endorsedOutcome, refusedOutcome } from './endorsed-transaction';
import { committedOutcome, withoutEvent } from './outcome';
import { orgNameOf } from './org-names';
import type { StartedTarget } from './target';
import type { Call, CallOutcome, IdentitySpec } from './types';

/** A CA-issued identity with its gateway connection (to its organization's first peer) and signer. */
interface Client {
  readonly identity: SigningIdentity;
  readonly attributes: string;
  readonly connection: GatewayConnection;
  readonly sign: Signer;
}

/** A call's endorsement: the outcome, and the transaction to submit when the chaincode accepted it. */
interface Endorsed {
  readonly outcome: CallOutcome;
  readonly transaction?: Transaction;
}

/** The validation code's name as Fabric's `TxValidationCode` enum spells it. */
export function validationCodeName(code: number): string {
  return fabricValidationCodeName(code) ?? `UNKNOWN_VALIDATION_CODE_${code}`;
}

export class StartedNetworkTarget implements StartedTarget {
  private readonly clients = new Map<string, Promise<Client>>();

  constructor(private readonly network: StartedFabricNetwork) {}

  async submit(call: Call): Promise<CallOutcome> {
    const [outcome] = await this.block([call]);
    if (outcome === undefined) throw new Error('network target: a one-transaction block gave no outcome');
    return outcome;
  }

  async evaluate(call: Call): Promise<CallOutcome> {
    const { outcome } = await this.endorse({ ...call, endorsingOrgs: [call.endorsingOrgs?.[0] ?? call.identity.org] });
    return withoutEvent(outcome);
  }

  async block(calls: readonly Call[]): Promise<CallOutcome[]> {
    const endorsed: Endorsed[] = [];
    for (const call of calls) endorsed.push(await this.endorse(call));
    // Back to back, in order: the orderer cuts them into one block within its batch timeout.
    const submitted = new Map<Endorsed, SubmittedTransaction>();
    for (const entry of endorsed) {
      if (entry.transaction !== undefined) submitted.set(entry, await entry.transaction.submit());
    }
    const committed = new Map<Endorsed, CallOutcome>();
    for (const [entry, transaction] of submitted) {
      const status = await transaction.getStatus();
      committed.set(
        entry,
        committedOutcome(entry.outcome, validationCodeName(status.code), Number(status.blockNumber)),
      );
    }
    checkOneBlock([...committed.values()]);
    return endorsed.map((entry) => committed.get(entry) ?? withoutEvent(entry.outcome));
  }

  async stop(): Promise<void> {
    const clients = await Promise.allSettled(this.clients.values());
    for (const client of clients) if (client.status === 'fulfilled') client.value.connection.close();
    await this.network.stop();
  }

  async [Symbol.asyncDispose](): Promise<void> {
    await this.stop();
  }

  private async endorse(call: Call): Promise<Endorsed> {
    const client = await this.client(call.identity);
    const proposal = await this.proposal(client, call);
    const txId = proposal.getTransactionId();
    try {
      const transaction = await proposal.endorse();
      return { outcome: { ...endorsedOutcome(transaction.getBytes()), txId }, transaction };
    } catch (error) {
      if (error instanceof EndorseError || error instanceof GatewayError) {
        return { outcome: { ...refusedOutcome(error), txId } };
      }
      throw error;
    }
  }

  private async proposal(client: Client, call: Call): Promise<Proposal> {
    const gateway = client.connection.gateway;
    const unsigned = gateway
      .getNetwork(call.channel)
      .getContract(call.chaincode)
      .newProposal(call.function, {
        arguments: [...call.args],
        transientData: Object.fromEntries(
          Object.entries(call.transient ?? {}).map(([key, value]) => [key, Buffer.from(value)]),
        ),
        // No endorsing organizations: fabric-gateway's default, so the gateway plans (G-01) as the mock does.
        ...(call.endorsingOrgs === undefined ? {} : { endorsingOrganizations: [...call.endorsingOrgs] }),
      });
    if (call.init !== true) return unsigned;
    const { bytes, proposalBytes } = withIsInit(unsigned.getBytes());
    const digest = createHash('sha256').update(proposalBytes).digest();
    return gateway.newSignedProposal(bytes, await client.sign(digest));
  }

  /** The call's identity, registered with its organization's CA (with its attributes) on first use. */
  private async client(spec: IdentitySpec): Promise<Client> {
    const key = `${spec.name}@${spec.org}`;
    const attributes = JSON.stringify(spec.attributes ?? {});
    let client = this.clients.get(key);
    if (client === undefined) {
      client = this.register(spec, attributes);
      this.clients.set(key, client);
    }
    const ready = await client;
    if (ready.attributes !== attributes) {
      throw new Error(
        `identity ${key} is used with attributes ${attributes} after ${ready.attributes}: a CA enrollment ` +
          'cannot change them; declare one identity per set of attributes',
      );
    }
    return ready;
  }

  private async register(spec: IdentitySpec, attributes: string): Promise<Client> {
    const orgName = orgNameOf(spec.org);
    const identity = await this.network.organization(orgName).registerUser({
      name: spec.name,
      attributes: Object.entries(spec.attributes ?? {}).map(([name, value]) => ({ name, value, ecert: true })),
    });
    return {
      identity,
      attributes,
      connection: this.network.connectGateway(orgName, identity),
      sign: signers.newPrivateKeySigner(identity.privateKey),
    };
  }
}

/** A block step compares commit order within one block; transactions split across blocks prove nothing. */
function checkOneBlock(committed: readonly CallOutcome[]): void {
  const blocks = [...new Set(committed.map((outcome) => outcome.blockNumber))];
  if (blocks.length > 1) {
    throw new Error(
      `the ${committed.length} transactions of one block step were committed in blocks ${blocks.join(', ')}: ` +
        "the orderer cut the block before the last arrived; raise the network target's batchTimeout",
    );
  }
}
