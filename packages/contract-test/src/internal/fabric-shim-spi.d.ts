// Types for fabric-shim's contract SPI modules, which ship as plain JavaScript without typings.
// Internal: nothing public refers to these declarations.
declare module 'fabric-shim/lib/contract-spi/chaincodefromcontract' {
  import type { ChaincodeInterface, ChaincodeStub, ChaincodeResponse } from 'fabric-shim-api';
  import type { Contract } from 'fabric-contract-api';

  namespace ChaincodeFromContract {
    interface Serializers {
      transaction: string;
      serializers: Record<string, unknown>;
    }
    interface ContractImplementation {
      name: string;
      contractInstance: Contract;
    }
  }

  class ChaincodeFromContract implements ChaincodeInterface {
    constructor(
      contractClasses: (new () => Contract)[],
      serializers: ChaincodeFromContract.Serializers,
      metadata: object,
      title: string,
      version: string,
    );
    defaultContractName: string;
    metadata: { contracts: Record<string, unknown>; components: { schemas: Record<string, unknown> } };
    contractImplementations: Record<string, ChaincodeFromContract.ContractImplementation>;
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
    static getMetadata(modulePath: string): Promise<object>;
  }
  export = Bootstrap;
}

declare module 'fabric-shim/lib/logger' {
  export function getLogger(name?: string): unknown;
  export function setLevel(level: string): void;
}

declare module 'fabric-contract-api/lib/logger' {
  export function setLevel(level: string): void;
}
