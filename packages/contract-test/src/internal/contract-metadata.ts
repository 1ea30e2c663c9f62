/**
 * fabric-contract-api keeps decorator metadata on `global`: `fabric:default` (the `@Default` contract's name),
 * `fabric:objects` (every `@Object` class) and `fabric:info` (every `@Info`). On a peer, one chaincode process
 * loads one package, so those globals describe exactly that chaincode. A test process loads many test files:
 * here each deployment sees only what belongs to its own contracts, and the globals are put back afterwards.
 */
import 'reflect-metadata';
import type { Contract } from 'fabric-contract-api';
import type { ContractClass } from '../types';

const GLOBAL_KEYS = ['fabric:default', 'fabric:objects', 'fabric:info'] as const;
type GlobalKey = (typeof GLOBAL_KEYS)[number];

interface ObjectSchema {
  [key: string]: unknown;
}

/**
 * Runs `build` (the `ChaincodeFromContract` constructor) with the contract-api globals narrowed to `contracts`:
 * the `@Default` name only if it is one of these contracts (else the first class is the default, as on a peer
 * whose package has no `@Default`), the `@Object` schemas reachable from these contracts' transactions (plus
 * `extraObjects` by name), and the `@Info` of these classes. The previous globals are restored afterwards.
 */
export function withContractMetadata<T>(
  contracts: readonly ContractClass[],
  extraObjects: readonly string[],
  build: () => T,
): T {
  const saved = GLOBAL_KEYS.map((key) => [key, readGlobal(key)] as const);
  const instances = contracts.map((contract) => new contract());
  const names = instances.map((instance) => instance.getName());
  try {
    const defaultName = readGlobal('fabric:default');
    writeGlobal(
      'fabric:default',
      typeof defaultName === 'string' && names.includes(defaultName) ? defaultName : undefined,
    );
    writeGlobal('fabric:objects', reachableObjects(instances, extraObjects));
    writeGlobal(
      'fabric:info',
      pick(
        readGlobal('fabric:info'),
        contracts.map((contract) => contract.name),
      ),
    );
    return build();
  } finally {
    for (const [key, value] of saved) writeGlobal(key, value);
  }
}

function reachableObjects(
  instances: readonly Contract[],
  extraObjects: readonly string[],
): Record<string, ObjectSchema> {
  const registry = asRecord(readGlobal('fabric:objects'));
  const result: Record<string, ObjectSchema> = {};
  const pending: string[] = [...extraObjects];
  for (const instance of instances) collectRefs(Reflect.getMetadata('fabric:transactions', instance), pending);
  for (let name = pending.pop(); name !== undefined; name = pending.pop()) {
    const schema = registry[name];
    if (result[name] !== undefined || !isRecord(schema)) continue;
    result[name] = { ...schema };
    collectRefs(schema['properties'], pending);
    collectRefs(schema['allOf'], pending);
  }
  return result;
}

/** Adds the type name of every `$ref` (`#/components/schemas/Asset` or `Asset`) found in `value`. */
function collectRefs(value: unknown, into: string[]): void {
  if (Array.isArray(value)) {
    for (const item of value) collectRefs(item, into);
  } else if (isRecord(value)) {
    for (const [key, child] of Object.entries(value)) {
      if (key === '$ref' && typeof child === 'string') into.push(child.slice(child.lastIndexOf('/') + 1));
      else collectRefs(child, into);
    }
  }
}

function pick(source: unknown, keys: readonly string[]): Record<string, unknown> {
  const record = asRecord(source);
  return Object.fromEntries(keys.filter((key) => key in record).map((key) => [key, record[key]]));
}

function readGlobal(key: GlobalKey): unknown {
  return Reflect.getMetadata(key, global);
}

function writeGlobal(key: GlobalKey, value: unknown): void {
  if (value === undefined) Reflect.deleteMetadata(key, global);
  else Reflect.defineMetadata(key, value, global);
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function asRecord(value: unknown): Record<string, unknown> {
  return isRecord(value) ? value : {};
}
