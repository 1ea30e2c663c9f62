/**
 * The reference for the hand-written DER of `src/identity/certificate.ts`: the same certificate assembled from
 * `@peculiar/asn1-x509`'s ASN.1 schema classes (the mock's first implementation). Test-only.
 */
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

import {
  ECDSA_WITH_SHA256,
  FABRIC_ATTRIBUTE_OID,
  SHORT_NAME_OIDS,
  type CertificateRequest,
  type DistinguishedName,
} from '../../src/identity/certificate';

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

/** The DER of the to-be-signed part, as the schema classes encode it, for a given serial. */
export function referenceTbsCertificate(request: CertificateRequest, serial: Uint8Array): Buffer {
  return Buffer.from(AsnConvert.serialize(referenceTbs(request, serial)));
}

/** A whole certificate as the schema classes encode it, with the given signature bytes. */
export function referenceCertificate(request: CertificateRequest, serial: Uint8Array, signature: Uint8Array): Buffer {
  const certificate = new Certificate({
    tbsCertificate: referenceTbs(request, serial),
    signatureAlgorithm: new AlgorithmIdentifier({ algorithm: ECDSA_WITH_SHA256 }),
    signatureValue: Uint8Array.from(signature).buffer,
  });
  return Buffer.from(AsnConvert.serialize(certificate));
}

function referenceTbs(request: CertificateRequest, serial: Uint8Array): TBSCertificate {
  const algorithm = new AlgorithmIdentifier({ algorithm: ECDSA_WITH_SHA256 });
  const spki = AsnConvert.parse(request.subjectPublicKey.export({ type: 'spki', format: 'der' }), SubjectPublicKeyInfo);
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
  return tbs;
}
