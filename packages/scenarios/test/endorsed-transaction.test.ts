import { expect } from 'chai';
import { refusedOutcome, validationCodeName } from '../src';

describe('refusedOutcome (the gateway error of a refused proposal)', () => {
  it("splits the gateway's `chaincode response <status>, <message>` (internal/pkg/gateway/apiutils.go)", () => {
    const details = [{ address: 'peer0:7051', mspId: 'Org1MSP', message: 'chaincode response 404, not\nhere, sorry' }];
    expect(refusedOutcome({ message: '10 ABORTED: failed to endorse transaction', details })).to.deep.equal({
      status: 404,
      message: 'not\nhere, sorry',
      payload: '',
    });
  });

  it("gives the peer's own refusal as status 500 with its text, or the gateway's message without details (G-02)", () => {
    const details = [{ address: 'p', mspId: 'Org1MSP', message: 'make sure the chaincode x has been defined' }];
    expect(refusedOutcome({ message: 'ignored', details }).message).to.equal(
      'make sure the chaincode x has been defined',
    );
    expect(refusedOutcome({ message: '9 FAILED_PRECONDITION: no combination of peers', details: [] })).to.deep.equal({
      status: 500,
      message: 'no combination of peers',
      payload: '',
    });
  });
});

describe('validationCodeName', () => {
  it("spells Fabric's TxValidationCode names, and says when a code is unknown", () => {
    expect(validationCodeName(0)).to.equal('VALID');
    expect(validationCodeName(11)).to.equal('MVCC_READ_CONFLICT');
    expect(validationCodeName(12)).to.equal('PHANTOM_READ_CONFLICT');
    expect(validationCodeName(10)).to.equal('ENDORSEMENT_POLICY_FAILURE');
    expect(validationCodeName(999)).to.equal('UNKNOWN_VALIDATION_CODE_999');
  });
});
