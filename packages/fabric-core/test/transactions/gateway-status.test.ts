import { expect } from 'chai';
import { chaincodeResponseOfDetail, gatewayRefuses } from '../../src';

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

describe('chaincodeResponseOfDetail (apiutils.go responseStatus)', () => {
  it("splits `chaincode response <status>, <message>`, keeping the message's commas and lines", () => {
    expect(chaincodeResponseOfDetail('chaincode response 404, not\nhere, sorry')).to.deep.equal({
      status: 404,
      message: 'not\nhere, sorry',
    });
  });

  it("gives a peer's own refusal as status 500 with its text", () => {
    expect(chaincodeResponseOfDetail('access denied: channel [c] creator org unknown')).to.deep.equal({
      status: 500,
      message: 'access denied: channel [c] creator org unknown',
    });
  });
});
