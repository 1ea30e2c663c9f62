import { expect } from 'chai';
import { common, gateway, peer } from '@hyperledger/fabric-protos';
import { endorsedOutcome, refusedOutcome, validationCodeName } from '../src';

/** A `PreparedTransaction` as fabric-gateway returns it from `endorse()`, around one chaincode action. */
function preparedTransaction(action: peer.ChaincodeAction, txId = 'tx-1'): Uint8Array {
  const responsePayload = new peer.ProposalResponsePayload();
  responsePayload.setExtension$(action.serializeBinary());
  const endorsed = new peer.ChaincodeEndorsedAction();
  endorsed.setProposalResponsePayload(responsePayload.serializeBinary());
  const actionPayload = new peer.ChaincodeActionPayload();
  actionPayload.setAction(endorsed);
  const transactionAction = new peer.TransactionAction();
  transactionAction.setPayload(actionPayload.serializeBinary());
  const transaction = new peer.Transaction();
  transaction.setActionsList([transactionAction]);
  const payload = new common.Payload();
  payload.setData(transaction.serializeBinary());
  const envelope = new common.Envelope();
  envelope.setPayload(payload.serializeBinary());
  const prepared = new gateway.PreparedTransaction();
  prepared.setTransactionId(txId);
  prepared.setEnvelope(envelope);
  return prepared.serializeBinary();
}

function chaincodeAction(
  status: number,
  message: string,
  payload: string,
  event?: [string, string],
): peer.ChaincodeAction {
  const response = new peer.Response();
  response.setStatus(status);
  response.setMessage(message);
  response.setPayload(Buffer.from(payload));
  const action = new peer.ChaincodeAction();
  action.setResponse(response);
  if (event !== undefined) {
    const chaincodeEvent = new peer.ChaincodeEvent();
    chaincodeEvent.setEventName(event[0]);
    chaincodeEvent.setPayload(Buffer.from(event[1]));
    action.setEvents(chaincodeEvent.serializeBinary());
  }
  return action;
}

describe('endorsedOutcome (what the endorsing peers signed)', () => {
  it("reads the chaincode's status, message, payload and event out of the prepared transaction", () => {
    const bytes = preparedTransaction(chaincodeAction(201, 'created', '{"a":1}', ['Accepted', 'yes']), 'abc');
    expect(endorsedOutcome(bytes)).to.deep.equal({
      status: 201,
      message: 'created',
      payload: { a: 1 },
      txId: 'abc',
      event: { name: 'Accepted', payload: 'yes' },
      readWriteSet: {},
    });
  });

  it('has no event when the chaincode set none', () => {
    expect(endorsedOutcome(preparedTransaction(chaincodeAction(200, '', '')))).to.deep.equal({
      status: 200,
      message: '',
      payload: '',
      txId: 'tx-1',
      readWriteSet: {},
    });
  });

  it('names what is missing in a malformed transaction', () => {
    expect(() => endorsedOutcome(new gateway.PreparedTransaction().serializeBinary())).to.throw(
      "the gateway's prepared transaction is malformed: no envelope",
    );
  });
});

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
