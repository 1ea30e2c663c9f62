import { expect } from 'chai';
import { validationCodeName, validationCodeNumber } from '../../src';

describe('TxValidationCode names and numbers', () => {
  it('maps both ways', () => {
    expect(validationCodeName(0)).to.equal('VALID');
    expect(validationCodeName(11)).to.equal('MVCC_READ_CONFLICT');
    expect(validationCodeNumber('ENDORSEMENT_POLICY_FAILURE')).to.equal(10);
    expect(validationCodeNumber('DUPLICATE_TXID')).to.equal(9);
  });

  it('has no name for a code Fabric does not define', () => {
    expect(validationCodeName(999)).to.equal(undefined);
  });
});
