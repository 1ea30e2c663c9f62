/**
 * Builds X.509 certificates synchronously, the way an in-memory Fabric CA would issue them: ECDSA P-256 with
 * SHA-256, as Fabric CA does, the DER written by hand (`der.ts`; `test/identity/certificate.test.ts` checks it byte
 * for byte against @peculiar/asn1-x509's encoding of the same certificate).
 */
import { randomBytes, sign, type KeyObject } from 'node:crypto';
import {
  bitString,
  boolean,
  explicit,
  objectIdentifier,
  octetString,
  printableString,
  sequence,
  set,
  smallInteger,
  time,
  unsignedInteger,
  utf8String,
} from './der';

/** Fabric CA's attribute extension (`fabric-ca lib/attrmgr`), read by fabric-shim's `ClientIdentity`. */
export const FABRIC_ATTRIBUTE_OID = '1.2.3.4.5.6.7.8.1';
export const ECDSA_WITH_SHA256 = '1.2.840.10045.4.3.2';
const KEY_USAGE = '2.5.29.15';
const BASIC_CONSTRAINTS = '2.5.29.19';
/** OIDs of the distinguished-name attributes the mock's CAs use. */
export const SHORT_NAME_OIDS: Readonly<Record<string, string>> = {
  C: '2.5.4.6',
  ST: '2.5.4.8',
  L: '2.5.4.7',
  O: '2.5.4.10',
  OU: '2.5.4.11',
  CN: '2.5.4.3',
};
const TEN_YEARS_MS = 10 * 365 * 24 * 3600 * 1000;

/** One distinguished-name attribute, e.g. `['OU', 'client']`, in certificate order. */
export type DistinguishedName = readonly (readonly [keyof typeof SHORT_NAME_OIDS, string])[];

export interface CertificateRequest {
  subject: DistinguishedName;
  issuer: DistinguishedName;
  subjectPublicKey: KeyObject;
  issuerPrivateKey: KeyObject;
  isCa: boolean;
  notBefore: Date;
  /** Raw extension value of {@link FABRIC_ATTRIBUTE_OID}: Fabric CA stores the JSON bytes unwrapped. */
  attributesJson?: string;
}

/** `Name`: one single-valued RDN per attribute; the country as PrintableString, the rest as UTF8String. */
function name(dn: DistinguishedName): Buffer {
  return sequence(
    ...dn.map(([shortName, value]) =>
      set(
        sequence(
          objectIdentifier(SHORT_NAME_OIDS[shortName] ?? ''),
          shortName === 'C' ? printableString(value) : utf8String(value),
        ),
      ),
    ),
  );
}

function extension(oid: string, critical: boolean, value: Uint8Array): Buffer {
  // `critical` is DEFAULT FALSE: DER leaves a false value out.
  return sequence(objectIdentifier(oid), ...(critical ? [boolean(true)] : []), octetString(value));
}

/** KeyUsage as a DER named-bit BIT STRING: trailing zero bits dropped (X.690 §11.2.2). */
function keyUsage(bits: readonly number[]): Buffer {
  const last = Math.max(...bits);
  const bytes = Buffer.alloc(Math.floor(last / 8) + 1);
  for (const bit of bits) bytes[Math.floor(bit / 8)] = (bytes[Math.floor(bit / 8)] ?? 0) | (0x80 >> (bit % 8));
  const unused = bytes.length * 8 - (last + 1);
  return Buffer.concat([Buffer.from([0x03, bytes.length + 1, unused]), bytes]);
}

function extensions(request: CertificateRequest): Buffer {
  // digitalSignature (0), keyCertSign (5), cRLSign (6).
  const list = [
    extension(KEY_USAGE, true, keyUsage(request.isCa ? [0, 5, 6] : [0])),
    extension(BASIC_CONSTRAINTS, true, request.isCa ? sequence(boolean(true)) : sequence()),
  ];
  if (request.attributesJson !== undefined) {
    list.push(extension(FABRIC_ATTRIBUTE_OID, false, Buffer.from(request.attributesJson, 'utf8')));
  }
  return explicit(3, sequence(...list));
}

/** The DER of the to-be-signed part, for a given serial number (16 random bytes, top bit clear). */
export function tbsCertificate(request: CertificateRequest, serial: Uint8Array): Buffer {
  const notAfter = new Date(request.notBefore.getTime() + TEN_YEARS_MS);
  return sequence(
    explicit(0, smallInteger(2)), // v3
    unsignedInteger(serial),
    sequence(objectIdentifier(ECDSA_WITH_SHA256)),
    name(request.issuer),
    sequence(time(request.notBefore), time(notAfter)),
    name(request.subject),
    request.subjectPublicKey.export({ type: 'spki', format: 'der' }),
    extensions(request),
  );
}

/** A random positive serial number that is minimal in DER (no leading zero byte). */
export function newSerial(): Buffer {
  const serial = randomBytes(16);
  serial[0] = ((serial[0] ?? 0) & 0x7f) | 0x40;
  return serial;
}

/** Returns the PEM of a certificate for `request.subjectPublicKey`, signed by `request.issuerPrivateKey`. */
export function issueCertificate(request: CertificateRequest): string {
  const tbs = tbsCertificate(request, newSerial());
  const signature = sign('sha256', tbs, { key: request.issuerPrivateKey, dsaEncoding: 'der' });
  const der = sequence(tbs, sequence(objectIdentifier(ECDSA_WITH_SHA256)), bitString(signature));
  const body = der.toString('base64').replace(/.{64}/g, '$&\n');
  return `-----BEGIN CERTIFICATE-----\n${body}${body.endsWith('\n') ? '' : '\n'}-----END CERTIFICATE-----\n`;
}
