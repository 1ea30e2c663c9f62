/**
 * `TxValidationCode` (fabric-protos peer/transaction.proto): the code a committing peer gives each transaction of a
 * block, by name and by number.
 */
import { peer } from '@hyperledger/fabric-protos';

/** The name of a `TxValidationCode`, for example `VALID` or `MVCC_READ_CONFLICT`. */
export type ValidationCodeName = keyof peer.TxValidationCodeMap;

const NAMES_BY_NUMBER: ReadonlyMap<number, ValidationCodeName> = new Map(
  Object.entries(peer.TxValidationCode).map(([name, code]) => [code, name as ValidationCodeName]),
);

/**
 * The name of a validation code as Fabric's `TxValidationCode` enum spells it; undefined for a code the enum does
 * not define (a newer Fabric), so the caller decides how to show it (Go's generated `String()` writes the number).
 *
 * @example
 * ```ts
 * validationCodeName(11); // 'MVCC_READ_CONFLICT'
 * ```
 */
export function validationCodeName(code: number): ValidationCodeName | undefined {
  return NAMES_BY_NUMBER.get(code);
}

/**
 * The number of a `TxValidationCode` name.
 *
 * @example
 * ```ts
 * validationCodeNumber('ENDORSEMENT_POLICY_FAILURE'); // 10
 * ```
 */
export function validationCodeNumber(name: ValidationCodeName): number {
  return peer.TxValidationCode[name];
}
