/**
 * The endorsing peer (`core/endorser/endorser.go`): simulate a proposal, turn failures into a status 500 response
 * with the peer's wording, drop writes and event when the status is >= 400 (S-03), and run chaincode-to-chaincode
 * calls on the caller's simulator (same channel) or a throw-away one (another channel, S-70).
 */
import type { peer } from '@hyperledger/fabric-protos';
import type { ChaincodeResponse, ReadWriteSet } from '../api';
import type { HistoryRecord } from '../ledger/history';
import type { ChannelRuntime } from './channel-runtime';
import { creatorPermissions } from './collections';
import { executeChaincode, type ExecutionResult, type TransactionRun } from './execute';
import type { CollectionAccess, ExecutionContext, KvResultsFactory } from './handler';
import type { HistoryResult } from './results-iterator';
import { chaincodeInput } from './proposal';
import type { RwSetBuilder } from './rwset';
import { readDefinition, readSequence } from './lifecycle-state';
import { TxSimulator } from './simulator';

export interface Simulation {
  response: ChaincodeResponse;
  /** True when the peer made the error response itself, not the chaincode (the gateway words the two apart). */
  generatedByPeer?: boolean;
  event?: { name: string; payload: Buffer };
  rwset: RwSetBuilder;
  readWriteSet: ReadWriteSet;
}

function simulatorFor(runtime: ChannelRuntime, txId: string, peerMspId: string): TxSimulator {
  return new TxSimulator(runtime.ledger, txId, {
    stateDatabase: runtime.options.stateDatabase,
    collectionExists: (ns, collection) => runtime.deployments.get(ns)?.collection(collection) !== undefined,
    peerHoldsCollection: (ns, collection) =>
      runtime.deployments.get(ns)?.collection(collection)?.memberOrgs.has(peerMspId) ?? false,
  });
}

function historyOf(runtime: ChannelRuntime, ns: string, key: string): HistoryResult[] {
  const records: HistoryRecord[] = [...runtime.ledger.history.entries(ns, key)];
  return records.map((r) => ({ txId: r.txId, value: r.value, isDelete: r.isDelete, timestamp: r.timestamp }));
}

function contextFor(
  runtime: ChannelRuntime,
  run: TransactionRun,
  simulator: TxSimulator,
  namespace: string,
): Omit<ExecutionContext, 'namespace' | 'isInit'> {
  const executeQuery: KvResultsFactory = (collection, query, bookmark, pageSize, paginated) =>
    runtime.richQuery(simulator, namespace, collection, query, bookmark, pageSize, paginated);
  return {
    channel: runtime.name,
    txId: run.txId,
    simulator,
    totalQueryLimit: runtime.options.totalQueryLimit,
    historyEnabled: runtime.options.historyDatabase,
    purgeEnabled: runtime.options.applicationCapability === 'V2_5',
    collectionAccess: (collection): CollectionAccess => {
      readDefinition(simulator, namespace);
      const resolved = runtime.deployments.get(namespace)?.collection(collection);
      if (resolved === undefined) return { exists: false, read: false, write: false };
      return { exists: true, ...creatorPermissions(resolved, run.creator) };
    },
    history: (key) => historyOf(runtime, namespace, key),
    executeQuery,
    invokeChaincode: (target, args) => invokeChaincode(runtime, run, simulator, target, args),
  };
}

/** Runs `chaincode` on `runtime` within `run`, with its own namespace's context. */
export function runOn(
  runtime: ChannelRuntime,
  run: TransactionRun,
  simulator: TxSimulator,
  chaincode: string,
  input: peer.ChaincodeInput,
): Promise<ExecutionResult> {
  const deployment = runtime.deployments.get(chaincode);
  if (deployment === undefined) {
    // CheckInvocation looks the name up in _lifecycle, then in the legacy lscc namespace, both through the
    // simulator (lifecycle/endorsement_info.go, chaincode_support.go), so both reads land in the read set.
    readSequence(simulator, chaincode);
    simulator.getState('lscc', chaincode);
    return Promise.reject(
      new Error(
        `invalid invocation: [channel ${runtime.name}] failed to get chaincode container info for ${chaincode}: chaincode ${chaincode} not found`,
      ),
    );
  }
  const context = contextFor(runtime, run, simulator, chaincode);
  return executeChaincode(context, run, deployment, input);
}

/**
 * The Peer/ChaincodeToChaincode ACL on the target channel: its `/Channel/Application/Writers` policy, ANY of the
 * member organizations' Writers (an admin or a client of the org). On the proposal's own channel the creator
 * already passed the same policy to propose. Found by the differential run.
 */
