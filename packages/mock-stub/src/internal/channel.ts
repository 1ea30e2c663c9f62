import type {
  Block,
  ChaincodeDefinition,
  ChaincodeEvent,
  ChaincodeResponse,
  CommittedChaincodeDefinition,
  CommittedTransaction,
  Endorsement,
  HistoryEntry,
  MockChannel,
  ProposalRequest,
  ValidationCode,
} from '../api';
import { CommitError, EndorseError, NoEndorsersError, invalidArgument } from '../errors';
import { MockIdentityImpl } from '../identity/identity';
import { ChannelLedger } from '../ledger/channel-ledger';
import { couchStoredValue } from '../query/couchdb-keys';
import { executeRichQuery } from '../query/rich-query';
import type { ChannelRuntime, ResolvedOptions } from './channel-runtime';
import type { Clock } from './clock';
import { applyTransaction, purgeExpired } from './committer';
import { Deployment } from './deployment';
import type { ChaincodeConnections } from './chaincode-server/chaincode-connections';
import { commitDefinition, committedSequence } from './lifecycle-state';
import { checkDeterministic } from './determinism';
import { gatewayRefuses, policyToText } from '@fabric-testkit/fabric-core';
import { collectByPlan, collectFromOrganizations, refusedBeforeEndorsing, type Collected } from '../gateway/collect';
import { chaincodeInterest } from '../gateway/interest';
import { endorsementLayouts } from '../gateway/layouts';
import { simulate, type Simulation } from './endorser';
import { INITIALIZED_KEY, type TransactionRun } from './execute';
import { buildProposal } from './proposal';
import type { KvResult, ResultsIterator } from './results-iterator';
import type { RwSetBuilder } from './rwset';
import type { TxSimulator } from './simulator';
import { committedKeyPolicy, validateTransaction, type BlockValidationState } from './validator';

interface EndorsementRecord {
  rwset: RwSetBuilder;
  channel: MockChannelImpl;
}

const endorsementRecords = new WeakMap<Endorsement, EndorsementRecord>();

function toBuffer(value: string | Uint8Array): Buffer {
  return typeof value === 'string' ? Buffer.from(value, 'utf8') : Buffer.from(value);
}

export class MockChannelImpl implements MockChannel, ChannelRuntime {
  readonly deployments = new Map<string, Deployment>();
  ledger = new ChannelLedger();
  readonly #blockListeners = new Set<(block: Block) => void>();

  constructor(
    readonly name: string,
    readonly organizations: readonly string[],
    readonly options: ResolvedOptions,
    private readonly clock: Clock,
    private readonly channels: ReadonlyMap<string, MockChannelImpl>,
    private readonly connections: ChaincodeConnections,
  ) {}

  channel(name: string): MockChannelImpl | undefined {
    return this.channels.get(name);
  }

  deploy(definition: ChaincodeDefinition): void {
    const deployment = new Deployment(definition, this.organizations, this.connections);
    commitDefinition(this.ledger, deployment.name);
    this.deployments.set(deployment.name, deployment);
  }

  richQuery(
    simulator: TxSimulator,
    namespace: string,
    collection: string,
    query: string,
    bookmark: string,
    pageSize: number,
    paginated: boolean,
  ): ResultsIterator<KvResult> {
    return executeRichQuery({
      stateDatabase: this.options.stateDatabase,
      indexes: this.deployments.get(namespace)?.indexes(collection) ?? [],
      simulator,
      namespace,
      collection,
      query,
      bookmark,
      pageSize,
      paginated,
    });
  }

