/** Result objects handed to users. Internal. */
import type { ChaincodeResponse, CommittedTransaction, Endorsement } from '@fabric-testkit/mock-stub';
import type { EndorsedTransaction, TransactionOutput, TransactionResult } from '../types';

export function toOutput(response: ChaincodeResponse): TransactionOutput {
  const result = Buffer.from(response.payload);
  const text = result.toString('utf8');
  return {
    result,
    text,
    json: <T>(): T => JSON.parse(text) as T,
  };
}

export function toEndorsed(endorsement: Endorsement): EndorsedTransaction {
  return {
    ...toOutput(endorsement.response),
    txId: endorsement.txId,
    ...(endorsement.event === undefined ? {} : { event: endorsement.event }),
    endorsement,
  };
}

/** Chaincode events reach clients only for valid transactions: an invalid one reports none. */
export function toResult(transaction: CommittedTransaction): TransactionResult {
  const { event, ...endorsed } = toEndorsed(transaction.endorsement);
  return {
    ...endorsed,
    ...(transaction.validationCode === 'VALID' && event !== undefined ? { event } : {}),
    validationCode: transaction.validationCode,
    blockNumber: transaction.blockNumber,
    txNumber: transaction.txNumber,
  };
}
