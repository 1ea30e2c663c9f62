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
 * `code.tar.gz` holding `connection.json` with the server's address (TLS off: the server is on the host).
 */
export function ccaasPackage(label: string, connection: CcaasConnection): Buffer {
  const connectionJson = JSON.stringify({
    address: connection.address,
    dial_timeout: connection.dialTimeout ?? '10s',
    tls_required: false,
  });
  return chaincodePackage(label, 'ccaas', [{ path: 'connection.json', content: connectionJson }]);
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
