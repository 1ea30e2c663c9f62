/** How the explorer writes bytes for people: text when they are printable UTF-8, else `0x` and hex. */
import type { DisplayValue } from './views';

/** Longer values are cut: a page of a 1 MB value helps nobody. */
export const DISPLAY_LIMIT = 4096;

// Control characters other than tab, line feed and carriage return make bytes binary.
// eslint-disable-next-line no-control-regex
const NON_TEXT = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f\ufffd]/;

export function displayValue(bytes: Uint8Array): DisplayValue {
  const buffer = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const shown = buffer.subarray(0, DISPLAY_LIMIT);
  const text = shown.toString('utf8');
  const cut = buffer.length > DISPLAY_LIMIT ? `… (${buffer.length} bytes)` : '';
  if (!NON_TEXT.test(text) || (buffer.length > DISPLAY_LIMIT && !NON_TEXT.test(text.slice(0, -1)))) {
    return text + cut;
  }
  return `0x${shown.toString('hex')}${cut}`;
}
