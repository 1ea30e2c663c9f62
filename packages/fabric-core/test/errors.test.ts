import { expect } from 'chai';
import { FabricCoreError, isFabricCoreError, PolicyParseError } from '../src';

describe('fabric-core errors', () => {
  it('are told apart by a guard, and carry the fabric-testkit marker', () => {
    const error = new PolicyParseError('x', 'unexpected end');
    expect(error).to.be.instanceOf(FabricCoreError);
    expect(error.name).to.equal('PolicyParseError');
    expect(error.message).to.equal('invalid signature policy "x": unexpected end');
    expect(isFabricCoreError(error)).to.equal(true);
    expect(isFabricCoreError(new Error('x'))).to.equal(false);
    expect(error.isFabricTestkitError).to.equal(true);
  });
});
