import { expect } from 'chai';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync, mkdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ccaasPackage, chaincodePackage, nodePackage, statedbEntries } from '../../src/lifecycle/chaincode-package';

function extract(archive: Buffer): { dir: string; files: string[] } {
  const dir = mkdtempSync(join(tmpdir(), 'ftk-pkg-'));
  writeFileSync(join(dir, 'pkg.tar.gz'), archive);
  const files = execFileSync('tar', ['-tzf', 'pkg.tar.gz'], { cwd: dir }).toString().trim().split('\n');
  execFileSync('tar', ['-xzf', 'pkg.tar.gz'], { cwd: dir });
  return { dir, files };
}

describe('chaincode packages', () => {
  it('ccaas: metadata.json (type ccaas, label) and code.tar.gz with connection.json', () => {
    const { dir, files } = extract(ccaasPackage('kv_1.0', { address: 'host.fabric-testkit.internal:9999' }));
    try {
      expect(files).to.deep.equal(['metadata.json', 'code.tar.gz']);
      expect(JSON.parse(readFileSync(join(dir, 'metadata.json'), 'utf8'))).to.deep.equal({
        type: 'ccaas',
        label: 'kv_1.0',
      });
      const code = extract(readFileSync(join(dir, 'code.tar.gz')));
      try {
        expect(code.files).to.deep.equal(['connection.json']);
        expect(JSON.parse(readFileSync(join(code.dir, 'connection.json'), 'utf8'))).to.deep.equal({
          address: 'host.fabric-testkit.internal:9999',
          dial_timeout: '10s',
          tls_required: false,
        });
      } finally {
        rmSync(code.dir, { recursive: true, force: true });
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('ccaas: META-INF/statedb files go into code.tar.gz byte for byte, where the peer looks for indexes', async () => {
    const metaInf = mkdtempSync(join(tmpdir(), 'ftk-meta-'));
    try {
      mkdirSync(join(metaInf, 'statedb', 'couchdb', 'indexes'), { recursive: true });
      mkdirSync(join(metaInf, 'statedb', 'couchdb', 'collections', 'c1', 'indexes'), { recursive: true });
      writeFileSync(join(metaInf, 'statedb', 'couchdb', 'indexes', 'a.json'), '{"index":{"fields":["a"]}}');
      writeFileSync(join(metaInf, 'statedb', 'couchdb', 'collections', 'c1', 'indexes', 'b.json'), 'not json');
      writeFileSync(join(metaInf, 'metadata.json'), '{}');
      const entries = await statedbEntries(metaInf);
      expect(entries.map((e) => e.path)).to.deep.equal([
        'META-INF/statedb/couchdb/collections/c1/indexes/b.json',
        'META-INF/statedb/couchdb/indexes/a.json',
      ]);
      const { dir } = extract(ccaasPackage('kv_1.0', { address: 'h:1' }, entries));
      const code = extract(readFileSync(join(dir, 'code.tar.gz')));
      try {
        expect(code.files).to.deep.equal(['connection.json', ...entries.map((e) => e.path)]);
        // Not validated here: the peer validates index files at install, with its own errors.
        expect(readFileSync(join(code.dir, 'META-INF/statedb/couchdb/collections/c1/indexes/b.json'), 'utf8')).to.equal(
          'not json',
        );
      } finally {
        rmSync(dir, { recursive: true, force: true });
        rmSync(code.dir, { recursive: true, force: true });
      }
      expect(await statedbEntries(join(metaInf, 'nothing-here'))).to.deep.equal([]);
    } finally {
      rmSync(metaInf, { recursive: true, force: true });
    }
  });

  it('is deterministic: the same input gives the same bytes (and so the same package ID)', () => {
    const a = ccaasPackage('kv_1.0', { address: 'h:1' });
    const b = ccaasPackage('kv_1.0', { address: 'h:1' });
    expect(a.equals(b)).to.equal(true);
    expect(a.equals(ccaasPackage('kv_1.0', { address: 'h:2' }))).to.equal(false);
  });

  it('node: every project file under src/, without node_modules and dot-directories', async () => {
    const project = mkdtempSync(join(tmpdir(), 'ftk-node-'));
    try {
      mkdirSync(join(project, 'lib'));
      mkdirSync(join(project, 'node_modules', 'x'), { recursive: true });
      mkdirSync(join(project, '.git'));
      writeFileSync(join(project, 'package.json'), '{"name":"cc"}');
      writeFileSync(join(project, 'lib', 'index.js'), 'module.exports = {};');
      writeFileSync(join(project, 'node_modules', 'x', 'index.js'), '');
      writeFileSync(join(project, '.git', 'HEAD'), '');
      const { dir } = extract(await nodePackage('cc_1', project));
      try {
        expect(JSON.parse(readFileSync(join(dir, 'metadata.json'), 'utf8'))).to.deep.equal({
          type: 'node',
          label: 'cc_1',
        });
        const code = extract(readFileSync(join(dir, 'code.tar.gz')));
        expect(code.files).to.deep.equal(['src/lib/index.js', 'src/package.json']);
        rmSync(code.dir, { recursive: true, force: true });
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    } finally {
      rmSync(project, { recursive: true, force: true });
    }
  });

  it('rejects labels Fabric rejects', () => {
    expect(() => chaincodePackage('bad label', 'ccaas', [])).to.throw('invalid chaincode label "bad label"');
    expect(() => chaincodePackage('', 'ccaas', [])).to.throw('invalid chaincode label');
  });

  it('rejects tar paths longer than 100 bytes', () => {
    expect(() => chaincodePackage('x', 'node', [{ path: 'a'.repeat(101), content: '' }])).to.throw(
      'longer than 100 bytes',
    );
  });
});
