import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { expect } from 'chai';
import { readPackagedIndexes } from '../../src/internal/couchdb-indexes';

const OWNER_INDEX = {
  index: { fields: ['docType', 'owner'] },
  ddoc: 'indexOwnerDoc',
  name: 'indexOwner',
  type: 'json',
};

describe('packaged CouchDB indexes (internal/ccmetadata/validators.go)', () => {
  let dir: string;

  function write(relative: string, content: string): void {
    const file = path.join(dir, ...relative.split('/'));
    mkdirSync(path.dirname(file), { recursive: true });
    writeFileSync(file, content);
  }

  beforeEach(() => {
    dir = mkdtempSync(path.join(tmpdir(), 'ftk-indexes-'));
  });

  afterEach(() => {
    rmSync(dir, { recursive: true, force: true });
  });

  it('finds none in a package without META-INF', () => {
    expect(readPackagedIndexes(dir)).to.deep.equal({ couchDbIndexes: [], collectionIndexes: {} });
  });

  it('reads chaincode and per-collection indexes, JSON files only, in name order', () => {
    write('META-INF/statedb/couchdb/indexes/b.json', JSON.stringify(OWNER_INDEX));
    write('META-INF/statedb/couchdb/indexes/a.json', JSON.stringify({ index: { fields: ['size'] } }));
    write('META-INF/statedb/couchdb/indexes/notes.txt', 'not an index');
    write('META-INF/statedb/couchdb/collections/assetCollection/indexes/c.json', JSON.stringify(OWNER_INDEX));
    expect(readPackagedIndexes(dir)).to.deep.equal({
      couchDbIndexes: [{ index: { fields: ['size'] } }, OWNER_INDEX],
      collectionIndexes: { assetCollection: [OWNER_INDEX] },
    });
  });

  it("refuses a file that is not JSON with the peer's message", () => {
    write('META-INF/statedb/couchdb/indexes/bad.json', '{ not json');
    expect(() => readPackagedIndexes(dir)).to.throw(
      'Index metadata file [META-INF/statedb/couchdb/indexes/bad.json] is not a valid JSON',
    );
  });

  it('refuses JSON that is not an index definition', () => {
    write('META-INF/statedb/couchdb/indexes/empty.json', '{}');
    expect(() => readPackagedIndexes(dir)).to.throw(
      'Index metadata file [META-INF/statedb/couchdb/indexes/empty.json] is not a valid index definition',
    );
  });

  it('refuses a collection directory whose name a peer would not accept', () => {
    write('META-INF/statedb/couchdb/collections/bad name/indexes/x.json', JSON.stringify(OWNER_INDEX));
    expect(() => readPackagedIndexes(dir)).to.throw('collection name is not valid: bad name');
  });
});
