import { gzipSync } from 'node:zlib';

/** A file to put into a tar archive. */
export interface TarEntry {
  /** The path inside the archive, `/`-separated, at most 100 bytes. */
  readonly path: string;
  readonly content: Uint8Array | string;
  /** Default 0o644. */
  readonly mode?: number;
}

/**
 * Writes a gzipped POSIX ustar archive of regular files, with fixed modification times and owners so the
 * same input always gives the same bytes (and so the same chaincode package ID).
 */
export function tarGz(entries: readonly TarEntry[]): Buffer {
  const blocks: Buffer[] = [];
  for (const entry of entries) {
    const content = Buffer.from(entry.content);
    blocks.push(header(entry.path, content.length, entry.mode ?? 0o644), content);
    const padding = (512 - (content.length % 512)) % 512;
    blocks.push(Buffer.alloc(padding));
  }
  blocks.push(Buffer.alloc(1024));
  return gzipSync(Buffer.concat(blocks));
}

function header(path: string, size: number, mode: number): Buffer {
  const name = Buffer.from(path);
  if (name.length > 100) {
    throw new Error(`tar path longer than 100 bytes: ${path}`);
  }
  const block = Buffer.alloc(512);
  name.copy(block, 0);
  block.write(octal(mode, 7), 100, 'ascii');
  block.write(octal(0, 7), 108, 'ascii');
  block.write(octal(0, 7), 116, 'ascii');
  block.write(octal(size, 11), 124, 'ascii');
  block.write(octal(0, 11), 136, 'ascii');
  block.fill(0x20, 148, 156);
  block.write('0', 156, 'ascii');
  block.write('ustar\u0000', 257, 'ascii');
  block.write('00', 263, 'ascii');
  let checksum = 0;
  for (const byte of block) {
    checksum += byte;
  }
  block.write(`${octal(checksum, 6)} `, 148, 'ascii');
  return block;
}

function octal(value: number, width: number): string {
  return `${value.toString(8).padStart(width, '0')}\u0000`;
}
