import { createPrivateKey, createPublicKey, generateKeyPairSync, sign, webcrypto, type KeyObject } from 'node:crypto';

/** The order of the P-256 group: signatures must have `s <= N/2` (low-S), as Fabric and Fabric CA require. */
const P256_N = BigInt('0xffffffff00000000ffffffffffffffffbce6faada7179e84f3b9cac2fc632551');
const P256_HALF_N = P256_N >> 1n;

/** An ECDSA P-256 key pair, held as Node key objects. */
export interface EcKeyPair {
  readonly privateKey: KeyObject;
  readonly publicKey: KeyObject;
}

/** Generates an ECDSA P-256 key pair. */
export function generateEcKeyPair(): EcKeyPair {
  const { privateKey, publicKey } = generateKeyPairSync('ec', { namedCurve: 'prime256v1' });
  return { privateKey, publicKey };
}

/** Reads a PEM private key (PKCS#8 or SEC1) into a key pair. */
export function keyPairFromPem(privateKeyPem: string): EcKeyPair {
  const privateKey = createPrivateKey(privateKeyPem);
  return { privateKey, publicKey: createPublicKey(privateKey) };
}

/** The private key as PKCS#8 PEM, the form Fabric MSP keystores hold. */
export function privateKeyToPem(key: KeyObject): string {
  return key.export({ type: 'pkcs8', format: 'pem' }).toString();
}

/** Converts a Node key pair into WebCrypto keys (for @peculiar/x509). */
export async function toCryptoKeyPair(pair: EcKeyPair): Promise<webcrypto.CryptoKeyPair> {
  const algorithm = { name: 'ECDSA', namedCurve: 'P-256' };
  const privateKey = await webcrypto.subtle.importKey(
    'pkcs8',
    pair.privateKey.export({ type: 'pkcs8', format: 'der' }),
    algorithm,
    true,
    ['sign'],
  );
  const publicKey = await webcrypto.subtle.importKey(
    'spki',
    pair.publicKey.export({ type: 'spki', format: 'der' }),
    algorithm,
    true,
    ['verify'],
  );
  return { privateKey, publicKey };
}

/**
 * Signs `data` with ECDSA over SHA-256 and returns a DER signature with a low S value,
 * the only form Fabric's BCCSP (and so Fabric CA, peers and orderers) accepts.
 */
export function signLowS(privateKey: KeyObject, data: Uint8Array): Buffer {
  const raw = sign('sha256', data, { key: privateKey, dsaEncoding: 'ieee-p1363' });
  const r = bytesToBigInt(raw.subarray(0, 32));
  let s = bytesToBigInt(raw.subarray(32, 64));
  if (s > P256_HALF_N) {
    s = P256_N - s;
  }
  return encodeDerSignature(r, s);
}

/** Encodes an ECDSA signature as the DER `SEQUENCE { r INTEGER, s INTEGER }`. */
export function encodeDerSignature(r: bigint, s: bigint): Buffer {
  const body = Buffer.concat([derInteger(r), derInteger(s)]);
  return Buffer.concat([Buffer.from([0x30]), derLength(body.length), body]);
}

/** Decodes a DER ECDSA signature into its `r` and `s`. */
export function decodeDerSignature(der: Uint8Array): { r: bigint; s: bigint } {
  const buf = Buffer.from(der);
  if (buf[0] !== 0x30) {
    throw new Error('not a DER ECDSA signature');
  }
  let offset = buf[1] === 0x81 ? 3 : 2;
  const read = (): bigint => {
    if (buf[offset] !== 0x02) {
      throw new Error('not a DER ECDSA signature');
    }
    const len = buf[offset + 1] ?? 0;
    const value = bytesToBigInt(buf.subarray(offset + 2, offset + 2 + len));
    offset += 2 + len;
    return value;
  };
  const r = read();
  const s = read();
  return { r, s };
}

/** Tells whether a signature's S is in the lower half of the group order. */
export function isLowS(der: Uint8Array): boolean {
  return decodeDerSignature(der).s <= P256_HALF_N;
}

function bytesToBigInt(bytes: Uint8Array): bigint {
  return bytes.length === 0 ? 0n : BigInt(`0x${Buffer.from(bytes).toString('hex')}`);
}

function derInteger(value: bigint): Buffer {
  let hex = value.toString(16);
  if (hex.length % 2 === 1) {
    hex = `0${hex}`;
  }
  let bytes = Buffer.from(hex, 'hex');
  if ((bytes[0] ?? 0) & 0x80) {
    bytes = Buffer.concat([Buffer.from([0]), bytes]);
  }
  return Buffer.concat([Buffer.from([0x02]), derLength(bytes.length), bytes]);
}

function derLength(length: number): Buffer {
  return length < 0x80 ? Buffer.from([length]) : Buffer.from([0x81, length]);
}
