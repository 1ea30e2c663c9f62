/**
 * A test-only chaincode that runs the sample's own transactions two at a time in one transaction, so the suite can
 * show what the real peer does with a paginated query and a write in the same transaction (S-15): the sample
 * itself never combines them.
 */
import type { Context } from 'fabric-contract-api';
import { Shim, type ChaincodeInterface, type ChaincodeStub, type ChaincodeResponse } from 'fabric-shim';
import { AssetQueryContract } from '../src';

export class PagingWriterChaincode implements ChaincodeInterface {
  private readonly contract = new AssetQueryContract();

  public Init(): Promise<ChaincodeResponse> {
    return Promise.resolve(Shim.success());
  }

  public async Invoke(stub: ChaincodeStub): Promise<ChaincodeResponse> {
    const ctx = { stub } as unknown as Context;
    const { fcn, params } = stub.getFunctionAndParameters();
    const [id = '', owner = ''] = params;
    try {
      if (fcn === 'CreateAsset') {
        await this.contract.CreateAsset(ctx, id, 'blue', 1, owner, 100);
      } else if (fcn === 'PageThenWrite') {
        await this.contract.GetAssetsByRangeWithPagination(ctx, '', '', 2, '');
        await this.contract.TransferAsset(ctx, id, owner);
      } else if (fcn === 'WriteThenPage') {
        await this.contract.TransferAsset(ctx, id, owner);
        await this.contract.GetAssetsByRangeWithPagination(ctx, '', '', 2, '');
      } else {
        return Shim.error(`unknown function ${fcn}`);
      }
      return Shim.success();
    } catch (e) {
      return Shim.error(e instanceof Error ? e.message : String(e));
    }
  }
}
