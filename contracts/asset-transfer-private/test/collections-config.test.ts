import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { expect } from 'chai';
import { readCollectionsConfig } from './collections-config';

describe('readCollectionsConfig (no network)', () => {
  let dir: string;

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'collections-'));
  });

  afterEach(() => {
    rmSync(dir, { recursive: true, force: true });
  });

  function read(collections: unknown): () => unknown {
    const file = join(dir, 'collections_config.json');
    writeFileSync(file, JSON.stringify(collections));
    return () => readCollectionsConfig(file);
  }

  it("reads the package's collections_config.json with every field", () => {
    expect(readCollectionsConfig(resolve(__dirname, '..', '..', 'collections_config.json'))).to.deep.equal([
      {
        name: 'assetCollection',
        policy: "OR('Org1MSP.member', 'Org2MSP.member')",
        requiredPeerCount: 1,
        maxPeerCount: 1,
        blockToLive: 1000000,
        memberOnlyRead: true,
        memberOnlyWrite: true,
      },
    ]);
  });

  it('reads a collection-level endorsement policy', () => {
    const collection = { name: 'c', policy: "OR('Org1MSP.member')", endorsementPolicy: { signaturePolicy: 'x' } };
    expect(read([collection])()).to.deep.equal([collection]);
  });

  it('refuses a misspelt field, a field of the wrong type, a missing name or policy, and a non-array', () => {
    expect(read([{ name: 'c', policy: 'p', memberOnlyread: true }])).to.throw(/\[0\]: unknown field memberOnlyread/);
    expect(read([{ name: 'c', policy: 'p', blockToLive: '10' }])).to.throw(/\[0\]\.blockToLive: expected a number/);
    expect(read([{ name: 'c', policy: 'p', endorsementPolicy: { signature: 'x' } }])).to.throw(
      /\[0\]\.endorsementPolicy: unknown field signature/,
    );
    expect(read([{ name: 'c' }])).to.throw(/\[0\]: policy is required/);
    expect(read([null])).to.throw(/\[0\]: expected an object/);
    expect(read({ name: 'c' })).to.throw(/expected an array of collections/);
  });
});
