/**
 * The stub operations the probe can run: each entry names its fields (with their types) and what it does.
 * Results are deterministic: bytes as text or base64 (see `encoding.ts`), iterators drained to arrays, no
 * timestamps or transaction ids unless the operation asks for them.
 */
import { ClientIdentity, KeyEndorsementPolicy } from 'fabric-shim';
import type { ChaincodeStub, Iterators } from 'fabric-shim-api';
import { decodeValue, encodeBytes, isValueInput, type EncodedBytes, type ValueInput } from './encoding';

/** Field types of an operation; a trailing `?` makes the field optional. */
type FieldType = 'string' | 'strings' | 'number' | 'boolean' | 'value' | 'query' | 'integer';
type FieldSpec = FieldType | `${FieldType}?`;

/** One operation as given in the `Exec` argument: `{ "op": "getState", "key": "k1" }`. */
export interface Operation {
  readonly op: string;
  readonly [field: string]: unknown;
}

/** What the probe answers for one operation, in order. */
export type OperationResult = { op: string; result: unknown } | { op: string; error: string };

/** A response the `status` operation asks for, instead of status 200. */
export interface ChosenResponse {
  status: number;
  message: string;
  payload?: Buffer;
}

/** State an `Exec` call carries from one operation to the next. */
export interface ExecState {
  response?: ChosenResponse;
}

/** Raised by the `throw` operation: ends the transaction with status 500 and this message. */
export class ProbeThrow extends Error {
  override name = 'ProbeThrow';
}

type Run = (stub: ChaincodeStub, op: Operation, state: ExecState) => unknown;

interface OperationDefinition {
  readonly fields: Readonly<Record<string, FieldSpec>>;
  readonly run: Run;
}

const str = (op: Operation, field: string): string => op[field] as string;
const strs = (op: Operation, field: string): string[] => op[field] as string[];
const num = (op: Operation, field: string): number => op[field] as number;
const value = (op: Operation, field: string): Buffer => decodeValue(op[field] as ValueInput);
const query = (op: Operation): string => {
  const q = op['query'];
  return typeof q === 'string' ? q : JSON.stringify(q);
};

interface KeyValue {
  key: string;
  value: EncodedBytes;
}

async function drain<T>(iterator: Iterators.CommonIterator<T>, limit?: number): Promise<T[]> {
  const items: T[] = [];
  try {
    while (limit === undefined || items.length < limit) {
      const next = await iterator.next();
      if (next.done) break;
      items.push(next.value);
    }
  } finally {
    await iterator.close();
  }
  return items;
}

async function keyValues(iterator: Iterators.StateQueryIterator, limit?: number): Promise<KeyValue[]> {
  return (await drain(iterator, limit)).map((kv) => ({ key: kv.key, value: encodeBytes(kv.value) }));
}

async function page(
  response: Promise<{
    iterator: Iterators.StateQueryIterator;
    metadata: { fetchedRecordsCount: number; bookmark: string };
  }>,
): Promise<{ results: KeyValue[]; metadata: { fetchedRecordsCount: number; bookmark: string } }> {
  const { iterator, metadata } = await response;
  const results = await keyValues(iterator);
  return { results, metadata: { fetchedRecordsCount: metadata.fetchedRecordsCount, bookmark: metadata.bookmark } };
}

/**
 * Private-data queries resolve to `{ iterator }` in fabric-shim 2.5 rather than to the iterator its types declare
 * (S-16). The probe reports which shape it got, so a scenario can show the quirk.
 */
async function privateQuery(
  response: Promise<unknown>,
): Promise<{ resolvedTo: 'iterator' | '{iterator}'; results: KeyValue[] }> {
  const resolved = (await response) as Iterators.StateQueryIterator | { iterator: Iterators.StateQueryIterator };
  if ('iterator' in resolved) return { resolvedTo: '{iterator}', results: await keyValues(resolved.iterator) };
  return { resolvedTo: 'iterator', results: await keyValues(resolved) };
}

/** fabric-shim answers `undefined` for a key without metadata, and the peer empty bytes for a missing key. */
function policyOrgs(bytes: Uint8Array | undefined): string[] | null {
  if (bytes === undefined || bytes.length === 0) return null;
  return new KeyEndorsementPolicy(bytes).listOrgs().sort();
}

function policyBytes(op: Operation): Uint8Array {
  const policy = new KeyEndorsementPolicy();
  const orgs = strs(op, 'orgs');
  if (orgs.length > 0) policy.addOrgs(op['role'] === 'PEER' ? 'PEER' : 'MEMBER', ...orgs);
  return policy.getPolicy();
}

function hex(bytes: Uint8Array): string {
  return Buffer.from(bytes).toString('hex');
}

