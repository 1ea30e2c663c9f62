import { expect } from 'chai';
import { gatewayRefuses } from '../../src';

describe('gatewayRefuses (internal/pkg/gateway/apiutils.go)', () => {
  it('accepts 200-399 only', () => {
    expect([99, 100, 199, 200, 399, 400, 500].map(gatewayRefuses)).to.deep.equal([
      true,
      true,
      true,
      false,
      false,
      true,
      true,
    ]);
  });
});
