/**
 * CouchDB indexes packaged with a chaincode, read as the peer reads them at install: JSON files directly in
 * `META-INF/statedb/couchdb/indexes/` (chaincode indexes) and `META-INF/statedb/couchdb/collections/<name>/indexes/`
 * (per collection). Paths and messages follow Fabric's `internal/ccmetadata/validators.go` and
 * `core/common/ccprovider/cc_statedb_artifacts_provider.go`.
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import * as path from 'node:path';
import type { CouchDbIndexDefinition } from '@fabric-testkit/mock-stub';

const COUCHDB_DIR = path.join('META-INF', 'statedb', 'couchdb');
/** `AllowedCharsCollectionName` in validators.go. */
const COLLECTION_NAME = /^[A-Za-z0-9_-]+$/;

export interface PackagedIndexes {
  couchDbIndexes: CouchDbIndexDefinition[];
  collectionIndexes: Record<string, CouchDbIndexDefinition[]>;
}

/** Reads the indexes of the package at `modulePath`; a package without META-INF has none. */
export function readPackagedIndexes(modulePath: string): PackagedIndexes {
  const couchdbDir = path.join(modulePath, COUCHDB_DIR);
  const collectionIndexes: Record<string, CouchDbIndexDefinition[]> = {};
  const collectionsDir = path.join(couchdbDir, 'collections');
  for (const collection of subdirectories(collectionsDir)) {
    if (!COLLECTION_NAME.test(collection)) throw new Error(`collection name is not valid: ${collection}`);
    const indexes = readIndexDir(modulePath, path.join(collectionsDir, collection, 'indexes'));
    if (indexes.length > 0) collectionIndexes[collection] = indexes;
  }
  return { couchDbIndexes: readIndexDir(modulePath, path.join(couchdbDir, 'indexes')), collectionIndexes };
}

function subdirectories(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir).filter((name) => statSync(path.join(dir, name)).isDirectory());
}

function readIndexDir(modulePath: string, dir: string): CouchDbIndexDefinition[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir)
    .filter((name) => name.endsWith('.json') && statSync(path.join(dir, name)).isFile())
    .sort()
    .map((name) =>
      parseIndexFile(path.relative(modulePath, path.join(dir, name)).split(path.sep).join('/'), dir, name),
    );
}

/** `couchdbIndexFileValidator`: the file must be a JSON object with an `index.fields` list. */
function parseIndexFile(packagePath: string, dir: string, name: string): CouchDbIndexDefinition {
  let parsed: unknown;
  try {
    parsed = JSON.parse(readFileSync(path.join(dir, name), 'utf8'));
  } catch {
    throw new Error(`Index metadata file [${packagePath}] is not a valid JSON`);
  }
  if (!isIndexDefinition(parsed)) {
    throw new Error(
      `Index metadata file [${packagePath}] is not a valid index definition: an "index" object with a "fields" list is required`,
    );
  }
  return parsed;
}

function isIndexDefinition(value: unknown): value is CouchDbIndexDefinition {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
  const index = (value as { index?: unknown }).index;
  if (typeof index !== 'object' || index === null) return false;
  return Array.isArray((index as { fields?: unknown }).fields);
}
