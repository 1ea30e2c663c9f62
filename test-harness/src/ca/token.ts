import type { KeyObject } from 'node:crypto';
import { signLowS } from '../crypto/ecdsa';

/**
 * Builds Fabric CA's ECDSA authorization token (fabric-ca util/util.go `GenECDSAToken`):
 * `base64(certPEM) + "." + base64(signature)`, where the signature is ECDSA/SHA-256 (low S, DER) over
 * `method + "." + base64(uri) + "." + base64(body) + "." + base64(certPEM)`, and `uri` is the request URI
 * the server sees (`/api/v1/register`), as lib/serverrequestcontext.go verifies it.
 */
export function createAuthToken(
  certificatePem: string,
  privateKey: KeyObject,
  method: string,
  uri: string,
  body: Uint8Array,
): string {
  const b64cert = Buffer.from(certificatePem).toString('base64');
  const payload = `${method}.${Buffer.from(uri).toString('base64')}.${Buffer.from(body).toString('base64')}.${b64cert}`;
  const signature = signLowS(privateKey, Buffer.from(payload));
  return `${b64cert}.${signature.toString('base64')}`;
}
