/**
 * Two output-identical speed-ups for running fabric-shim and fabric-contract-api in-process, many transactions a
 * second, installed once per process when a mock fabric is created:
 *
 * - fabric-shim's `ClientIdentity` parses the creator's certificate with @fidm/x509 `Certificate.fromPEM` on every
 *   transaction (lib/chaincode.js); about a third of a submit. The parse is a pure function of the PEM and
 *   `ClientIdentity` only reads the result, so each certificate is parsed once per identity here.
 * - fabric-shim's and fabric-contract-api's winston loggers run their whole format pipeline (timestamp, metadata,
 *   colours) for every debug and info call, and only the transport drops what its level hides. Here a message whose
 *   level no transport prints is dropped before formatting. Messages at enabled (or unknown) levels go through as
 *   before, so what is printed does not change.
 */
import { createRequire } from 'node:module';
import { dirname } from 'node:path';

const requireHere = createRequire(__filename);

/** Most certificates kept parsed; a test suite has a few dozen identities. */
const MAX_PARSED_CERTIFICATES = 1000;
const LEVEL = Symbol.for('level');

interface X509Module {
  Certificate: { fromPEM(pem: Buffer | string): unknown };
}

interface WinstonLogger {
  levels: Record<string, number>;
  isLevelEnabled(level: string): boolean;
  write: (this: WinstonLogger, chunk: unknown, ...rest: unknown[]) => boolean;
}

interface WinstonModule {
  Logger: { prototype: WinstonLogger };
}

const patched = new WeakSet<object>();

/** Installs both speed-ups on the module instances fabric-shim and fabric-contract-api load. Idempotent. */
export function installShimSpeedups(): void {
  const shimDir = packageDir('fabric-shim');
  if (shimDir !== undefined) memoizeCertificateParsing(load<X509Module>('@fidm/x509', shimDir));
  for (const owner of ['fabric-shim', 'fabric-contract-api']) {
    const dir = packageDir(owner);
    if (dir !== undefined) skipDisabledLevels(load<WinstonModule>('winston', dir));
  }
}

/** Makes `Certificate.fromPEM` return the certificate parsed before for the same PEM. */
export function memoizeCertificateParsing(x509: X509Module | undefined): void {
  if (x509 === undefined || patched.has(x509.Certificate)) return;
  patched.add(x509.Certificate);
  const parse = x509.Certificate.fromPEM.bind(x509.Certificate);
  const parsed = new Map<string, unknown>();
  x509.Certificate.fromPEM = (pem: Buffer | string): unknown => {
    const key = typeof pem === 'string' ? pem : pem.toString('latin1');
    const known = parsed.get(key);
    if (known !== undefined) return known;
    const certificate = parse(pem);
    if (parsed.size >= MAX_PARSED_CERTIFICATES) parsed.clear();
    parsed.set(key, certificate);
    return certificate;
  };
}

/** Drops, before formatting, a log entry whose (known) level neither the logger nor any transport prints. */
export function skipDisabledLevels(winston: WinstonModule | undefined): void {
  const prototype = winston?.Logger.prototype;
  if (prototype === undefined || patched.has(prototype)) return;
  patched.add(prototype);
  const write = prototype.write;
  prototype.write = function (this: WinstonLogger, chunk: unknown, ...rest: unknown[]): boolean {
    const level = (chunk as { [LEVEL]?: unknown } | null)?.[LEVEL];
    if (typeof level === 'string' && level in this.levels && !this.isLevelEnabled(level)) return true;
    return write.call(this, chunk, ...rest);
  };
}

function packageDir(name: string): string | undefined {
  try {
    return dirname(requireHere.resolve(`${name}/package.json`));
  } catch {
    return undefined;
  }
}

/** The module instance `from`'s package loads (a nested copy, or the shared one). */
function load<T>(name: string, from: string): T | undefined {
  try {
    return requireHere(requireHere.resolve(name, { paths: [from] })) as T;
  } catch {
    return undefined;
  }
}
