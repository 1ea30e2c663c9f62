/**
 * Builds X.509 certificates synchronously, the way an in-memory Fabric CA would issue them.
 *
 * `@peculiar/x509`'s generator is asynchronous (WebCrypto), but `MockFabric.addOrganization` and
 * `MockOrganization.createIdentity` are synchronous, so certificates are assembled from `@peculiar/asn1-x509`'s
 * ASN.1 schema classes and signed with `node:crypto` (ECDSA P-256 with SHA-256, as Fabric CA does).
 */
import { randomBytes, sign, type KeyObject } from 'node:crypto';
import { AsnConvert, OctetString } from '@peculiar/asn1-schema';
import {
  AlgorithmIdentifier,
  AttributeTypeAndValue,
  AttributeValue,
  BasicConstraints,
  Certificate,
  Extension,
  Extensions,
  KeyUsage,
  KeyUsageFlags,
  Name,
  RelativeDistinguishedName,
  SubjectPublicKeyInfo,
  TBSCertificate,
  Validity,
  Version,
  id_ce_basicConstraints,
  id_ce_keyUsage,
} from '@peculiar/asn1-x509';

/** Fabric CA's attribute extension (`fabric-ca lib/attrmgr`), read by fabric-shim's `ClientIdentity`. */
export const FABRIC_ATTRIBUTE_OID = '1.2.3.4.5.6.7.8.1';
const ECDSA_WITH_SHA256 = '1.2.840.10045.4.3.2';
const SHORT_NAME_OIDS: Readonly<Record<string, string>> = {
  C: '2.5.4.6',
  ST: '2.5.4.8',
  L: '2.5.4.7',
  O: '2.5.4.10',
  OU: '2.5.4.11',
  CN: '2.5.4.3',
};

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

function toName(dn: DistinguishedName): Name {
  return new Name(
    dn.map(
      ([shortName, value]) =>
        new RelativeDistinguishedName([
          new AttributeTypeAndValue({
            type: SHORT_NAME_OIDS[shortName],
            value:
              shortName === 'C'
                ? new AttributeValue({ printableString: value })
                : new AttributeValue({ utf8String: value }),
          }),
        ]),
    ),
  );
}

function extension(oid: string, critical: boolean, value: ArrayBuffer | Uint8Array): Extension {
  return new Extension({ extnID: oid, critical, extnValue: new OctetString(value) });
}

function buildExtensions(request: CertificateRequest): Extensions {
  const usage = request.isCa
    ? KeyUsageFlags.digitalSignature | KeyUsageFlags.keyCertSign | KeyUsageFlags.cRLSign
    : KeyUsageFlags.digitalSignature;
  const list = [
    extension(id_ce_keyUsage, true, AsnConvert.serialize(new KeyUsage(usage))),
    extension(id_ce_basicConstraints, true, AsnConvert.serialize(new BasicConstraints({ cA: request.isCa }))),
  ];
  if (request.attributesJson !== undefined) {
    list.push(extension(FABRIC_ATTRIBUTE_OID, false, Buffer.from(request.attributesJson, 'utf8')));
  }
  return new Extensions(list);
}

/** Returns the PEM of a certificate for `request.subjectPublicKey`, signed by `request.issuerPrivateKey`. */
export function issueCertificate(request: CertificateRequest): string {
  const algorithm = new AlgorithmIdentifier({ algorithm: ECDSA_WITH_SHA256 });
  const spki = AsnConvert.parse(request.subjectPublicKey.export({ type: 'spki', format: 'der' }), SubjectPublicKeyInfo);
  const serial = randomBytes(16);
  serial[0] = ((serial[0] ?? 0) & 0x7f) | 0x40; // positive, minimal DER INTEGER (no leading zero byte)
  const notAfter = new Date(request.notBefore.getTime() + 10 * 365 * 24 * 3600 * 1000);
  const tbs = new TBSCertificate({
    version: Version.v3,
    serialNumber: Uint8Array.from(serial).buffer,
    signature: algorithm,
    issuer: toName(request.issuer),
    validity: new Validity({ notBefore: request.notBefore, notAfter }),
    subject: toName(request.subject),
    subjectPublicKeyInfo: spki,
    extensions: buildExtensions(request),
  });
  const tbsDer = Buffer.from(AsnConvert.serialize(tbs));
  const signature = sign('sha256', tbsDer, { key: request.issuerPrivateKey, dsaEncoding: 'der' });
  const certificate = new Certificate({
    tbsCertificate: tbs,
    signatureAlgorithm: algorithm,
    signatureValue: Uint8Array.from(signature).buffer,
  });
  const der = Buffer.from(AsnConvert.serialize(certificate));
  const body = der.toString('base64').replace(/.{64}/g, '$&\n');
  return `-----BEGIN CERTIFICATE-----\n${body}${body.endsWith('\n') ? '' : '\n'}-----END CERTIFICATE-----\n`;
}
