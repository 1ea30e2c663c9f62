import { expect } from 'chai';
import { chaincodeServerLogLevel, quietInProcessChaincode } from '../src/chaincode-log-level';

describe('the chaincode log level of the CLI process', () => {
  it('is CRITICAL in process and INFO for chaincode servers when the user set none', () => {
    const env: NodeJS.ProcessEnv = {};
    quietInProcessChaincode(env);
    expect(env['CORE_CHAINCODE_LOGGING_LEVEL']).to.equal('CRITICAL');
    expect(chaincodeServerLogLevel()).to.equal('INFO');
  });

  it("is the user's, in process and for chaincode servers, when set", () => {
    const env: NodeJS.ProcessEnv = { CORE_CHAINCODE_LOGGING_LEVEL: 'DEBUG' };
    quietInProcessChaincode(env);
    expect(env['CORE_CHAINCODE_LOGGING_LEVEL']).to.equal('DEBUG');
    expect(chaincodeServerLogLevel()).to.equal('DEBUG');
  });
});
