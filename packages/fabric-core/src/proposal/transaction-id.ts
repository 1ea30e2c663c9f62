import { createHash, randomBytes } from 'node:crypto';

/**
 * Fabric's transaction ID: hex SHA-256 of the nonce followed by the serialized creator
 * (protoutil/txutils.go `ComputeTxID`).
 *
 * @example
 * ```ts
 * const txId = computeTransactionId(newNonce(), creatorBytes);
 * ```
 */
export function computeTransactionId(nonce: Uint8Array, creator: Uint8Array): string {
  return createHash('sha256').update(nonce).update(creator).digest('hex');
}

/** A fresh random nonce of the length Fabric's clients use (protoutil/commonutils.go `CreateNonce`: 24 bytes). */
export function newNonce(): Buffer {
  return randomBytes(24);
}
