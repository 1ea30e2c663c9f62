// Types for fabric-shim's contract bootstrap (lib/contract-spi/bootstrap.js), which ships without typings.
// Only what chaincode-main.ts calls, with the shapes bootstrap.js returns in fabric-shim 2.5.
declare module 'fabric-shim/lib/contract-spi/bootstrap' {
  interface ContractInfo {
    contracts: (new () => object)[];
    serializers: { transaction: string; serializers: Record<string, unknown> };
    title: string;
    version: string;
  }

  class Bootstrap {
    static getInfoFromContract(modulePath: string): ContractInfo;
    static getMetadata(modulePath: string): Promise<object>;
    static register(
      contracts: ContractInfo['contracts'],
      serializers: ContractInfo['serializers'],
      fileMetadata: object,
      title: string,
      version: string,
      opts: { ccid: string; address: string },
      serverMode: boolean,
    ): Promise<void>;
  }
  export = Bootstrap;
}
