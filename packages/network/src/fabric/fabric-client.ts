/**
 * A chaincode client on a real network: fabric-gateway underneath, with the two-target API's results and
 * contract-test's errors. A submit resolves once every peer of the channel has committed its block (fabric-gateway's
 * own submit waits for the gateway's peer only), so the next call sees it on whichever organization it runs.
 */
import { createHash } from 'node:crypto';
import type { Proposal, Transaction } from '@hyperledger/fabric-gateway';
import { withIsInit } from '@fabric-testkit/test-harness';
import { TargetUnsupportedError } from '../errors';
import type {
  ChaincodeClient,
  ClientOptions,
  EndorsedTransaction,
  Identity,
  TransactionOutput,
  TransactionResult,
} from '../types';
import { fromGatewayError, newCommitError } from './gateway-errors';
import { endorsedAction } from './prepared-transaction';
import type { RegisteredIdentity } from './registered-identity';

type Args = readonly (string | Uint8Array)[];

/** What a client needs of its network. */
export interface ClientContext {
  /** The registered identity behind an identity of this network. */
  registered(identity: Identity): Promise<RegisteredIdentity>;
  /** Orders endorsed transactions back to back and reports each commit, once every member peer has its block. */
  commit(channel: string, transactions: readonly FabricEndorsed[]): Promise<TransactionResult[]>;
}

/** A transaction endorsed on a real network, with what its submit needs. */
export interface FabricEndorsed extends EndorsedTransaction {
  /** The physical channel it was endorsed on. */
  readonly fabricChannel: string;
  readonly transaction: Transaction;
}

/** Whether an endorsed transaction came from a real network's client. */
export function isFabricEndorsed(transaction: EndorsedTransaction): transaction is FabricEndorsed {
  return 'transaction' in transaction && 'fabricChannel' in transaction;
}

export class FabricChaincodeClient implements ChaincodeClient {
  constructor(
    readonly name: string,
    /** The channel's name in the test (a fixture's channel has another name on the network). */
    readonly channel: string,
    private readonly fabricChannel: string,
    readonly identity: Identity,
    private readonly options: Omit<ClientOptions, 'as'>,
    private readonly context: ClientContext,
  ) {}

  submit(fcn: string, ...args: Args): Promise<TransactionResult> {
    return this.#submit(fcn, args, false);
  }

  init(fcn: string, ...args: Args): Promise<TransactionResult> {
    return this.#submit(fcn, args, true);
  }

  /** Endorses and commits one transaction; an invalid one rejects with `CommitError`, as a gateway submit does. */
  async #submit(fcn: string, args: Args, init: boolean): Promise<TransactionResult> {
    const endorsed = await this.#endorse(fcn, args, init);
    const [result] = await this.context.commit(this.fabricChannel, [endorsed]);
    if (result === undefined) throw new Error(`internal: no commit result for transaction ${endorsed.txId}`);
    if (result.validationCode !== 'VALID') {
      throw newCommitError(result.validationCode, result.txId, result.blockNumber);
    }
    return result;
  }

  async evaluate(fcn: string, ...args: Args): Promise<TransactionOutput> {
    const proposal = await this.#proposal(fcn, args, false);
    try {
      return output(Buffer.from(await proposal.evaluate()));
    } catch (e) {
      throw fromGatewayError(e);
    }
  }

  endorse(fcn: string, ...args: Args): Promise<EndorsedTransaction> {
    return this.#endorse(fcn, args, false);
  }

  state(key: string): Buffer | undefined {
    throw new TargetUnsupportedError(
      'network',
      `state(${JSON.stringify(key)}): a real network's world state is read through chaincode; ` +
        'evaluate a function that reads it, or run this check on the mock only',
    );
  }

  with(options: ClientOptions): ChaincodeClient {
    const { as, ...rest } = options;
    const defined = Object.fromEntries(Object.entries(rest).filter(([, value]) => value !== undefined));
    return new FabricChaincodeClient(
      this.name,
      this.channel,
      this.fabricChannel,
      as ?? this.identity,
      { ...this.options, ...defined },
      this.context,
    );
  }

  async #endorse(fcn: string, args: Args, init: boolean): Promise<FabricEndorsed> {
    const proposal = await this.#proposal(fcn, args, init);
    let transaction: Transaction;
    try {
      transaction = await proposal.endorse();
    } catch (e) {
      throw fromGatewayError(e);
    }
    const action = endorsedAction(transaction.getBytes());
    return {
      ...output(action.payload),
      txId: action.txId,
      ...(action.event === undefined ? {} : { event: action.event }),
      fabricChannel: this.fabricChannel,
      transaction,
    };
  }

  async #proposal(fcn: string, args: Args, init: boolean): Promise<Proposal> {
    const registered = await this.context.registered(this.identity);
    const gateway = registered.connection.gateway;
    const { transient, endorsingOrganizations } = this.options;
    const unsigned = gateway
      .getNetwork(this.fabricChannel)
      .getContract(this.name)
      .newProposal(fcn, {
        arguments: [...args],
        transientData: Object.fromEntries(
          Object.entries(transient ?? {}).map(([key, value]) => [key, Buffer.from(value)]),
        ),
        ...(endorsingOrganizations === undefined ? {} : { endorsingOrganizations: [...endorsingOrganizations] }),
      });
    if (!init) return unsigned;
    // fabric-gateway has no Init: set `is_init` in the proposal and sign it again (the peer CLI's `--isInit`).
    const { bytes, proposalBytes } = withIsInit(unsigned.getBytes());
    const digest = createHash('sha256').update(proposalBytes).digest();
    return gateway.newSignedProposal(bytes, await registered.sign(digest));
  }
}

/** A payload with its decoders. */
export function output(result: Buffer): TransactionOutput {
  const text = result.toString('utf8');
  return { result, text, json: <T>(): T => JSON.parse(text) as T };
}
