import 'reflect-metadata';
import * as x509 from '@peculiar/x509';
import { randomBytes, webcrypto } from 'node:crypto';
import { generateEcKeyPair, toCryptoKeyPair, type EcKeyPair } from './ecdsa';

x509.cryptoProvider.set(webcrypto);

/** A certificate (PEM) with its key pair. */
export interface CertifiedKey {
  readonly certificate: string;
  readonly keys: EcKeyPair;
}

const TEN_YEARS_MS = 10 * 365 * 24 * 3600 * 1000;

/**
 * Creates a self-signed ECDSA P-256 root CA certificate, given to fabric-ca-server as `--ca.certfile`/`--ca.keyfile`
 * so the harness knows each organization's root before the server starts.
 */
export async function createRootCa(commonName: string, organization: string): Promise<CertifiedKey> {
  const keys = generateEcKeyPair();
  const cryptoKeys = await toCryptoKeyPair(keys);
  const now = Date.now();
  const cert = await x509.X509CertificateGenerator.createSelfSigned({
    serialNumber: serial(),
    name: [{ CN: [commonName] }, { O: [organization] }],
    notBefore: new Date(now - 60_000),
    notAfter: new Date(now + TEN_YEARS_MS),
    keys: cryptoKeys,
    signingAlgorithm: { name: 'ECDSA', hash: 'SHA-256' },
    extensions: [
      new x509.BasicConstraintsExtension(true, 1, true),
      new x509.KeyUsagesExtension(
        x509.KeyUsageFlags.keyCertSign | x509.KeyUsageFlags.cRLSign | x509.KeyUsageFlags.digitalSignature,
        true,
      ),
      await x509.SubjectKeyIdentifierExtension.create(cryptoKeys.publicKey),
    ],
  });
  return { certificate: cert.toString('pem') + '\n', keys };
}

/** Issues a TLS server certificate for the given host names and IP addresses, signed by `issuer`. */
export async function issueTlsServerCertificate(issuer: CertifiedKey, hosts: readonly string[]): Promise<CertifiedKey> {
  const keys = generateEcKeyPair();
  const cryptoKeys = await toCryptoKeyPair(keys);
  const issuerKeys = await toCryptoKeyPair(issuer.keys);
  const issuerCert = new x509.X509Certificate(issuer.certificate);
  const now = Date.now();
  const cert = await x509.X509CertificateGenerator.create({
    serialNumber: serial(),
    subject: [{ CN: [hosts[0] ?? 'localhost'] }],
    issuer: issuerCert.subject,
    notBefore: new Date(now - 60_000),
    notAfter: new Date(now + TEN_YEARS_MS),
    publicKey: cryptoKeys.publicKey,
    signingKey: issuerKeys.privateKey,
    signingAlgorithm: { name: 'ECDSA', hash: 'SHA-256' },
    extensions: [
      new x509.BasicConstraintsExtension(false, undefined, true),
      new x509.KeyUsagesExtension(x509.KeyUsageFlags.digitalSignature | x509.KeyUsageFlags.keyEncipherment, true),
      new x509.ExtendedKeyUsageExtension([x509.ExtendedKeyUsage.serverAuth, x509.ExtendedKeyUsage.clientAuth]),
      new x509.SubjectAlternativeNameExtension(
        hosts.map((h) => ({ type: /^[\d.]+$/.test(h) ? ('ip' as const) : ('dns' as const), value: h })),
      ),
      await x509.AuthorityKeyIdentifierExtension.create(issuerKeys.publicKey),
    ],
  });
  return { certificate: cert.toString('pem') + '\n', keys };
}

/**
 * Creates a self-signed ECDSA P-256 TLS client certificate. Fabric's gRPC servers request a client certificate
 * without verifying it when client authentication is not required (`internal/pkg/comm/server.go`
 * `tls.RequestClientCert`), and the discovery service only compares its hash with the request's.
 */
export async function createSelfSignedTlsClientCertificate(commonName: string): Promise<CertifiedKey> {
  const keys = generateEcKeyPair();
  const cryptoKeys = await toCryptoKeyPair(keys);
  const now = Date.now();
  const cert = await x509.X509CertificateGenerator.createSelfSigned({
    serialNumber: serial(),
    name: [{ CN: [commonName] }],
    notBefore: new Date(now - 60_000),
    notAfter: new Date(now + TEN_YEARS_MS),
    keys: cryptoKeys,
    signingAlgorithm: { name: 'ECDSA', hash: 'SHA-256' },
    extensions: [
      new x509.KeyUsagesExtension(x509.KeyUsageFlags.digitalSignature, true),
      new x509.ExtendedKeyUsageExtension([x509.ExtendedKeyUsage.clientAuth]),
    ],
  });
  return { certificate: cert.toString('pem') + '\n', keys };
}

function serial(): string {
  const bytes = randomBytes(16);
  bytes[0] = (bytes[0] ?? 0) & 0x7f;
  return bytes.toString('hex');
}
