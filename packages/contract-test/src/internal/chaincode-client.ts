/** The gateway-like client of one chaincode. Internal: users get it from `network.chaincode()`. */
import {
  gatewayRefuses,
  type Endorsement,
  type NoEndorsersError,
  type MockChannel,
  type MockIdentity,
  type ProposalRequest,
} from '@fabric-testkit/mock-stub';
import type {
  ChaincodeClient,
  ClientOptions,
  EndorsedTransaction,
  TransactionOutput,
  TransactionResult,
} from '../types';
import { CommitError } from '../errors';
import { newEndorseError, newEvaluateError, newNoEndorsersError } from './error-builders';
import { toEndorsed, toOutput, toResult } from './results';

type Args = readonly (string | Uint8Array)[];

/** Orders endorsements into one block and reports each transaction; shared by clients and `network.block()`. */
export async function commitBlock(
  channel: MockChannel,
  endorsements: readonly Endorsement[],
): Promise<TransactionResult[]> {
  const block = await channel.commit(endorsements);
  return block.transactions.map(toResult);
}

/** Endorses on `channel`; an endorsement a gateway refuses rejects with `EndorseError`, worded as the gateway's. */
export async function endorseOrThrow(channel: MockChannel, request: ProposalRequest): Promise<Endorsement> {
  const endorsement = await channel.endorse(request);
  if (endorsement.refusal !== undefined) throw newEndorseError(endorsement, endorsement.refusal);
  return endorsement;
}

/** Commits one endorsement; an invalid transaction rejects with `CommitError` as a gateway submit does. */
export async function commitOrThrow(channel: MockChannel, endorsement: Endorsement): Promise<TransactionResult> {
  const [result] = await commitBlock(channel, [endorsement]);
  if (result === undefined) throw new Error(`transaction ${endorsement.txId} is missing from its block`);
  if (result.validationCode !== 'VALID') {
    throw new CommitError({
      validationCode: result.validationCode,
      transactionId: result.txId,
      blockNumber: result.blockNumber,
    });
  }
  return result;
}

export class ChaincodeClientImpl implements ChaincodeClient {
  readonly identity: MockIdentity;

  constructor(
    private readonly mockChannel: MockChannel,
    readonly name: string,
    private readonly options: ClientOptions & { as: MockIdentity },
  ) {
    this.identity = options.as;
  }

  get channel(): string {
    return this.mockChannel.name;
  }

  async submit(fcn: string, ...args: Args): Promise<TransactionResult> {
    return commitOrThrow(this.mockChannel, await endorseOrThrow(this.mockChannel, this.request(fcn, args)));
  }

  async init(fcn: string, ...args: Args): Promise<TransactionResult> {
    const request = { ...this.request(fcn, args), isInit: true };
    return commitOrThrow(this.mockChannel, await endorseOrThrow(this.mockChannel, request));
  }

  async evaluate(fcn: string, ...args: Args): Promise<TransactionOutput> {
    // The mock's gateway picks one peer, preferring the client's organization among the endorsing organizations
    // given (fabric-gateway's evaluate targets), as evaluate.go and registry.go evaluator do (G-06, G-08).
    const request = this.request(fcn, args);
    const response = await this.mockChannel.evaluate(request).catch((error: unknown) => {
      throw error instanceof Error && error.name === 'NoEndorsersError'
        ? newNoEndorsersError(error as NoEndorsersError)
        : error;
    });
    if (gatewayRefuses(response.status)) throw newEvaluateError(response, [this.evaluatedBy(request)]);
    return toOutput(response);
  }

  /** The organization the mock's gateway evaluated on (for the error detail). */
  private evaluatedBy(request: ProposalRequest): string {
    const targets = request.endorsingOrganizations;
    return targets === undefined || targets.includes(this.identity.mspId) ? this.identity.mspId : (targets[0] ?? '');
  }

  async endorse(fcn: string, ...args: Args): Promise<EndorsedTransaction> {
    return toEndorsed(await endorseOrThrow(this.mockChannel, this.request(fcn, args)));
  }

  state(key: string): Buffer | undefined {
    return this.mockChannel.getState(this.name, key);
  }

  with(options: ClientOptions): ChaincodeClient {
    return new ChaincodeClientImpl(this.mockChannel, this.name, { ...this.options, ...definedOnly(options) });
  }

  /**
   * The proposal. Without `endorsingOrganizations` the mock's gateway plans the endorsement as a Fabric Gateway
   * does (G-01): the client's organization first, then the fewest organizations the policies need.
   */
  request(fcn: string, args: Args): ProposalRequest {
    const { as: identity, transient, endorsingOrganizations } = this.options;
    return {
      chaincode: this.name,
      fcn,
      args,
      identity,
      ...(transient === undefined ? {} : { transient }),
      ...(endorsingOrganizations === undefined ? {} : { endorsingOrganizations }),
    };
  }
}

function definedOnly(options: ClientOptions): ClientOptions {
  return Object.fromEntries(Object.entries(options).filter(([, value]) => value !== undefined));
}
