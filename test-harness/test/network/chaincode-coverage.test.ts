import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect } from 'chai';
import { ChaincodeCoverage, goProfileToLcov } from '../../src/network/chaincode-coverage';

describe('chaincode coverage (chaincode-coverage.ts)', () => {
  it("turns a Go coverage profile into lcov, each line the highest count of its blocks, the module's files under the package", () => {
    const profile = [
      'mode: set',
      'example.com/cc/contract.go:10.2,12.3 2 1',
      'example.com/cc/contract.go:12.3,13.4 1 0',
      'example.com/cc/main.go:5.1,5.9 1 0',
      'other.org/lib/x.go:1.1,1.2 1 1',
    ].join('\n');
    expect(goProfileToLcov(profile, 'example.com/cc', '/src/cc')).to.equal(
      [
        'TN:',
        'SF:/src/cc/contract.go',
        'DA:10,1',
        'DA:11,1',
        'DA:12,1',
        'DA:13,0',
        'LF:4',
        'LH:3',
        'end_of_record',
        'TN:',
        'SF:/src/cc/main.go',
        'DA:5,0',
        'LF:1',
        'LH:0',
        'end_of_record',
        'TN:',
        'SF:other.org/lib/x.go',
        'DA:1,1',
        'LF:1',
        'LH:1',
        'end_of_record',
        '',
      ].join('\n'),
    );
    expect(goProfileToLcov('mode: set\n', 'example.com/cc', '/src/cc')).to.equal('');
  });

  it('instruments Node and Go chaincode by environment (and -cover), and leaves a server program as it is', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'coverage-'));
    try {
      const coverage = new ChaincodeCoverage(dir);
      const go = coverage.instrument('go-cc', { go: '/src/cc' });
      expect(go.program).to.deep.equal({ go: '/src/cc', cover: true });
      expect(go.environment.GOCOVERDIR).to.match(/\.raw\/go-cc-0$/);
      const node = coverage.instrument('node-cc', { contractPackage: '/src/node-cc' });
      expect(node.environment.NODE_V8_COVERAGE).to.match(/\.raw\/node-cc-1$/);
      const program = { server: { command: 'java' } };
      expect(coverage.instrument('java-cc', program)).to.deep.equal({ program, environment: {} });
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
