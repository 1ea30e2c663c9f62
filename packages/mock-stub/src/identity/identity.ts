import type { KeyObject } from 'node:crypto';
import { msp } from '@hyperledger/fabric-protos';
import type { IdentityRole, MockIdentity } from '../api';

/** A signing identity issued by an in-memory organization CA. */
export class MockIdentityImpl implements MockIdentity {
  readonly privateKeyPem: string;
  #serialized: Uint8Array | undefined;

  constructor(
    readonly mspId: string,
    readonly name: string,
    readonly role: IdentityRole,
    readonly certificatePem: string,
    /** Used to sign proposals; internal. */
    readonly privateKey: KeyObject,
  ) {
    this.privateKeyPem = privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
  }

  /** `msp.SerializedIdentity{mspid, id_bytes: PEM}`, as the creator of a proposal (`msp/identities.go` Serialize). */
  serialize(): Uint8Array {
    if (this.#serialized === undefined) {
      const serialized = new msp.SerializedIdentity();
      serialized.setMspid(this.mspId);
      serialized.setIdBytes(Buffer.from(this.certificatePem, 'utf8'));
      this.#serialized = serialized.serializeBinary();
    }
    return this.#serialized;
  }
}
