/**
 * What new users trip over before their first transaction, caught when a contract is deployed, with the fix.
 * Internal.
 */
import path from 'node:path';
import 'reflect-metadata';

/** The override that keeps fabric-contract-api 2.5 on the class-transformer it was written for. */
const OVERRIDE = '"overrides": { "fabric-contract-api": { "class-transformer": "0.4.0" } }';

/**
 * fabric-contract-api 2.5's JSON serializer calls class-transformer's `classToPlain` (jsontransactionserializer.js);
 * it depends on `^0.4.0`, and a fresh install resolves a later release without that export, so every transaction
 * that returns a value fails with "classToPlain is not a function".
 */
export function checkClassTransformer(load: (request: string, from: string) => unknown = loadFrom): void {
  const serializer = require.resolve('fabric-contract-api/lib/jsontransactionserializer.js');
  const transformer = load('class-transformer', path.dirname(serializer));
  const classToPlain: unknown =
    typeof transformer === 'object' && transformer !== null && 'classToPlain' in transformer
      ? transformer.classToPlain
      : undefined;
  if (typeof classToPlain !== 'function') {
    throw new Error(
      'fabric-contract-api loads a class-transformer without classToPlain (a release after 0.4.0), so every ' +
        `transaction that returns a value would fail with "classToPlain is not a function". Add ${OVERRIDE} to ` +
        'your package.json and run npm install again.',
    );
  }
}

function loadFrom(request: string, from: string): unknown {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  return require(require.resolve(request, { paths: [from] }));
}

/**
 * fabric-contract-api reads each transaction's parameter types from TypeScript's decorator metadata
 * (`design:paramtypes`, annotations/transaction.js). Compiled without `emitDecoratorMetadata` (tsx, esbuild, swc,
 * vitest by default) a transaction with parameters is registered with none, and every call fails with
 * "Expected 0 parameters, but N have been supplied".
 */
export function checkDecoratorMetadata(contracts: readonly (abstract new (...args: never[]) => object)[]): void {
  const missing = contracts.flatMap((contract) => {
    const prototype: unknown = contract.prototype;
    if (typeof prototype !== 'object' || prototype === null) return [];
    const transactions: unknown = Reflect.getMetadata('fabric:transactions', prototype);
    if (!Array.isArray(transactions)) return [];
    return transactions.flatMap((transaction: unknown) => {
      const name =
        typeof transaction === 'object' && transaction !== null && 'name' in transaction ? transaction.name : '';
      if (typeof name !== 'string') return [];
      const method: unknown = (prototype as Record<string, unknown>)[name];
      const declared = typeof method === 'function' ? method.length - 1 : 0;
      const typed = Reflect.getMetadata('design:paramtypes', prototype, name) !== undefined;
      return declared > 0 && !typed ? [`${contract.name}.${name} (${declared} parameter(s))`] : [];
    });
  });
  if (missing.length > 0) {
    throw new Error(
      `contract transactions with parameters but no decorator metadata: ${missing.join(', ')}. ` +
        'fabric-contract-api reads parameter types from it, so every call would fail with "Expected 0 parameters". ' +
        'Compile with "experimentalDecorators": true and "emitDecoratorMetadata": true (tsc or ts-node); tsx, ' +
        'esbuild and vitest drop the metadata: compile the contract with tsc, or use a plugin that emits it (e.g. ' +
        '@swc/core with jsc.transform.decoratorMetadata).',
    );
  }
}
