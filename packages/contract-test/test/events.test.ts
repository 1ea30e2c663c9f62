import 'reflect-metadata';
import { expect } from 'chai';
import { Context, Contract, Transaction } from 'fabric-contract-api';
import {
  EndorseError,
  InMemoryCheckpointer,
  MockNetwork,
  type ChaincodeEvents,
  type CommittedChaincodeEvent,
  type StartedMockNetwork,
} from '../src';

/** Reads then writes its key, and sets an event named after the call: two in one block conflict (MVCC). */
class EventsContract extends Contract {
  constructor() {
    super('Events');
  }

  @Transaction()
  public async Bump(ctx: Context, key: string): Promise<void> {
    const current = Buffer.from(await ctx.stub.getState(key)).toString('utf8');
    await ctx.stub.putState(key, Buffer.from(`${current}+`));
    ctx.stub.setEvent('Bumped', Buffer.from(key));
  }

  @Transaction()
  public async Quiet(ctx: Context, key: string): Promise<void> {
    await ctx.stub.putState(key, Buffer.from('quiet'));
  }

  @Transaction()
  public async Fail(ctx: Context): Promise<void> {
    ctx.stub.setEvent('Never', Buffer.from('x'));
    return Promise.reject(new Error('refused'));
  }
}

/** Reads up to `count` events, or fewer when `waitMs` passes first (then closes the stream). */
async function take(events: ChaincodeEvents, count: number, waitMs = 200): Promise<CommittedChaincodeEvent[]> {
  const taken: CommittedChaincodeEvent[] = [];
  const timer = setTimeout(() => events.close(), waitMs);
  try {
    for await (const event of events) {
      taken.push(event);
      if (taken.length === count) break;
    }
  } finally {
    clearTimeout(timer);
  }
  return taken;
}

const summary = (events: readonly CommittedChaincodeEvent[]): string[] =>
  events.map((e) => `${e.blockNumber} ${e.chaincodeName} ${e.eventName} ${e.payload.toString()}`);

describe('G-07 chaincode events (internal/pkg/gateway/chaincodeevents.go)', () => {
  let network: StartedMockNetwork;

  beforeEach(async () => {
    network = await new MockNetwork().withOrganizations('Org1MSP', 'Org2MSP').withChannel('mychannel').start();
    await network.deploy({ name: 'ev', contracts: [EventsContract], endorsementPolicy: "OR('Org1MSP.peer')" });
    await network.deploy({ name: 'other', contracts: [EventsContract], endorsementPolicy: "OR('Org1MSP.peer')" });
  });

  afterEach(() => network.stop());

  it('G-07 by default starts at the next block committed and waits for it', async () => {
    const cc = network.chaincode('ev');
    await cc.submit('Bump', 'before');
    const events = network.events('ev');
    const reading = take(events, 1, 2000);
    await cc.submit('Bump', 'after');
    const [event] = await reading;
    expect(event).to.deep.include({ chaincodeName: 'ev', eventName: 'Bumped', blockNumber: 1 });
    expect(event?.payload.toString()).to.equal('after');
    expect(event?.transactionId).to.be.a('string').with.length(64);
  });

  it("G-07 replays from startBlock, only this chaincode's events, only from valid transactions", async () => {
    const ev = network.chaincode('ev');
    await ev.submit('Bump', 'a'); // block 0
    await network.chaincode('other').submit('Bump', 'o'); // block 1: another chaincode
    await ev.submit('Quiet', 'q'); // block 2: no event
    const [first, second] = await network.block([ev.endorse('Bump', 'c'), ev.endorse('Bump', 'c')]); // block 3
    expect([first?.validationCode, second?.validationCode]).to.deep.equal(['VALID', 'MVCC_READ_CONFLICT']);
    const refused = await ev.endorse('Fail').then(
      () => undefined,
      (error: unknown) => error,
    );
    expect(refused).to.be.instanceOf(EndorseError); // never ordered: its event can't appear

    const events = await take(network.events('ev', { startBlock: 0 }), 10);
    expect(summary(events)).to.deep.equal(['0 ev Bumped a', '3 ev Bumped c']);
    expect(events[1]?.transactionId).to.equal(first?.txId);
  });

  it('G-07 resumes after a checkpointed event, and a checkpointed block resumes at the next block', async () => {
    const ev = network.chaincode('ev');
    const [a] = await network.block([ev.endorse('Bump', 'a'), ev.endorse('Bump', 'b')]); // block 0: both valid
    await ev.submit('Bump', 'c'); // block 1

    const checkpointer = new InMemoryCheckpointer();
    checkpointer.checkpointTransaction(0, a?.txId ?? '');
    expect(summary(await take(network.events('ev', { checkpoint: checkpointer, startBlock: 5 }), 10))).to.deep.equal([
      '0 ev Bumped b',
      '1 ev Bumped c',
    ]);

    checkpointer.checkpointBlock(0);
    expect([checkpointer.getBlockNumber(), checkpointer.getTransactionId()]).to.deep.equal([1, undefined]);
    expect(summary(await take(network.events('ev', { checkpoint: checkpointer }), 10))).to.deep.equal([
      '1 ev Bumped c',
    ]);
  });

  it('G-07 checkpointing each event as it is handled loses none and repeats none across reconnects', async () => {
    const ev = network.chaincode('ev');
    await network.block([ev.endorse('Bump', 'k1'), ev.endorse('Bump', 'k2'), ev.endorse('Bump', 'k3')]);
    const checkpointer = new InMemoryCheckpointer();
    const seen: string[] = [];
    for (let reconnect = 0; reconnect < 3; reconnect += 1) {
      const events = network.events('ev', { startBlock: 0, checkpoint: checkpointer });
      const [event] = await take(events, 1);
      if (event === undefined) break;
      seen.push(event.payload.toString());
      checkpointer.checkpointChaincodeEvent(event);
    }
    expect(seen).to.deep.equal(['k1', 'k2', 'k3']);
  });

  it('G-07 a checkpointed transaction that set no event lets nothing through, as on a peer', async () => {
    const ev = network.chaincode('ev');
    const quiet = await ev.submit('Quiet', 'q'); // block 0
    await ev.submit('Bump', 'later'); // block 1
    const checkpointer = new InMemoryCheckpointer();
    checkpointer.checkpointTransaction(quiet.blockNumber, quiet.txId);
    expect(await take(network.events('ev', { checkpoint: checkpointer }), 1)).to.deep.equal([]);
  });

  it('G-07 leaving the loop or close() ends the stream; a bad startBlock is refused by name', async () => {
    const ev = network.chaincode('ev');
    await ev.submit('Bump', 'x');
    const events = network.events('ev', { startBlock: 0 });
    expect(await take(events, 1)).to.have.length(1);
    expect(await take(events, 1)).to.deep.equal([]); // closed by the break above

    const idle = network.events('ev');
    setTimeout(() => idle.close(), 20);
    expect(await take(idle, 1, 5000)).to.deep.equal([]);

    expect(() => network.events('ev', { startBlock: -1 })).to.throw(
      RangeError,
      'events: startBlock must be a block number (an integer >= 0), got -1',
    );
    expect(() => network.events('missing')).to.throw('chaincode missing is not deployed');
  });
});
