/**
 * Just enough DER to read a certificate's extensions (X.509 `tbsCertificate.extensions`, RFC 5280 4.1): node's
 * `X509Certificate` gives the subject but not arbitrary extensions, and Fabric CA's attribute extension is one.
 */

/** One TLV: its tag, and where its content starts and ends in the buffer. */
interface Element {
  readonly tag: number;
  readonly start: number;
  readonly end: number;
}

function element(der: Uint8Array, offset: number): Element {
  const tag = der[offset];
  let length = der[offset + 1];
  if (tag === undefined || length === undefined) throw new Error(`DER ends at ${offset}`);
  let start = offset + 2;
  if (length & 0x80) {
    const bytes = length & 0x7f;
    length = 0;
    for (let i = 0; i < bytes; i++) length = length * 256 + (der[start + i] ?? 0);
    start += bytes;
  }
  if (start + length > der.length) throw new Error(`DER element at ${offset} runs past the end`);
  return { tag, start, end: start + length };
}

function children(der: Uint8Array, parent: Element): Element[] {
  const list: Element[] = [];
  for (let offset = parent.start; offset < parent.end;) {
    const child = element(der, offset);
    list.push(child);
    offset = child.end;
  }
  return list;
}

function oidText(der: Uint8Array, oid: Element): string {
  const bytes = der.subarray(oid.start, oid.end);
  const first = bytes[0] ?? 0;
  const parts = [Math.floor(first / 40), first % 40];
  let value = 0;
  for (const byte of bytes.subarray(1)) {
    value = value * 128 + (byte & 0x7f);
    if ((byte & 0x80) === 0) {
      parts.push(value);
      value = 0;
    }
  }
  return parts.join('.');
}

const SEQUENCE = 0x30;
const OBJECT_IDENTIFIER = 0x06;
const OCTET_STRING = 0x04;
/** `extensions [3] EXPLICIT Extensions` in `TBSCertificate`. */
const EXTENSIONS_TAG = 0xa3;

/** The value (the OCTET STRING's content) of a certificate's extension, or undefined when it has none. */
export function extensionValue(certificateDer: Uint8Array, oid: string): Uint8Array | undefined {
  const certificate = element(certificateDer, 0);
  const tbs = children(certificateDer, certificate)[0];
  if (certificate.tag !== SEQUENCE || tbs?.tag !== SEQUENCE) throw new Error('not an X.509 certificate');
  const wrapper = children(certificateDer, tbs).find((e) => e.tag === EXTENSIONS_TAG);
  const list = wrapper === undefined ? undefined : children(certificateDer, wrapper)[0];
  for (const extension of list === undefined ? [] : children(certificateDer, list)) {
    const parts = children(certificateDer, extension);
    const id = parts[0];
    const value = parts.find((p) => p.tag === OCTET_STRING);
    if (id?.tag === OBJECT_IDENTIFIER && value !== undefined && oidText(certificateDer, id) === oid) {
      return certificateDer.subarray(value.start, value.end);
    }
  }
  return undefined;
}