function zeroPad(index: number, width: number): string {
  return String(index).padStart(width, '0');
}

const worldState: Record<string, OperationDefinition> = {
  getState: { fields: { key: 'string' }, run: async (stub, op) => encodeBytes(await stub.getState(str(op, 'key'))) },
  putState: {
    fields: { key: 'string', value: 'value' },
    run: async (stub, op) => {
      await stub.putState(str(op, 'key'), value(op, 'value'));
      return null;
    },
  },
  deleteState: {
    fields: { key: 'string' },
    run: async (stub, op) => {
      await stub.deleteState(str(op, 'key'));
      return null;
    },
  },
  putStates: {
    fields: { prefix: 'string', count: 'integer', value: 'value?' },
    run: async (stub, op) => {
      const count = num(op, 'count');
      const width = String(Math.max(count - 1, 0)).length;
      for (let index = 0; index < count; index += 1) {
        const key = `${str(op, 'prefix')}${zeroPad(index, width)}`;
        await stub.putState(key, op['value'] === undefined ? Buffer.from(key) : value(op, 'value'));
      }
      return null;
    },
  },
  getStateByRange: {
    fields: { startKey: 'string', endKey: 'string', limit: 'integer?' },
    run: async (stub, op) =>
      keyValues(await stub.getStateByRange(str(op, 'startKey'), str(op, 'endKey')), op['limit'] as number | undefined),
  },
  getStateByRangeWithPagination: {
    fields: { startKey: 'string', endKey: 'string', pageSize: 'integer', bookmark: 'string?' },
    run: (stub, op) =>
      page(
        stub.getStateByRangeWithPagination(
          str(op, 'startKey'),
          str(op, 'endKey'),
          num(op, 'pageSize'),
          op['bookmark'] as string | undefined,
        ),
      ),
  },
  getStateByPartialCompositeKey: {
    fields: { objectType: 'string', attributes: 'strings', limit: 'integer?' },
    run: async (stub, op) =>
      keyValues(
        await stub.getStateByPartialCompositeKey(str(op, 'objectType'), strs(op, 'attributes')),
        op['limit'] as number | undefined,
      ),
  },
  getStateByPartialCompositeKeyWithPagination: {
    fields: { objectType: 'string', attributes: 'strings', pageSize: 'integer', bookmark: 'string?' },
    run: (stub, op) =>
      page(
        stub.getStateByPartialCompositeKeyWithPagination(
          str(op, 'objectType'),
          strs(op, 'attributes'),
          num(op, 'pageSize'),
          op['bookmark'] as string | undefined,
        ),
      ),
  },
  getQueryResult: {
    fields: { query: 'query' },
    run: async (stub, op) => keyValues(await stub.getQueryResult(query(op))),
  },
  getQueryResultWithPagination: {
    fields: { query: 'query', pageSize: 'integer', bookmark: 'string?' },
    run: (stub, op) =>
      page(stub.getQueryResultWithPagination(query(op), num(op, 'pageSize'), op['bookmark'] as string | undefined)),
  },
  getHistoryForKey: {
    fields: { key: 'string', timestamps: 'boolean?', txIds: 'boolean?' },
    run: async (stub, op) =>
      (await drain(await stub.getHistoryForKey(str(op, 'key')))).map((entry) => ({
        ...(op['txIds'] === true ? { txId: entry.txId } : {}),
        value: encodeBytes(entry.value),
        isDelete: entry.isDelete,
        ...(op['timestamps'] === true
          ? { timestamp: { seconds: String(entry.timestamp.seconds), nanos: entry.timestamp.nanos } }
          : {}),
      })),
  },
  createCompositeKey: {
    fields: { objectType: 'string', attributes: 'strings' },
    run: (stub, op) => stub.createCompositeKey(str(op, 'objectType'), strs(op, 'attributes')),
  },
  splitCompositeKey: { fields: { key: 'string' }, run: (stub, op) => stub.splitCompositeKey(str(op, 'key')) },
  getStateValidationParameter: {
    fields: { key: 'string' },
    run: async (stub, op) => policyOrgs(await stub.getStateValidationParameter(str(op, 'key'))),
  },
  setStateValidationParameter: {
    fields: { key: 'string', orgs: 'strings', role: 'string?' },
    run: async (stub, op) => {
      await stub.setStateValidationParameter(str(op, 'key'), policyBytes(op));
      return null;
    },
  },
};

