import { validationCodeName as fabricValidationCodeName } from '@fabric-testkit/fabric-core';
import type { ValidationCode } from '../types';

/** The name Fabric's `TxValidationCode` enum (`peer/transaction.proto`) gives a code a peer reported. */
export function validationCodeName(code: number): ValidationCode {
  const name = fabricValidationCodeName(code);
  if (name === undefined)
    throw new Error(`a peer reported transaction validation code ${code}, which Fabric does not define`);
  return name;
}
