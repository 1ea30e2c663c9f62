import { expect } from 'chai';
import type { ChaincodeClient, StartedMockNetwork } from '../../src';
import { failureOf, kvNetwork } from './helpers';

describe('chai: rejectedWithChaincodeError', () => {
  let network: StartedMockNetwork;
  let cc: ChaincodeClient;

  beforeEach(async () => {
    ({ network, cc } = await kvNetwork());
  });

  afterEach(() => network.stop());

  it('passes on a chaincode error from submit, evaluate or endorse, by status and message', async () => {
    await expect(cc.submit('Get', 'x')).to.be.rejectedWithChaincodeError();
    await expect(cc.submit('Get', 'x')).to.be.rejectedWithChaincodeError(500, 'x not found');
    await expect(cc.evaluate('Get', 'x')).to.be.rejectedWithChaincodeError(500, /not found$/);
    await expect(cc.endorse('Get', 'x')).to.be.rejectedWithChaincodeError(500);
  });

  it('passes negated on success or on another chaincode error', async () => {
    await cc.submit('Put', 'x', '1');
    await expect(cc.evaluate('Get', 'x')).not.to.be.rejectedWithChaincodeError();
    await expect(cc.submit('Get', 'y')).not.to.be.rejectedWithChaincodeError(500, 'x not found');
    await expect(cc.submit('Get', 'y')).not.to.be.rejectedWithChaincodeError(400);
  });

  it('fails with the expected and actual error', async () => {
    expect(
      await failureOf(() => expect(cc.submit('Put', 'x', '1')).to.be.rejectedWithChaincodeError(500, 'x not found')),
    ).to.equal('Expected the transaction to be rejected with a chaincode error 500 "x not found", but it succeeded');
    expect(await failureOf(() => expect(cc.submit('Get', 'y')).to.be.rejectedWithChaincodeError(500, /^x/))).to.equal(
      'Expected the transaction to be rejected with a chaincode error 500 /^x/, but it was rejected with chaincode error 500 "y not found"',
    );
  });

  it('fails negated when the error matches', async () => {
    expect(await failureOf(() => expect(cc.submit('Get', 'y')).not.to.be.rejectedWithChaincodeError(500))).to.equal(
      'Expected the transaction not to be rejected with a chaincode error 500, but it was',
    );
  });

  it('fails on a rejection that is not a chaincode error, negated or not', async () => {
    const boom = Promise.reject(new Error('boom'));
    expect(await failureOf(() => expect(boom).to.be.rejectedWithChaincodeError())).to.equal(
      'Expected the transaction to be rejected with a chaincode error, but it was rejected with Error: boom',
    );
    expect(
      await failureOf(() => expect(Promise.reject(new Error('boom'))).not.to.be.rejectedWithChaincodeError()),
    ).to.equal('Expected the transaction to be rejected with a chaincode error, but it was rejected with Error: boom');
    expect(() => expect('x').to.be.rejectedWithChaincodeError()).to.throw(
      TypeError,
      'rejectedWithChaincodeError: expected a promise (submit, evaluate, endorse)',
    );
  });
});