const privateData: Record<string, OperationDefinition> = {
  getPrivateData: {
    fields: { collection: 'string', key: 'string' },
    run: async (stub, op) => encodeBytes(await stub.getPrivateData(str(op, 'collection'), str(op, 'key'))),
  },
  getPrivateDataHash: {
    fields: { collection: 'string', key: 'string' },
    run: async (stub, op) => hex(await stub.getPrivateDataHash(str(op, 'collection'), str(op, 'key'))),
  },
  putPrivateData: {
    fields: { collection: 'string', key: 'string', value: 'value' },
    run: async (stub, op) => {
      await stub.putPrivateData(str(op, 'collection'), str(op, 'key'), value(op, 'value'));
      return null;
    },
  },
  deletePrivateData: {
    fields: { collection: 'string', key: 'string' },
    run: async (stub, op) => {
      await stub.deletePrivateData(str(op, 'collection'), str(op, 'key'));
      return null;
    },
  },
  purgePrivateData: {
    fields: { collection: 'string', key: 'string' },
    run: async (stub, op) => {
      await stub.purgePrivateData(str(op, 'collection'), str(op, 'key'));
      return null;
    },
  },
  getPrivateDataByRange: {
    fields: { collection: 'string', startKey: 'string', endKey: 'string' },
    run: (stub, op) =>
      privateQuery(stub.getPrivateDataByRange(str(op, 'collection'), str(op, 'startKey'), str(op, 'endKey'))),
  },
  getPrivateDataByPartialCompositeKey: {
    fields: { collection: 'string', objectType: 'string', attributes: 'strings' },
    run: (stub, op) =>
      privateQuery(
        stub.getPrivateDataByPartialCompositeKey(str(op, 'collection'), str(op, 'objectType'), strs(op, 'attributes')),
      ),
  },
  getPrivateDataQueryResult: {
    fields: { collection: 'string', query: 'query' },
    run: (stub, op) => privateQuery(stub.getPrivateDataQueryResult(str(op, 'collection'), query(op))),
  },
  getPrivateDataValidationParameter: {
    fields: { collection: 'string', key: 'string' },
    run: async (stub, op) =>
      policyOrgs(await stub.getPrivateDataValidationParameter(str(op, 'collection'), str(op, 'key'))),
  },
  setPrivateDataValidationParameter: {
    fields: { collection: 'string', key: 'string', orgs: 'strings', role: 'string?' },
    run: async (stub, op) => {
      await stub.setPrivateDataValidationParameter(str(op, 'collection'), str(op, 'key'), policyBytes(op));
      return null;
    },
  },
  getTransient: {
    fields: { key: 'string?' },
    run: (stub, op) => {
      const transient = stub.getTransient();
      if (typeof op['key'] === 'string') {
        const bytes = transient.get(op['key']);
        return bytes === undefined ? null : encodeBytes(bytes);
      }
      return Object.fromEntries(
        [...transient.keys()].sort().map((key) => [key, encodeBytes(transient.get(key) ?? Buffer.alloc(0))]),
      );
    },
  },
};

const transaction: Record<string, OperationDefinition> = {
  setEvent: {
    fields: { name: 'string', payload: 'value?' },
    run: (stub, op) => {
      stub.setEvent(str(op, 'name'), op['payload'] === undefined ? Buffer.alloc(0) : value(op, 'payload'));
      return null;
    },
  },
  invokeChaincode: {
    fields: { chaincode: 'string', args: 'strings', channel: 'string?' },
    run: async (stub, op) => {
      const response = await stub.invokeChaincode(
        str(op, 'chaincode'),
        strs(op, 'args'),
        (op['channel'] as string | undefined) ?? '',
      );
      return {
        status: response.status,
        message: response.message ?? '',
        payload: encodeBytes(response.payload ?? Buffer.alloc(0)),
      };
    },
  },
  getTxID: { fields: {}, run: (stub) => stub.getTxID() },
  getChannelID: { fields: {}, run: (stub) => stub.getChannelID() },
  getMspID: { fields: {}, run: (stub) => stub.getMspID() },
  /** Writes the endorsing peer's MSP ID: a transaction whose writes depend on the peer organization (G-01). */
  putPeerMspID: {
    fields: { key: 'string' },
    run: async (stub, op) => {
      await stub.putState(str(op, 'key'), Buffer.from(stub.getMspID()));
      return null;
    },
  },
  /** Throws `message` on the peers of organization `mspId` only: one endorser fails (G-04). */
  throwOnPeer: {
    fields: { mspId: 'string', message: 'string' },
    run: (stub, op) => {
      if (stub.getMspID() === str(op, 'mspId')) throw new ProbeThrow(str(op, 'message'));
      return null;
    },
  },
  getFunctionAndParameters: { fields: {}, run: (stub) => stub.getFunctionAndParameters() },
  getTxTimestamp: {
    fields: {},
    run: (stub) => {
      const { seconds, nanos } = stub.getTxTimestamp();
      return { seconds: String(seconds), nanos };
    },
  },
  getDateTimestamp: { fields: {}, run: (stub) => stub.getDateTimestamp().toISOString() },
  getCreator: {
    fields: {},
    run: (stub) => {
      const creator = stub.getCreator();
      return { mspid: creator.mspid, idBytes: encodeBytes(creator.idBytes) };
    },
  },
  getClientMSPID: { fields: {}, run: (stub) => new ClientIdentity(stub).getMSPID() },
  getClientID: { fields: {}, run: (stub) => new ClientIdentity(stub).getID() },
  getAttributeValue: {
    fields: { name: 'string' },
    run: (stub, op) => new ClientIdentity(stub).getAttributeValue(str(op, 'name')),
  },
  assertAttributeValue: {
    fields: { name: 'string', value: 'string' },
    run: (stub, op) => new ClientIdentity(stub).assertAttributeValue(str(op, 'name'), str(op, 'value')),
  },
  status: {
    fields: { status: 'integer', message: 'string?', payload: 'value?' },
    run: (_stub, op, state) => {
      state.response = {
        status: num(op, 'status'),
        message: (op['message'] as string | undefined) ?? '',
        ...(op['payload'] === undefined ? {} : { payload: value(op, 'payload') }),
      };
      return null;
    },
  },
  throw: {
    fields: { message: 'string' },
    run: (_stub, op) => {
      throw new ProbeThrow(str(op, 'message'));
    },
  },
};

