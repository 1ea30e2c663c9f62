import { Shim } from 'fabric-shim';
import type { ChaincodeInterface, ChaincodeResponse, ChaincodeStub } from 'fabric-shim-api';
import {
  checkOperation,
  ProbeThrow,
  runOperation,
  type ExecState,
  type Operation,
  type OperationResult,
} from './operations';

/**
 * A raw chaincode (fabric-shim `ChaincodeInterface`) that exposes the stub, so a scenario can exercise any Fabric
 * rule without writing chaincode.
 *
 * `Exec(opsJson)` takes a JSON array of operations (see {@link OPERATION_NAMES}) and runs them in order; the
 * payload is a JSON array with one `{op, result}` or `{op, error}` per operation. The `status` operation chooses
 * the response status and message; the `throw` operation ends the transaction with status 500 and its message
 * (what a thrown error becomes in fabric-contract-api), and later operations do not run. `Init` accepts `Exec` too,
 * and otherwise succeeds with an empty payload.
 *
 * It is a raw chaincode rather than a contract because only a raw chaincode can answer with any status.
 *
 * @example
 * ```ts
 * await channel.submit({ chaincode: 'probe', fcn: 'Exec', args: [JSON.stringify([
 *   { op: 'putState', key: 'k1', value: 'v1' },
 *   { op: 'getState', key: 'k1' },               // {"op":"getState","result":""}: no read-your-writes (S-01)
 * ])], identity });
 * ```
 */
export class ProbeChaincode implements ChaincodeInterface {
  async Init(stub: ChaincodeStub): Promise<ChaincodeResponse> {
    const { fcn } = stub.getFunctionAndParameters();
    if (fcn === '') return Shim.success();
    return this.Invoke(stub);
  }

  async Invoke(stub: ChaincodeStub): Promise<ChaincodeResponse> {
    const { fcn, params } = stub.getFunctionAndParameters();
    if (fcn !== 'Exec') {
      return Shim.error(`probe: unknown function ${JSON.stringify(fcn)}; the probe has one function, Exec(opsJson)`);
    }
    const parsed = parseOperations(params);
    if (typeof parsed === 'string') return Shim.error(`probe: ${parsed}`);
    const state: ExecState = {};
    const results: OperationResult[] = [];
    try {
      for (const op of parsed) results.push(await runOperation(stub, op, state));
    } catch (error) {
      if (error instanceof ProbeThrow) return Shim.error(error.message);
      throw error;
    }
    const payload = Buffer.from(JSON.stringify(results), 'utf8');
    if (state.response === undefined) return Shim.success(payload);
    return {
      status: state.response.status,
      message: state.response.message,
      payload: state.response.payload ?? payload,
    };
  }
}

/** The checked operations of `Exec`'s arguments, or what is wrong with them. */
export function parseOperations(params: readonly string[]): Operation[] | string {
  if (params.length !== 1 || params[0] === undefined) {
    return `Exec takes one argument, a JSON array of operations; got ${params.length} arguments`;
  }
  let ops: unknown;
  try {
    ops = JSON.parse(params[0]);
  } catch (error) {
    return `Exec argument is not JSON: ${error instanceof Error ? error.message : String(error)}`;
  }
  if (!Array.isArray(ops)) return 'Exec argument must be a JSON array of operations';
  for (const [index, op] of ops.entries()) {
    const problem = checkOperation(op);
    if (problem !== undefined) return `operation ${index}: ${problem}`;
  }
  return ops as Operation[];
}
