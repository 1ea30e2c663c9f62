import { expect } from 'chai';
import { common, gateway, peer } from '@hyperledger/fabric-protos';
import { chaincodeActionOf } from '../../src';

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

describe('chaincodeActionOf (what the endorsing peers signed, in a gateway PreparedTransaction)', () => {
  it("reads the chaincode's status, message, payload and event out of the prepared transaction", () => {
    const action = chaincodeActionOf(
      preparedTransaction(chaincodeAction(201, 'created', '{"a":1}', ['Accepted', 'yes']), 'abc'),
    );
    expect([action.txId, action.response.status, action.response.message]).to.deep.equal(['abc', 201, 'created']);
    expect(Buffer.from(action.response.payload).toString()).to.equal('{"a":1}');
    expect(action.event?.name).to.equal('Accepted');
    expect(Buffer.from(action.event?.payload ?? []).toString()).to.equal('yes');
    expect(action.results).to.have.length(0);
  });

  it('has no event when the chaincode set none', () => {
    expect(chaincodeActionOf(preparedTransaction(chaincodeAction(200, '', '')))).not.to.have.property('event');
  });

  it('names what is missing in a malformed transaction', () => {
    expect(() => chaincodeActionOf(new gateway.PreparedTransaction().serializeBinary())).to.throw(
      "the gateway's prepared transaction is malformed: no envelope",
    );
  });
});
