import type { KeyObject } from 'node:crypto';
import { msp } from '@hyperledger/fabric-protos';
import { signLowS } from '../crypto/ecdsa';

/** An identity that signs proposals: MSP ID, certificate (PEM) and private key. */
export interface SigningIdentity {
  readonly mspId: string;
  readonly certificate: string;
  readonly privateKey: KeyObject;
}

/** The serialized identity (`msp.SerializedIdentity`) Fabric puts in a signature header's `creator`. */
export function serializeIdentity(identity: SigningIdentity): Uint8Array {
  const serialized = new msp.SerializedIdentity();
  serialized.setMspid(identity.mspId);
  serialized.setIdBytes(Buffer.from(identity.certificate));
  return serialized.serializeBinary();
}

/** Signs bytes as a Fabric client does: ECDSA P-256 over SHA-256, low S, DER. */
export function signWith(identity: SigningIdentity, bytes: Uint8Array): Uint8Array {
  return signLowS(identity.privateKey, bytes);
}
