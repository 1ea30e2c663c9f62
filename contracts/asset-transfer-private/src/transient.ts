import type { Context } from 'fabric-contract-api';

/**
 * Transient data travels in the proposal to the endorsing peers and never reaches the ledger (S-54): the way to
 * give a chaincode secrets. Arguments, by contrast, are in the block for every channel member to read.
 */
export type TransientInput = Record<string, unknown>;

/** The JSON object under `name` in the transient map. */
export function transientInput(ctx: Context, name: string): TransientInput {
  const bytes = ctx.stub.getTransient().get(name);
  if (bytes === undefined || bytes.length === 0) throw new Error(`${name} must be a key in the transient map`);
  let input: unknown;
  try {
    input = JSON.parse(Buffer.from(bytes).toString('utf8'));
  } catch {
    throw new Error(`${name} in the transient map must be a JSON object`);
  }
  if (typeof input !== 'object' || input === null || Array.isArray(input)) {
    throw new Error(`${name} in the transient map must be a JSON object`);
  }
  return input as TransientInput;
}

export function requireString(input: TransientInput, field: string): string {
  const value = input[field];
  if (typeof value !== 'string' || value === '') throw new Error(`${field} must be a non-empty string`);
  return value;
}

export function requirePositiveInteger(input: TransientInput, field: string): number {
  const value = input[field];
  if (typeof value !== 'number' || !Number.isSafeInteger(value) || value <= 0) {
    throw new Error(`${field} must be a positive integer`);
  }
  return value;
}
