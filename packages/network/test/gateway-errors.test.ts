import { expect } from 'chai';
import { Metadata, status, type ServiceError } from '@grpc/grpc-js';
import { EndorseError as FabricEndorseError, GatewayError as FabricGatewayError } from '@hyperledger/fabric-gateway';
import { isFabricError } from '../src';
import { fromGatewayError } from '../src/fabric/gateway-errors';

function serviceError(code: status, details: string): ServiceError {
  return Object.assign(new Error(`${code} ${status[code]}: ${details}`), { code, details, metadata: new Metadata() });
}

describe('fabric-gateway errors as the two-target API reports them', () => {
  it("reads the chaincode's status and message from the first failing peer's detail (apiutils.go)", () => {
    const message = '10 ABORTED: failed to endorse transaction, see attached details for more info';
    const converted = fromGatewayError(
      new FabricEndorseError({
        code: status.ABORTED,
        details: [{ address: 'peer0.org1:7051', mspId: 'Org1MSP', message: 'chaincode response 500, k not found' }],
        cause: serviceError(status.ABORTED, 'failed to endorse transaction, see attached details for more info'),
        transactionId: 'tx1',
        message,
      }),
    );
    expect(isFabricError(converted, 'EndorseError')).to.equal(true);
    if (!isFabricError(converted, 'EndorseError')) return;
    expect([converted.message, converted.code, converted.status, converted.chaincodeMessage]).to.deep.equal([
      message,
      10,
      500,
      'k not found',
    ]);
    expect(converted.transactionId).to.equal('tx1');
  });

  it("keeps a peer's own refusal as status 500 with its text, and the gateway's text when no peer answered", () => {
    const refused = fromGatewayError(
      new FabricGatewayError({
        code: status.UNKNOWN,
        details: [{ address: 'p', mspId: 'Org1MSP', message: 'access denied: channel [c] creator org unknown' }],
        cause: serviceError(status.UNKNOWN, 'x'),
      }),
    );
    expect(isFabricError(refused, 'GatewayError') && [refused.status, refused.chaincodeMessage]).to.deep.equal([
      500,
      'access denied: channel [c] creator org unknown',
    ]);
    const planned = fromGatewayError(
      new FabricGatewayError({
        code: status.FAILED_PRECONDITION,
        details: [],
        cause: serviceError(status.FAILED_PRECONDITION, 'no combination of peers can be derived'),
        message: '9 FAILED_PRECONDITION: no combination of peers can be derived',
      }),
    );
    expect(isFabricError(planned) && planned.message).to.equal(
      '9 FAILED_PRECONDITION: no combination of peers can be derived',
    );
    expect(isFabricError(planned, 'GatewayError') && planned.chaincodeMessage).to.equal(
      'no combination of peers can be derived',
    );
    const other = new Error('not the gateway');
    expect(fromGatewayError(other)).to.equal(other);
  });
});
