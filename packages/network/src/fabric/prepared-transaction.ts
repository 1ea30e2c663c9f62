import { chaincodeActionOf } from '@fabric-testkit/fabric-core';
import type { ChaincodeEvent } from '../types';

/** The response payload and event of an endorsed transaction. */
export interface EndorsedAction {
  readonly txId: string;
  readonly payload: Buffer;
  readonly event?: ChaincodeEvent;
}

/** What the endorsing peers signed, from fabric-gateway's prepared transaction (`Transaction.getBytes()`). */
export function endorsedAction(preparedTransaction: Uint8Array): EndorsedAction {
  const action = chaincodeActionOf(preparedTransaction);
  return {
    txId: action.txId,
    payload: Buffer.from(action.response.payload),
    ...(action.event === undefined
      ? {}
      : { event: { name: action.event.name, payload: Buffer.from(action.event.payload) } }),
  };
}