function checkChaincodeToChaincodeAcl(target: ChannelRuntime, run: TransactionRun): void {
  const { mspId, role } = run.creator;
  if (target.organizations.includes(mspId) && (role === 'admin' || role === 'client')) return;
  throw new Error(
    `Failed evaluating policy on signed data during check policy on channel [${target.name}] with policy ` +
      "[/Channel/Application/Writers]: [implicit policy evaluation failed - 0 sub-policies were satisfied, but this policy requires 1 of the 'Writers' sub-policies to be satisfied]",
  );
}

/** `handler.go` HandleInvokeChaincode: `name` or `name/channel`; the callee's event is ignored (S-40). */
async function invokeChaincode(
  runtime: ChannelRuntime,
  run: TransactionRun,
  simulator: TxSimulator,
  target: string,
  args: Buffer[],
): Promise<ChaincodeResponse> {
  const slash = target.indexOf('/');
  const name = slash < 0 ? target : target.slice(0, slash);
  const channelName = slash < 0 || target.slice(slash + 1) === '' ? runtime.name : target.slice(slash + 1);
  let targetRuntime = runtime;
  let targetSimulator = simulator;
  if (channelName !== runtime.name) {
    const other = runtime.channel(channelName);
    // handler.go checks the Peer/ChaincodeToChaincode ACL on the target channel before looking for its ledger.
    if (other === undefined) throw new Error(`Failed to get policy manager for channel [${channelName}]`);
    checkChaincodeToChaincodeAcl(other, run);
    targetRuntime = other;
    // A fresh simulator whose results are never used: writes on another channel are discarded.
    targetSimulator = simulatorFor(other, run.txId, run.peerMspId);
  }
  try {
    const result = await runOn(targetRuntime, run, targetSimulator, name, chaincodeInput(args, false));
    return result.response;
  } catch (err) {
    throw new Error(`execute failed: ${err instanceof Error ? err.message : String(err)}`);
  }
}

/** One endorsing peer's simulation of the proposal. */
export async function simulate(
  runtime: ChannelRuntime,
  run: TransactionRun,
  chaincode: string,
  input: peer.ChaincodeInput,
): Promise<Simulation> {
  const simulator = simulatorFor(runtime, run.txId, run.peerMspId);
  let result: ExecutionResult;
  if (!runtime.deployments.has(chaincode)) {
    const message = `make sure the chaincode ${chaincode} has been successfully defined on channel ${runtime.name} and try again: chaincode ${chaincode} not found`;
    result = { response: { status: 500, message, payload: Buffer.alloc(0) }, generatedByPeer: true };
  } else {
    try {
      result = await runOn(runtime, run, simulator, chaincode, input);
    } catch (err) {
      const text = err instanceof Error ? err.message : String(err);
      const message = `error in simulation: failed to execute transaction ${run.txId}: ${text}`;
      result = { response: { status: 500, message, payload: Buffer.alloc(0) }, generatedByPeer: true };
    }
  }
  if (result.response.status < 400) result = checkDissemination(runtime, run, simulator.rwset) ?? result;
  if (result.response.status >= 400) {
    simulator.rwset.discardWrites();
    delete result.event;
  }
  return { ...result, rwset: simulator.rwset, readWriteSet: simulator.rwset.toReadWriteSet() };
}

/**
 * The endorsing peer must reach `requiredPeerCount` other member peers for each collection it wrote
 * (`gossip/privdata/distributor.go`). The mock runs one peer per organization. S-55.
 */
function checkDissemination(
  runtime: ChannelRuntime,
  run: TransactionRun,
  rwset: RwSetBuilder,
): ExecutionResult | undefined {
  for (const [ns, rw] of rwset.namespaces) {
    for (const [name, c] of rw.collections) {
      if (c.writes.size === 0 && c.metadataWrites.size === 0) continue;
      const collection = runtime.deployments.get(ns)?.collection(name);
      const required = collection?.requiredPeerCount ?? 0;
      const eligible = runtime.organizations.filter(
        (org) => org !== run.peerMspId && collection?.memberOrgs.has(org),
      ).length;
      if (required > eligible) {
        const message = `error in simulation: could not build private data dissemination plan for chaincode ${ns} and collection ${name}: required to disseminate to at least ${required} peers, but know of only ${eligible} eligible peers`;
        return { response: { status: 500, message, payload: Buffer.alloc(0) }, generatedByPeer: true };
      }
    }
  }
  return undefined;
}
