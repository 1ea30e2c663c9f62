// Types for the two fabric-shim contract SPI modules the ccaas entry point uses; they ship without typings.
declare module 'fabric-shim/lib/contract-spi/chaincodefromcontract' {
  import type { ChaincodeInterface, ChaincodeStub, ChaincodeResponse } from 'fabric-shim-api';
  import type { Contract } from 'fabric-contract-api';

  class ChaincodeFromContract implements ChaincodeInterface {
    constructor(
      contractClasses: (new () => Contract)[],
      serializers: { transaction: string; serializers: Record<string, unknown> },
      metadata: object,
      title: string,
      version: string,
    );
    Init(stub: ChaincodeStub): Promise<ChaincodeResponse>;
    Invoke(stub: ChaincodeStub): Promise<ChaincodeResponse>;
  }
  export = ChaincodeFromContract;
}

declare module 'fabric-shim/lib/contract-spi/bootstrap' {
  import type { Contract } from 'fabric-contract-api';

  class Bootstrap {
    static getInfoFromContract(modulePath: string): {
      contracts: (new () => Contract)[];
      serializers: { transaction: string; serializers: Record<string, unknown> };
      title: string;
      version: string;
    };
  }
  export = Bootstrap;
}
