import { createHash } from 'node:crypto';
import { ccaasPackage } from '@fabric-testkit/test-harness';
import { expect } from 'chai';
import { packageIdOf } from '../../src/upgrade/package-mismatch-drill';

describe('packageIdOf', () => {
  it('is the label and the SHA-256 of the package bytes, as a peer computes it', () => {
    const pkg = ccaasPackage('cc_1', { address: 'host:1' });
    expect(packageIdOf('cc_1', pkg)).to.equal(`cc_1:${createHash('sha256').update(pkg).digest('hex')}`);
    expect(packageIdOf('cc_1', ccaasPackage('cc_1', { address: 'host:2' }))).to.not.equal(packageIdOf('cc_1', pkg));
  });
});
