/**
 * Runs one chaincode within a transaction, as `core/chaincode/chaincode_support.go` (CheckInvocation, Execute)
 * and fabric-shim's `handler.js` handleMessage do: the `isInit` rules, fabric-shim's own `ChaincodeStub` over
 * {@link PeerHandler}, and the response checks ("has not called success or error").
 */
import { peer } from '@hyperledger/fabric-protos';
import type { ChaincodeInterface, ChaincodeStub as ShimStub } from 'fabric-shim-api';
import ChaincodeStub from 'fabric-shim/lib/stub';
import type { ChaincodeResponse } from '../api';
import type { Deployment } from './deployment';
import { readSequence } from './lifecycle-state';
import type { ExecutionContext } from './handler';
import { PeerHandler } from './handler';
import { executeRemote } from './chaincode-server/remote-execution';
import type { TxSimulator } from './simulator';
import { wireBytes } from './wire';

/** `chaincode_support.go` InitializedKeyName: where the peer records that Init ran for a version. */
export const INITIALIZED_KEY = '\u0000\u{10FFFF}initialized';

export type { ExecutionResult, TransactionRun } from './transaction-run';
import type { ExecutionResult, TransactionRun } from './transaction-run';

/** `chaincode_support.go` CheckInvocation: the `--init-required` rules. */
export function checkInvocation(deployment: Deployment, simulator: TxSimulator, isInit: boolean): void {
  const name = deployment.name;
  let needsInitialization = false;
  if (deployment.initRequired) {
    const value = simulator.getState(name, INITIALIZED_KEY);
    needsInitialization = value === undefined || value.toString() !== deployment.version;
  }
  if (isInit) {
    if (!deployment.initRequired)
      throw new Error(`chaincode '${name}' does not require initialization but called as init`);
    if (!needsInitialization) throw new Error(`chaincode '${name}' is already initialized but called as init`);
    simulator.setState(name, INITIALIZED_KEY, Buffer.from(deployment.version));
    return;
  }
  if (needsInitialization) {
    throw new Error(`chaincode '${name}' has not been initialized for this version, must call as init first`);
  }
}

function shortTxId(txId: string): string {
  return txId.substring(0, 8);
}

function messageText(message: unknown): string {
  if (typeof message === 'string') return message;
  if (typeof message === 'number' || typeof message === 'boolean') return String(message);
  return '';
}

/** fabric-shim `handler.js` handleMessage: a missing or status-less response becomes a 500. */
export function normalizeResponse(raw: unknown, channel: string, txId: string, method: string): ChaincodeResponse {
  const response = raw as { status?: unknown; message?: unknown; payload?: unknown } | undefined | null;
  if (!response?.status) {
    return {
      status: 500,
      message: `[${channel}-${shortTxId(txId)}] Calling chaincode ${method}() has not called success or error.`,
      payload: Buffer.alloc(0),
    };
  }
  return {
    status: Number(response.status),
    message: messageText(response.message),
    payload: wireBytes(response.payload),
  };
}

export async function executeChaincode(
  context: Omit<ExecutionContext, 'namespace' | 'isInit'>,
  run: TransactionRun,
  deployment: Deployment,
  input: peer.ChaincodeInput,
): Promise<ExecutionResult> {
  const entry = `${context.channel}/${deployment.name}`;
  const isInit = input.getIsInit();
  // chaincode_support.go Invoke: CheckInvocation's refusal is "invalid invocation"; only then does execute
  // create the transaction context, whose clash is wrapped as "error sending" (transaction_contexts.go Create).
  readSequence(context.simulator, deployment.name);
  try {
    checkInvocation(deployment, context.simulator, isInit);
  } catch (err) {
    throw new Error(`invalid invocation: ${err instanceof Error ? err.message : String(err)}`);
  }
  if (run.executing.has(entry)) throw new Error(`error sending: txid: ${run.txId}(${context.channel}) exists`);
  run.executing.add(entry);
  try {
    const handler = new PeerHandler({ ...context, namespace: deployment.name, isInit });
    if (deployment.server !== undefined) return await executeRemote(deployment.server, handler, run, input);
    const chaincode = deployment.chaincode as ChaincodeInterface;
    const stub = new ChaincodeStub(handler, context.channel, run.txId, input, run.signedProposal);
    // Each mock peer has its MSP id; the real shim reads CORE_PEER_LOCALMSPID of its own process (S-06).
    stub.getMspID = (): string => run.peerMspId;
    // The decoded proposal's signature is the real one, signed on first read.
    Object.defineProperty(stub.getSignedProposal(), 'signature', { get: run.signature, enumerable: true });
    const method = isInit ? 'Init' : 'Invoke';
    const raw = await callChaincode(chaincode, stub, isInit);
    const response = normalizeResponse(raw, context.channel, run.txId, method);
    const event = stub.chaincodeEvent;
    return {
      response,
      ...(event ? { event: { name: event.getEventName(), payload: wireBytes(event.getPayload()) } } : {}),
    };
  } finally {
    run.executing.delete(entry);
  }
}

/**
 * A chaincode that throws (rather than returning `shim.error`) leaves the real shim with an unhandled rejection and
 * the peer waiting until its execute timeout. The mock reports it at once as status 500 with the error's message.
 */
async function callChaincode(chaincode: ChaincodeInterface, stub: ShimStub, isInit: boolean): Promise<unknown> {
  try {
    return isInit ? await chaincode.Init(stub) : await chaincode.Invoke(stub);
  } catch (err) {
    return { status: 500, message: err instanceof Error ? err.message : String(err) };
  }
}
