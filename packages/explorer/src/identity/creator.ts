/**
 * Who a certificate names: its subject, and the Fabric CA attributes it carries. Fabric CA writes attributes as
 * raw JSON (`{"attrs":{"hf.EnrollmentID":"alice",...}}`) into the value of extension 1.2.3.4.5.6.7.8.1
 * (fabric-ca lib/attrmgr/attrmgr.go AttrOID), which fabric-shim's `ClientIdentity.getAttributeValue` reads.
 */
import { X509Certificate } from 'node:crypto';
import type { CreatorView } from '../model/views';
import { extensionValue } from './der-reader';

export const FABRIC_CA_ATTRIBUTE_OID = '1.2.3.4.5.6.7.8.1';

function attributesOf(der: Uint8Array): Record<string, string> {
  const value = extensionValue(der, FABRIC_CA_ATTRIBUTE_OID);
  if (value === undefined) return {};
  try {
    const parsed: unknown = JSON.parse(Buffer.from(value).toString('utf8'));
    const attrs = (parsed as { attrs?: unknown } | null)?.attrs;
    if (typeof attrs !== 'object' || attrs === null) return {};
    return Object.fromEntries(Object.entries(attrs).map(([name, v]) => [name, String(v)]));
  } catch {
    // Not Fabric CA's JSON: no attributes the peer would read either.
    return {};
  }
}

/** `CN=alice, OU=client, O=...`: node writes one attribute per line. */
function subjectText(certificate: X509Certificate): string {
  return certificate.subject.split('\n').reverse().join(', ');
}

/** The creator of a transaction, from its MSP id and certificate (PEM text or its bytes). */
export function creatorView(mspId: string, certificate: string | Uint8Array): CreatorView {
  try {
    const parsed = new X509Certificate(certificate);
    return { mspId, subject: subjectText(parsed), attributes: attributesOf(parsed.raw) };
  } catch {
    // An idemix or malformed identity: the MSP id is all a viewer can be shown.
    return { mspId, subject: '', attributes: {} };
  }
}
