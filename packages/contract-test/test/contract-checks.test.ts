import 'reflect-metadata';
import { expect } from 'chai';
import { Context, Contract, Transaction } from 'fabric-contract-api';
import { MockNetwork } from '../src';
import { checkClassTransformer } from '../src/internal/contract-checks';

/** A contract as tsx/esbuild compile it: decorators applied, but no `design:paramtypes` metadata. */
class NoMetadataContract extends Contract {
  public async Create(ctx: Context, id: string, owner: string): Promise<void> {
    await ctx.stub.putState(id, Buffer.from(owner));
  }

  public async Count(ctx: Context): Promise<string> {
    return Promise.resolve(ctx.stub.getTxID() === '' ? '0' : '1');
  }
}
for (const name of ['Create', 'Count'] as const) Transaction()(NoMetadataContract.prototype, name);

describe('what new users trip over is caught at deploy, with the fix', () => {
  it('a class-transformer without classToPlain: names the override that fixes it', () => {
    expect(() => checkClassTransformer(() => ({ instanceToPlain: () => ({}) }))).to.throw(
      '"overrides": { "fabric-contract-api": { "class-transformer": "0.4.0" } }',
    );
    expect(() => checkClassTransformer()).not.to.throw();
  });

  it('transactions with parameters but no decorator metadata: names them and what to enable', async () => {
    await using network = await new MockNetwork().start();
    const error = await network.deploy({ name: 'cc', contracts: [NoMetadataContract] }).catch((e: unknown) => e);
    expect(error).to.be.instanceOf(Error);
    expect(String(error)).to.include(
      'contract transactions with parameters but no decorator metadata: NoMetadataContract.Create (2 parameter(s))',
    );
    expect(String(error)).to.include('"emitDecoratorMetadata": true');
  });
});
