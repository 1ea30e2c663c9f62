import { expect } from 'chai';
import { canonicalJson } from '../src';

describe('canonicalJson', () => {
  it('sorts object keys at every level and keeps array order', () => {
    expect(canonicalJson({ b: 1, a: { d: [{ z: 1, y: 2 }, 3], c: null } })).to.equal(
      '{"a":{"c":null,"d":[{"y":2,"z":1},3]},"b":1}',
    );
  });

  it('gives the same bytes whatever order properties were assigned in', () => {
    expect(canonicalJson({ Color: 'blue', ID: 'a1' })).to.equal(canonicalJson({ ID: 'a1', Color: 'blue' }));
  });
});
