import { Shim, type ChaincodeInterface, type ChaincodeResponse, type ChaincodeStub } from 'fabric-shim';

/** A minimal key-value chaincode: `put key value` (emits `Put`), `get key`, `whoami` (the caller's `role` attribute). */
export class KvChaincode implements ChaincodeInterface {
  Init(): Promise<ChaincodeResponse> {
    return Promise.resolve(Shim.success());
  }

  async Invoke(stub: ChaincodeStub): Promise<ChaincodeResponse> {
    const { fcn, params } = stub.getFunctionAndParameters();
    const [key = '', value = ''] = params;
    switch (fcn) {
      case 'put':
        await stub.putState(key, Buffer.from(value));
        stub.setEvent('Put', Buffer.from(JSON.stringify({ key, value })));
        return Shim.success(Buffer.from(value));
      case 'get':
        return Shim.success(await stub.getState(key));
      case 'whoami': {
        const identity = new (await import('fabric-shim')).ClientIdentity(stub);
        return Shim.success(Buffer.from(`${identity.getMSPID()}:${identity.getAttributeValue('role') ?? ''}`));
      }
      default:
        return Shim.error(Buffer.from(`unknown function ${fcn}`).toString());
    }
  }
}