/** Every operation by name. */
export const OPERATIONS: Readonly<Record<string, OperationDefinition>> = {
  ...worldState,
  ...privateData,
  ...transaction,
};

/** Names of every operation, sorted. */
export const OPERATION_NAMES: readonly string[] = Object.keys(OPERATIONS).sort();

function fieldMatches(type: FieldType, field: unknown): boolean {
  switch (type) {
    case 'string':
      return typeof field === 'string';
    case 'strings':
      return Array.isArray(field) && field.every((item) => typeof item === 'string');
    case 'number':
      return typeof field === 'number' && Number.isFinite(field);
    case 'integer':
      return Number.isInteger(field);
    case 'boolean':
      return typeof field === 'boolean';
    case 'value':
      return isValueInput(field);
    case 'query':
      return typeof field === 'string' || (typeof field === 'object' && field !== null && !Array.isArray(field));
  }
}

const TYPE_TEXT: Record<FieldType, string> = {
  string: 'a string',
  strings: 'an array of strings',
  number: 'a number',
  integer: 'an integer',
  boolean: 'true or false',
  value: 'a string, {"base64": "..."} or {"json": ...}',
  query: 'a query string or a query object',
};

/**
 * Checks one operation against its definition; returns what is wrong, or undefined when it is well formed.
 * Unknown fields are refused too, so a misspelt field never goes unnoticed.
 */
export function checkOperation(candidate: unknown): string | undefined {
  if (typeof candidate !== 'object' || candidate === null || Array.isArray(candidate)) {
    return 'must be an object like {"op": "getState", "key": "k1"}';
  }
  const op = (candidate as { op?: unknown }).op;
  const definition = typeof op === 'string' && Object.hasOwn(OPERATIONS, op) ? OPERATIONS[op] : undefined;
  if (definition === undefined) return `unknown op ${JSON.stringify(op)}; known: ${OPERATION_NAMES.join(', ')}`;
  for (const [name, spec] of Object.entries(definition.fields)) {
    const optional = spec.endsWith('?');
    const type = (optional ? spec.slice(0, -1) : spec) as FieldType;
    const field = (candidate as Record<string, unknown>)[name];
    if (field === undefined && optional) continue;
    if (!fieldMatches(type, field)) return `${op as string}: field "${name}" must be ${TYPE_TEXT[type]}`;
  }
  const unknown = Object.keys(candidate).filter((name) => name !== 'op' && !Object.hasOwn(definition.fields, name));
  if (unknown.length > 0) return `${op as string}: unknown field "${unknown[0]}"`;
  return undefined;
}

/** Runs one (checked) operation; an error becomes `{ op, error: message }` unless it is the `throw` operation. */
export async function runOperation(stub: ChaincodeStub, op: Operation, state: ExecState): Promise<OperationResult> {
  const definition = OPERATIONS[op.op];
  if (definition === undefined) return { op: op.op, error: `unknown op ${op.op}` };
  try {
    return { op: op.op, result: await definition.run(stub, op, state) };
  } catch (error) {
    if (error instanceof ProbeThrow) throw error;
    return { op: op.op, error: error instanceof Error ? error.message : String(error) };
  }
}
