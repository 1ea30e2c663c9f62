import { expect } from 'chai';
import { X509Certificate, generateKeyPairSync, sign } from 'node:crypto';
import { issueCertificate, newSerial, tbsCertificate, type CertificateRequest } from '../../src/identity/certificate';
import { bitString, objectIdentifier, sequence } from '../../src/identity/der';
import { referenceCertificate, referenceTbsCertificate } from './reference-certificate';

const key = (): ReturnType<typeof generateKeyPairSync> => generateKeyPairSync('ec', { namedCurve: 'prime256v1' });

function requests(): CertificateRequest[] {
  const ca = key();
  const user = key();
  const caName = [
    ['C', 'US'],
    ['ST', 'North Carolina'],
    ['L', 'Durham'],
    ['O', 'org1.example.com'],
    ['CN', 'ca.org1.example.com'],
  ] as const;
  return [
    {
      subject: caName,
      issuer: caName,
      subjectPublicKey: ca.publicKey,
      issuerPrivateKey: ca.privateKey,
      isCa: true,
      notBefore: new Date('2026-12-06T10:00:00.123Z'),
    },
    {
      subject: [
        ['C', 'US'],
        ['O', 'Hyperledger'],
        ['OU', 'client'],
        ['CN', 'ålice with a long name'.repeat(8)],
      ],
      issuer: caName,
      subjectPublicKey: user.publicKey,
      issuerPrivateKey: ca.privateKey,
      isCa: false,
      notBefore: new Date('2045-01-02T03:04:05Z'), // notAfter 2054: GeneralizedTime
      attributesJson: JSON.stringify({ attrs: { 'hf.EnrollmentID': 'alice', role: 'x'.repeat(300) } }),
    },
  ];
}

describe('certificates in hand-written DER (src/identity/der.ts)', () => {
  it('encode the to-be-signed part byte for byte as @peculiar/asn1-x509 does, CA and client, short and long forms', () => {
    for (const request of requests()) {
      const serial = newSerial();
      expect(tbsCertificate(request, serial).toString('hex')).to.equal(
        referenceTbsCertificate(request, serial).toString('hex'),
      );
    }
  });

  it('make whole certificates Node parses and verifies, equal to the reference with the same signature', () => {
    const [caRequest, userRequest] = requests();
    if (caRequest === undefined || userRequest === undefined) throw new Error('no requests');
    for (const request of [caRequest, userRequest]) {
      const pem = issueCertificate(request);
      const certificate = new X509Certificate(pem);
      expect(certificate.verify(caRequest.subjectPublicKey)).to.equal(true); // signed by the CA's key
      expect(certificate.ca).to.equal(request.isCa);
      const serial = newSerial();
      const tbs = tbsCertificate(request, serial);
      const signature = sign('sha256', tbs, { key: request.issuerPrivateKey, dsaEncoding: 'der' });
      const ours = sequence(tbs, sequence(objectIdentifier('1.2.840.10045.4.3.2')), bitString(signature));
      expect(ours.toString('hex')).to.equal(referenceCertificate(request, serial, signature).toString('hex'));
    }
  });
});
