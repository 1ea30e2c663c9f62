import { expect } from 'chai';
import { CommitError, EndorseError, GatewayError, isFabricError, validationCodeNumber } from '../src';
import { newEndorseError, newEvaluateError } from '../src/internal/error-builders';

const response = { status: 500, message: 'boom', payload: Buffer.alloc(0) };

describe('errors', () => {
  it('builds EndorseError with the peer text, per-peer details and the response as cause', () => {
    const error = newEndorseError(response, 'tx1', ['Org1MSP', 'Org2MSP']);
    expect(error).to.be.instanceOf(EndorseError).and.instanceOf(GatewayError).and.instanceOf(Error);
    expect(error).to.include({ name: 'EndorseError', message: 'chaincode response 500, boom', transactionId: 'tx1' });
    expect(error).to.include({ status: 500, chaincodeMessage: 'boom', code: 10 });
    expect(error.cause).to.equal(response);
    expect(error.details.map((detail) => detail.mspId)).to.deep.equal(['Org1MSP', 'Org2MSP']);
  });

  it('builds the evaluate GatewayError with the evaluate wording', () => {
    const error = newEvaluateError({ ...response, status: 404, message: 'gone' }, ['Org1MSP']);
    expect(error).to.include({
      name: 'GatewayError',
      message: 'evaluate call to endorser returned error: chaincode response 404, gone',
      code: 2,
      status: 404,
    });
  });

  it('builds CommitError as fabric-gateway words it', () => {
    const error = new CommitError({ validationCode: 'MVCC_READ_CONFLICT', transactionId: 'tx2', blockNumber: 7 });
    expect(error).to.include({
      name: 'CommitError',
      message: 'Transaction tx2 failed to commit with status code 11 (MVCC_READ_CONFLICT)',
      code: 11,
      validationCode: 'MVCC_READ_CONFLICT',
      blockNumber: 7,
    });
  });

  it('maps validation code names to TxValidationCode numbers', () => {
    expect(
      (
        ['VALID', 'DUPLICATE_TXID', 'ENDORSEMENT_POLICY_FAILURE', 'PHANTOM_READ_CONFLICT', 'INVALID_CHAINCODE'] as const
      ).map(validationCodeNumber),
    ).to.deep.equal([0, 9, 10, 12, 25]);
  });

  it('guards by kind; an EndorseError is a GatewayError; plain errors are not', () => {
    const endorse = newEndorseError(response, 'tx', []);
    const evaluate = newEvaluateError(response, []);
    const commit = new CommitError({ validationCode: 'VALID', transactionId: 't', blockNumber: 1 });
    expect([endorse, evaluate, commit].map((error) => isFabricError(error))).to.deep.equal([true, true, true]);
    expect(isFabricError(endorse, 'GatewayError')).to.equal(true);
    expect(isFabricError(endorse, 'EndorseError')).to.equal(true);
    expect(isFabricError(evaluate, 'EndorseError')).to.equal(false);
    expect(isFabricError(commit, 'GatewayError')).to.equal(false);
    expect(isFabricError(commit, 'CommitError')).to.equal(true);
    expect(isFabricError(Object.assign(new Error('x'), { name: 'CommitError' }))).to.equal(false);
    expect(isFabricError('CommitError')).to.equal(false);
  });
});