  #checkRequest(request: ProposalRequest): { identity: MockIdentityImpl; endorsers: string[] | undefined } {
    if (!(request.identity instanceof MockIdentityImpl)) {
      throw invalidArgument('identity must be created by MockOrganization.createIdentity');
    }
    if (!this.organizations.includes(request.identity.mspId)) {
      throw invalidArgument(`organization [${request.identity.mspId}] is not a member of channel [${this.name}]`);
    }
    if (request.endorsingOrganizations === undefined) return { identity: request.identity, endorsers: undefined };
    const endorsers = [...request.endorsingOrganizations];
    for (const org of endorsers) {
      if (!this.organizations.includes(org)) {
        throw invalidArgument(`endorsing organization [${org}] is not a member of channel [${this.name}]`);
      }
    }
    if (endorsers.length === 0) throw invalidArgument('at least one endorsing organization is required');
    return { identity: request.identity, endorsers };
  }

  async endorse(request: ProposalRequest): Promise<Endorsement> {
    const { identity, endorsers } = this.#checkRequest(request);
    const timestamp = this.clock.next();
    const args = [request.fcn, ...(request.args ?? [])].map(toBuffer);
    const transient = new Map(Object.entries(request.transient ?? {}).map(([k, v]) => [k, toBuffer(v)]));
    const proposal = buildProposal({
      channel: this.name,
      chaincode: request.chaincode,
      args,
      identity,
      transient,
      isInit: request.isInit ?? false,
      timestamp,
      nonce: this.clock.nonce(),
    });
    const runOnce = (peerMspId: string): Promise<Simulation> => {
      const run: TransactionRun = {
        txId: proposal.txId,
        signedProposal: proposal.signedProposal,
        signature: proposal.signature,
        creator: { mspId: identity.mspId, role: identity.role },
        peerMspId,
        executing: new Set(),
      };
      return simulate(this, run, request.chaincode, proposal.input);
    };
    const collected =
      endorsers === undefined
        ? await collectByPlan(
            {
              local: identity.mspId,
              chaincode: request.chaincode,
              installed: (org) => this.#installed(request.chaincode, org),
              txId: proposal.txId,
              hasTransientData: transient.size > 0,
              interestOf: (simulation) =>
                chaincodeInterest(simulation.rwset, (ns, c, key) => committedKeyPolicy(this.ledger, ns, c, key)),
              layoutsFor: (calls, preferred) =>
                endorsementLayouts({
                  calls,
                  deployments: this.deployments,
                  organizations: this.organizations,
                  preferred,
                  channel: this.name,
                }),
            },
            runOnce,
          )
        : await this.#collectFromNamed(request.chaincode, endorsers, runOnce, proposal.txId);
    const { first, refusal } = collected;
    // The determinism check (no gateway counterpart) simulates again when one organization endorsed.
    if (this.options.determinismCheck && refusal === undefined && collected.organizations.length === 1) {
      checkDeterministic(proposal.txId, first, await runOnce(collected.organizations[0] ?? identity.mspId));
    }
    const event: ChaincodeEvent | undefined =
      first.event && refusal === undefined
        ? { chaincode: request.chaincode, txId: proposal.txId, name: first.event.name, payload: first.event.payload }
        : undefined;
    const endorsement: Endorsement = {
      txId: proposal.txId,
      channel: this.name,
      chaincode: request.chaincode,
      fcn: request.fcn,
      args: args.slice(1),
      identity,
      timestamp,
      endorsingOrganizations: collected.organizations,
      response: collected.refusedResponse ?? first.response,
      ...(collected.mismatch === undefined ? {} : { mismatch: collected.mismatch }),
      ...(refusal === undefined ? {} : { refusal }),
      ...(event ? { event } : {}),
      readWriteSet: first.readWriteSet,
    };
    endorsementRecords.set(endorsement, { rwset: first.rwset, channel: this });
    return endorsement;
  }

  /** Whether an organization's peers have the chaincode installed; an undefined chaincode fails on the peer itself. */
  #installed(chaincode: string, organization: string): boolean {
    return this.deployments.get(chaincode)?.installedOn.has(organization) ?? true;
  }

  /** `planForOrgs`: every named organization must have a peer with the chaincode (registry.go), then all endorse. */
  async #collectFromNamed(
    chaincode: string,
    organizations: readonly string[],
    runOnce: (org: string) => Promise<Simulation>,
    txId: string,
  ): Promise<Collected> {
    const missing = organizations.filter((org) => !this.#installed(chaincode, org));
    if (missing.length > 0) {
      return refusedBeforeEndorsing(
        'UNAVAILABLE',
        `failed to find any endorsing peers for org(s): ${missing.join(', ')}`,
      );
    }
    return collectFromOrganizations(organizations, runOnce, txId);
  }

  #recordOf(endorsement: Endorsement): EndorsementRecord {
    const record = endorsementRecords.get(endorsement);
    if (record?.channel !== this) {
      throw invalidArgument(`endorsement ${endorsement.txId} was not produced by channel [${this.name}]`);
    }
    if (gatewayRefuses(endorsement.response.status)) {
      throw new EndorseError(
        `endorsement ${endorsement.txId} failed with status ${endorsement.response.status}: ${endorsement.response.message}`,
        endorsement.txId,
        endorsement.response,
      );
    }
    return record;
  }

  commit(endorsements: readonly Endorsement[]): Promise<Block> {
    try {
      return Promise.resolve(this.#commitBlock(endorsements));
    } catch (err) {
      return Promise.reject(err instanceof Error ? err : new Error(String(err)));
    }
  }

  #commitBlock(endorsements: readonly Endorsement[]): Block {
    if (endorsements.length === 0) throw invalidArgument('nothing to commit: a block needs at least one endorsement');
    const records = endorsements.map((e) => this.#recordOf(e));
    const blockNum = this.ledger.height;
    const state: BlockValidationState = { parameterUpdated: new Set(), updated: new Set() };
    const seen = new Set<string>();
    const transactions = endorsements.map((endorsement, txNum): CommittedTransaction => {
      const record = records[txNum] as EndorsementRecord;
      let validationCode: ValidationCode;
      if (seen.has(endorsement.txId) || this.ledger.transactions.has(endorsement.txId)) {
        validationCode = 'DUPLICATE_TXID';
      } else {
        validationCode = validateTransaction(
          this.ledger,
          this.deployments,
          {
            invokedChaincode: endorsement.chaincode,
            rwset: record.rwset,
            endorsers: endorsement.endorsingOrganizations.map((mspId) => ({ mspId, role: 'peer' })),
          },
          state,
        );
      }
      seen.add(endorsement.txId);
      if (validationCode === 'VALID') {
        const info = {
          txId: endorsement.txId,
          timestamp: endorsement.timestamp,
          version: { blockNum, txNum },
          storeValue: this.options.stateDatabase === 'couchdb' ? couchStoredValue : (value: Buffer): Buffer => value,
        };
        applyTransaction(this.ledger, this.deployments, record.rwset, info);
      }
      return { txId: endorsement.txId, blockNumber: blockNum, txNumber: txNum, validationCode, endorsement };
    });
    purgeExpired(this.ledger, blockNum);
    const block: Block = { number: blockNum, transactions };
    this.ledger.blocks.push(block);
    for (const tx of transactions) {
      if (!this.ledger.transactions.has(tx.txId)) this.ledger.transactions.set(tx.txId, tx);
    }
    this.#announce(block);
    return block;
  }

  onBlock(listener: (block: Block) => void): () => void {
    this.#blockListeners.add(listener);
    return () => this.#blockListeners.delete(listener);
  }

  /**
   * Tells block listeners after the block is committed. A listener that throws must not undo or fail a commit
   * that already happened, so its error becomes a process warning instead.
   */
  #announce(block: Block): void {
    for (const listener of [...this.#blockListeners]) {
      try {
        listener(block);
      } catch (error) {
        process.emitWarning(error instanceof Error ? error : String(error), 'BlockListenerWarning');
      }
    }
  }

  async submit(request: ProposalRequest): Promise<CommittedTransaction> {
    const endorsement = await this.endorse(request);
    const block = await this.commit([endorsement]);
    const tx = block.transactions[0] as CommittedTransaction;
    if (tx.validationCode !== 'VALID') {
      throw new CommitError(
        `transaction ${tx.txId} failed to commit with status code ${tx.validationCode}`,
        tx.txId,
        tx.validationCode,
        tx,
      );
    }
    return tx;
  }

  async evaluate(request: ProposalRequest): Promise<ChaincodeResponse> {
    const { identity, endorsers } = this.#checkRequest(request);
    const endorsement = await this.endorse({
      ...request,
      endorsingOrganizations: [this.#evaluator(request.chaincode, identity.mspId, endorsers)],
    });
    return endorsement.response;
  }

  /**
   * `registry.go` evaluator: among the target organizations (default all), the gateway's own organization when its
   * peers have the chaincode, else another's (a real gateway takes the highest ledger; the mock's peers are all
   * current, so it takes the channel's order). G-06, G-08.
   */
  #evaluator(chaincode: string, local: string, targets: readonly string[] | undefined): string {
    if (!this.deployments.has(chaincode)) return targets?.[0] ?? local; // the peer itself reports "not found"
    const candidates = targets ?? this.organizations;
    const chosen =
      candidates.includes(local) && this.#installed(chaincode, local)
        ? local
        : candidates.find((org) => this.#installed(chaincode, org));
    if (chosen === undefined) {
      throw new NoEndorsersError(`no peers available to evaluate chaincode ${chaincode} in channel ${this.name}`);
    }
    return chosen;
  }

  getState(chaincode: string, key: string): Buffer | undefined {
    return this.ledger.state.get(chaincode)?.get(key)?.value;
  }

  getStateRange(chaincode: string, startKey = '', endKey = ''): { key: string; value: Buffer }[] {
    const store = this.ledger.state.get(chaincode);
    if (store === undefined) return [];
    const result: { key: string; value: Buffer }[] = [];
    for (const [key, value] of store.range(startKey, endKey)) {
      if (key !== INITIALIZED_KEY) result.push({ key, value: value.value });
    }
    return result;
  }

  getPrivateData(chaincode: string, collection: string, key: string): Buffer | undefined {
    return this.ledger.privateData.get(`${chaincode}\u0000${collection}`)?.get(key)?.value;
  }

  getPrivateDataHash(chaincode: string, collection: string, key: string): Buffer | undefined {
    return this.ledger.privateHashes.get(`${chaincode}\u0000${collection}`)?.get(key)?.value;
  }

  getKeyEndorsementPolicy(chaincode: string, key: string, collection = ''): string | undefined {
    const policy = committedKeyPolicy(this.ledger, chaincode, collection, key);
    return policy === undefined ? undefined : policyToText(policy);
  }

  getHistory(chaincode: string, key: string): HistoryEntry[] {
    return [...this.ledger.history.entries(chaincode, key)].map((r) => ({
      txId: r.txId,
      value: r.value,
      isDelete: r.isDelete,
      timestamp: r.timestamp,
    }));
  }

  get blocks(): readonly Block[] {
    return this.ledger.blocks;
  }

  get chaincodeDefinitions(): readonly CommittedChaincodeDefinition[] {
    return [...this.deployments.values()].map((deployment) => ({
      name: deployment.name,
      version: deployment.version,
      sequence: committedSequence(this.ledger, deployment.name),
      endorsementPolicy: policyToText(deployment.endorsementPolicy),
      collections: deployment.collectionConfigs,
      initRequired: deployment.initRequired,
    }));
  }

  getTransaction(txId: string): CommittedTransaction | undefined {
    return this.ledger.transactions.get(txId);
  }
}
