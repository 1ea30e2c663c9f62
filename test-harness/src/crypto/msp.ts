import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Enrollment } from '../ca/types';
import { privateKeyToPem } from './ecdsa';

/** The file name of the CA certificate inside `cacerts/` and `tlscacerts/`, referenced by the NodeOUs config. */
export const MSP_CA_CERT_FILE = 'ca.pem';

/**
 * The MSP `config.yaml` enabling NodeOUs: Fabric CA puts the registered type (`client`, `peer`, `admin`,
 * `orderer`) as an OU in each enrollment certificate, and this maps those OUs to MSP roles.
 */
export function nodeOusConfig(): string {
  const unit = (ou: string): string =>
    `    Certificate: cacerts/${MSP_CA_CERT_FILE}\n    OrganizationalUnitIdentifier: ${ou}\n`;
  return [
    'NodeOUs:',
    '  Enable: true',
    '  ClientOUIdentifier:',
    unit('client').trimEnd(),
    '  PeerOUIdentifier:',
    unit('peer').trimEnd(),
    '  AdminOUIdentifier:',
    unit('admin').trimEnd(),
    '  OrdererOUIdentifier:',
    unit('orderer').trimEnd(),
    '',
  ].join('\n');
}

/** The files of a local MSP directory (what a peer, orderer or admin uses to sign), by relative path. */
export function localMspFiles(signing: Enrollment, tlsCaCertificate: string): Map<string, string> {
  return new Map([
    [`cacerts/${MSP_CA_CERT_FILE}`, rootOf(signing.caChain)],
    [`tlscacerts/${MSP_CA_CERT_FILE}`, tlsCaCertificate],
    ['signcerts/cert.pem', signing.certificate],
    ['keystore/key.pem', privateKeyToPem(signing.privateKey)],
    ['config.yaml', nodeOusConfig()],
  ]);
}

/** The files of an organization's verifying MSP (no keys), as channel configuration needs it. */
export function orgMspFiles(caCertificate: string, tlsCaCertificate: string): Map<string, string> {
  return new Map([
    [`cacerts/${MSP_CA_CERT_FILE}`, caCertificate],
    [`tlscacerts/${MSP_CA_CERT_FILE}`, tlsCaCertificate],
    ['config.yaml', nodeOusConfig()],
  ]);
}

/** The files of a node's TLS directory: `ca.crt`, `server.crt`, `server.key`. */
export function tlsFiles(tls: Enrollment): Map<string, string> {
  return new Map([
    ['ca.crt', rootOf(tls.caChain)],
    ['server.crt', tls.certificate],
    ['server.key', privateKeyToPem(tls.privateKey)],
  ]);
}

/** Writes a map of relative paths to contents below a directory. */
export async function writeFiles(directory: string, files: ReadonlyMap<string, string>): Promise<void> {
  for (const [path, content] of files) {
    const target = join(directory, path);
    await mkdir(join(target, '..'), { recursive: true });
    await writeFile(target, content, { mode: path.endsWith('.key') || path.startsWith('keystore') ? 0o600 : 0o644 });
  }
}

/** The first certificate of a PEM chain (Fabric CA returns the root first). */
export function rootOf(chain: string): string {
  const match = /-----BEGIN CERTIFICATE-----[\s\S]+?-----END CERTIFICATE-----\n?/.exec(chain);
  if (!match) {
    throw new Error('CA chain holds no PEM certificate');
  }
  return match[0].endsWith('\n') ? match[0] : `${match[0]}\n`;
}
