import { peer } from '@hyperledger/fabric-protos';
import type { ValidationCode } from '../types';

const NAMES = new Map(
  Object.entries(peer.TxValidationCode).flatMap(([name, code]) => (isValidationCode(name) ? [[code, name]] : [])),
);

function isValidationCode(name: string): name is ValidationCode {
  return name in peer.TxValidationCode;
}

/** The name Fabric's `TxValidationCode` enum (`peer/transaction.proto`) gives a numeric code. */
export function validationCodeName(code: number): ValidationCode {
  const name = NAMES.get(code);
  if (name === undefined) throw new Error(`unknown transaction validation code ${code}`);
  return name;
}
