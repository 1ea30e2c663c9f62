import { expect } from 'chai';
import { CommitError, EndorseError, GatewayError, isFabricError, validationCodeNumber } from '../src';
import { newEndorseError, newEvaluateError } from '../src/internal/error-builders';

const response = { status: 500, message: 'boom', payload: Buffer.alloc(0) };
const details = [
  { address: 'peer0.org1msp:7051', mspId: 'Org1MSP', message: 'chaincode response 500, boom' },
  { address: 'peer0.org2msp:7051', mspId: 'Org2MSP', message: 'ProposalResponsePayloads do not match' },
];
const refusal = {
  code: 'ABORTED',
  message: 'failed to collect enough transaction endorsements, see attached details for more info',
  details,
} as const;

/** The parts of an endorsement the error builder reads. */
function endorsement(txId: string, mismatch?: string): Parameters<typeof newEndorseError>[0] {
  return {
    txId,
    channel: 'c',
    chaincode: 'cc',
    fcn: 'f',
    identity: undefined as never,
    timestamp: new Date(0),
    endorsingOrganizations: ['Org1MSP', 'Org2MSP'],
    response,
    readWriteSet: { namespaces: [] },
    refusal,
    ...(mismatch === undefined ? {} : { mismatch }),
  };
}

describe('errors', () => {
  it("G-04 builds EndorseError with fabric-gateway's message (gRPC code, name, gateway text), the gateway's per-peer details and the failing response as cause", () => {
    const error = newEndorseError(endorsement('tx1'), refusal);
    expect(error).to.be.instanceOf(EndorseError).and.instanceOf(GatewayError).and.instanceOf(Error);
    expect(error).to.include({
      name: 'EndorseError',
      message: '10 ABORTED: failed to collect enough transaction endorsements, see attached details for more info',
      transactionId: 'tx1',
    });
    expect(error).to.include({ status: 500, chaincodeMessage: 'boom', code: 10 });
    expect(error.cause).to.equal(response);
    expect(error.details).to.deep.equal(details);
  });

  it('adds what differed on the lines after the gateway message when endorsers disagreed', () => {
    const error = newEndorseError(endorsement('tx1', 'transaction tx1 is not deterministic: two endorsements differ'), {
      ...refusal,
      code: 'FAILED_PRECONDITION',
    });
    expect(error.message).to.equal(
      '9 FAILED_PRECONDITION: failed to collect enough transaction endorsements, see attached details for more info\n' +
        'transaction tx1 is not deterministic: two endorsements differ',
    );
    expect(error.code).to.equal(9);
  });

  it('builds the evaluate GatewayError with the evaluate wording', () => {
    const error = newEvaluateError({ ...response, status: 404, message: 'gone' }, ['Org1MSP']);
    expect(error).to.include({
      name: 'GatewayError',
      message: '2 UNKNOWN: evaluate call to endorser returned error: chaincode response 404, gone',
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
    const endorse = newEndorseError(endorsement('tx'), refusal);
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
