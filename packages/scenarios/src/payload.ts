import type { Payload } from './types';

/**
 * Bytes as runs record them: `""` when empty, the parsed JSON value when the bytes are JSON, UTF-8 text when
 * they are valid UTF-8, else `{ base64 }`.
 */
export function decodePayload(bytes: Uint8Array): Payload {
  const buffer = Buffer.from(bytes);
  if (buffer.length === 0) return '';
  const text = buffer.toString('utf8');
  if (!Buffer.from(text, 'utf8').equals(buffer)) return { base64: buffer.toString('base64') };
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return text;
  }
}
