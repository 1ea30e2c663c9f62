import 'reflect-metadata';
import * as x509 from '@peculiar/x509';
import { webcrypto } from 'node:crypto';
import { toCryptoKeyPair, type EcKeyPair } from './ecdsa';

x509.cryptoProvider.set(webcrypto);

/** What a certificate signing request asks for. */
export interface CsrRequest {
  /** The subject common name; Fabric CA expects the enrollment ID. */
  readonly commonName: string;
  /** DNS names and IP addresses for the subject alternative name (TLS certificates). */
  readonly hosts?: readonly string[];
}

/** Builds a PEM PKCS#10 request signed with ECDSA P-256 / SHA-256. */
export async function createCsr(keys: EcKeyPair, request: CsrRequest): Promise<string> {
  const hosts = request.hosts ?? [];
  const extensions: x509.Extension[] = [];
  if (hosts.length > 0) {
    extensions.push(
      new x509.SubjectAlternativeNameExtension(
        hosts.map((h) => ({ type: isIpAddress(h) ? ('ip' as const) : ('dns' as const), value: h })),
      ),
    );
  }
  const csr = await x509.Pkcs10CertificateRequestGenerator.create({
    name: [{ CN: [request.commonName] }],
    keys: await toCryptoKeyPair(keys),
    signingAlgorithm: { name: 'ECDSA', hash: 'SHA-256' },
    extensions,
  });
  return csr.toString('pem');
}

function isIpAddress(host: string): boolean {
  return /^\d{1,3}(\.\d{1,3}){3}$/.test(host) || host.includes(':');
}
