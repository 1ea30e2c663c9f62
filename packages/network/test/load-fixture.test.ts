import { expect } from 'chai';
import { Context, Contract, Transaction } from 'fabric-contract-api';
import { createNetwork, type ChaincodeClient, type StartedNetwork } from '../src';

/** One counter in the world state: enough to see which state a fixture starts from. */
class CounterContract extends Contract {
  constructor() {
    super('Counter');
  }

  @Transaction()
  async Increment(ctx: Context): Promise<number> {
    const count = Number(Buffer.from(await ctx.stub.getState('count')).toString() || '0') + 1;
    await ctx.stub.putState('count', Buffer.from(String(count)));
    return count;
  }
}

async function deployed(network: StartedNetwork): Promise<ChaincodeClient> {
  await network.deploy({ name: 'counter', contracts: [CounterContract] });
  return network.chaincode('counter');
}

async function countedOnce(network: StartedNetwork): Promise<ChaincodeClient> {
  const counter = await deployed(network);
  await counter.submit('Increment');
  return counter;
}

describe('loadFixture on the mock', () => {
  let network: StartedNetwork;

  beforeEach(async () => {
    network = await createNetwork({ target: 'mock' }).start();
  });

  afterEach(() => network.stop());

  it('restores the fixture’s state on later calls', async () => {
    const counter = await network.loadFixture(countedOnce);
    await counter.submit('Increment');
    await network.loadFixture(countedOnce);
    expect((await counter.submit('Increment')).json()).to.equal(2);
  });

  it('runs a fixture the first time on the network as it started, not on what an earlier test left', async () => {
    const counter = await network.loadFixture(deployed);
    await counter.submit('Increment');
    await counter.submit('Increment');
    // A real network gives the new fixture a fresh channel: the counter starts again at 0 there, so here too.
    const fresh = await network.loadFixture(countedOnce);
    expect(fresh.state('count')?.toString()).to.equal('1');
    expect((await network.loadFixture(deployed)).state('count')).to.equal(undefined);
  });
});
