import { readdir, readFile } from 'node:fs/promises';
import { join, relative, sep } from 'node:path';
import { tarGz, type TarEntry } from './tar';

/** Where the peer reaches a chaincode that runs as a service. */
export interface CcaasConnection {
  /** `host:port` as the peer (inside its container) reaches the chaincode server. */
  readonly address: string;
  /** How long the peer waits to connect. Default `10s`. */
  readonly dialTimeout?: string;
}

/**
 * A chaincode-as-a-service package, as the ccaas builder reads it: `metadata.json` (`type: ccaas`) and
 * `code.tar.gz` holding `connection.json` with the server's address (TLS off: the server is on the host), and any
 * `META-INF/statedb/...` files (CouchDB indexes), which the peer takes from code.tar.gz at install
 * (core/common/ccprovider/targzmetadataprovider.go, `MetadataAsTarEntries`).
 */
export function ccaasPackage(label: string, connection: CcaasConnection, metadata: readonly TarEntry[] = []): Buffer {
  const connectionJson = JSON.stringify({
    address: connection.address,
    dial_timeout: connection.dialTimeout ?? '10s',
    tls_required: false,
  });
  return chaincodePackage(label, 'ccaas', [{ path: 'connection.json', content: connectionJson }, ...metadata]);
}

/**
 * The state database files of a chaincode's `META-INF` directory (`statedb/couchdb/indexes/*.json` and
 * `statedb/couchdb/collections/<name>/indexes/*.json`), as `META-INF/statedb/...` entries, byte for byte: the peer
 * validates them itself at install (internal/ccmetadata/validators.go), so a bad index fails as on a real deploy.
 * None when the directory has no `statedb`.
 */
export async function statedbEntries(metaInfDir: string): Promise<TarEntry[]> {
  const statedb = join(metaInfDir, 'statedb');
  const files = await listFiles(statedb).catch((e: NodeJS.ErrnoException) => {
    if (e.code === 'ENOENT') return [];
    throw e;
  });
  return Promise.all(
    files.map(async (file) => ({
      path: `META-INF/statedb/${relative(statedb, file).split(sep).join('/')}`,
      content: await readFile(file),
    })),
  );
}

/**
 * A `node` chaincode package from a project directory (the peer builds it with `npm install`):
 * every file below `directory` except `node_modules` and dot-directories goes under `src/`.
 */
export async function nodePackage(label: string, directory: string): Promise<Buffer> {
  const files = await listFiles(directory);
  const entries = await Promise.all(
    files.map(async (file) => ({
      path: `src/${relative(directory, file).split(sep).join('/')}`,
      content: await readFile(file),
    })),
  );
  return chaincodePackage(label, 'node', entries);
}

/** The package format `peer lifecycle chaincode package` writes: metadata.json and code.tar.gz, gzipped tar. */
export function chaincodePackage(label: string, type: string, code: readonly TarEntry[]): Buffer {
  if (!/^[A-Za-z0-9]+([.+\-_][A-Za-z0-9]+)*$/.test(label)) {
    throw new Error(`invalid chaincode label ${JSON.stringify(label)}: Fabric allows [A-Za-z0-9] with . + - _ between`);
  }
  return tarGz([
    { path: 'metadata.json', content: JSON.stringify({ type, label }) },
    { path: 'code.tar.gz', content: tarGz(code) },
  ]);
}

async function listFiles(directory: string): Promise<string[]> {
  const result: string[] = [];
  for (const entry of await readdir(directory, { withFileTypes: true })) {
    if (entry.name === 'node_modules' || entry.name.startsWith('.')) {
      continue;
    }
    const path = join(directory, entry.name);
    if (entry.isDirectory()) {
      result.push(...(await listFiles(path)));
    } else if (entry.isFile()) {
      result.push(path);
    }
  }
  return result.sort();
}
