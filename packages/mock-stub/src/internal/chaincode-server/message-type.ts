import { peer } from '@hyperledger/fabric-protos';

/** A ChaincodeMessage type's name (`GET_STATE`), as the peer's messages print it; the number when unknown. */
export function messageTypeName(type: number): string {
  return Object.entries(peer.ChaincodeMessage.Type).find(([, value]) => value === type)?.[0] ?? String(type);
}
