/**
 * The gateway's chaincode event stream over the mock's blocks. Internal: users get it from `network.events()`.
 *
 * Follows the peer's gateway service, Fabric 2.5 `internal/pkg/gateway/chaincodeevents.go` (start block and the
 * after-transaction matcher) and `internal/pkg/gateway/event/chaincodeiterator.go` (valid transactions only), with
 * fabric-gateway's client choosing the start from a checkpoint first, then `startBlock`, then the next commit.
 */
import type { Block, MockChannel } from '@fabric-testkit/mock-stub';
import type { ChaincodeEvents, ChaincodeEventsOptions, CommittedChaincodeEvent } from '../events';

type EventMatcher = (event: CommittedChaincodeEvent) => boolean;

export function openChaincodeEvents(
  channel: MockChannel,
  chaincodeName: string,
  options: ChaincodeEventsOptions,
): ChaincodeEvents {
  const afterTransactionId = options.checkpoint?.getTransactionId();
  const startBlock = chosenStartBlock(channel, options, afterTransactionId);
  return new ChaincodeEventStream(channel, startBlock, eventMatcher(chaincodeName, afterTransactionId));
}

/**
 * `chaincodeEventsStartBlock`: the block of the checkpointed transaction when the ledger has it; else the
 * requested position (the checkpoint's block, else `startBlock`); else the ledger height (`NextCommit`).
 */
function chosenStartBlock(
  channel: MockChannel,
  options: ChaincodeEventsOptions,
  afterTransactionId: string | undefined,
): number {
  if (afterTransactionId) {
    const committed = channel.getTransaction(afterTransactionId);
    if (committed !== undefined) return committed.blockNumber;
  }
  const requested = options.checkpoint?.getBlockNumber() ?? options.startBlock;
  if (requested === undefined) return channel.blocks.length;
  if (!Number.isSafeInteger(requested) || requested < 0) {
    const source = options.checkpoint?.getBlockNumber() === undefined ? 'startBlock' : "the checkpoint's block number";
    throw new RangeError(`events: ${source} must be a block number (an integer >= 0), got ${String(requested)}`);
  }
  return requested;
}

/**
 * `chaincodeEventMatcher`: after a checkpointed transaction, every event (of any chaincode) up to and including
 * that transaction's is skipped; then only this chaincode's events pass. As in the peer, a checkpointed transaction
 * that set no event means nothing passes.
 */
function eventMatcher(chaincodeName: string, afterTransactionId: string | undefined): EventMatcher {
  if (!afterTransactionId) return (event) => event.chaincodeName === chaincodeName;
  let passedCheckpoint = false;
  return (event) => {
    if (!passedCheckpoint) {
      passedCheckpoint = event.transactionId === afterTransactionId;
      return false;
    }
    return event.chaincodeName === chaincodeName;
  };
}

/** The events of a block's valid transactions, in block order (`chaincodeEventsFromBlock`). */
function eventsOf(block: Block): CommittedChaincodeEvent[] {
  const events: CommittedChaincodeEvent[] = [];
  for (const transaction of block.transactions) {
    const event = transaction.endorsement.event;
    if (transaction.validationCode !== 'VALID' || event === undefined) continue;
    events.push({
      chaincodeName: event.chaincode,
      eventName: event.name,
      payload: Buffer.from(event.payload),
      transactionId: transaction.txId,
      blockNumber: block.number,
    });
  }
  return events;
}

class ChaincodeEventStream implements ChaincodeEvents {
  #nextBlock: number;
  #closed = false;
  #wake: (() => void) | undefined;
  readonly #stopListening: () => void;

  constructor(
    private readonly channel: MockChannel,
    startBlock: number,
    private readonly matches: EventMatcher,
  ) {
    this.#nextBlock = startBlock;
    this.#stopListening = channel.onBlock(() => this.#wakeReader());
  }

  async *[Symbol.asyncIterator](): AsyncIterator<CommittedChaincodeEvent> {
    try {
      while (!this.#closed) {
        // Blocks are numbered from 0 in the mock, so a block's number is its index.
        const block = this.channel.blocks[this.#nextBlock];
        if (block === undefined) {
          await new Promise<void>((resolve) => (this.#wake = resolve));
          continue;
        }
        this.#nextBlock += 1;
        for (const event of eventsOf(block)) {
          if (this.matches(event)) yield event;
          if (this.#closed) return;
        }
      }
    } finally {
      // Leaving a for-await loop early (break, throw) ends the stream too, so no listener is left behind.
      this.close();
    }
  }

  close(): void {
    if (this.#closed) return;
    this.#closed = true;
    this.#stopListening();
    this.#wakeReader();
  }

  [Symbol.asyncDispose](): Promise<void> {
    this.close();
    return Promise.resolve();
  }

  #wakeReader(): void {
    const wake = this.#wake;
    this.#wake = undefined;
    wake?.();
  }
}
