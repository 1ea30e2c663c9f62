/**
 * Chaincode events as a Fabric Gateway client receives them: `network.events(chaincode, options)` is the
 * counterpart of fabric-gateway's `network.getChaincodeEvents(chaincodeName, options)`, and `InMemoryCheckpointer`
 * of its `checkpointers.inMemory()`.
 */

/** One chaincode event of a committed, valid transaction (fabric-gateway's `ChaincodeEvent`). */
export interface CommittedChaincodeEvent {
  readonly chaincodeName: string;
  readonly eventName: string;
  readonly payload: Buffer;
  readonly transactionId: string;
  /** The block that holds the transaction. */
  readonly blockNumber: number;
}

/** Where event reading resumes: the next block to read, and the last transaction already handled in it. */
export interface Checkpoint {
  /** The block in which the next event is expected; undefined when nothing was checkpointed. */
  getBlockNumber(): number | undefined;
  /** The last transaction handled within that block, if any. */
  getTransactionId(): string | undefined;
}

/** A checkpoint that is kept up to date as events are handled. */
export interface Checkpointer extends Checkpoint {
  /** Every event of `blockNumber` is handled: resume at the next block. */
  checkpointBlock(blockNumber: number): void;
  /** Every event up to and including this transaction's is handled. */
  checkpointTransaction(blockNumber: number, transactionId: string): void;
  /** Shorthand for `checkpointTransaction(event.blockNumber, event.transactionId)`. */
  checkpointChaincodeEvent(event: CommittedChaincodeEvent): void;
}

/** Options of {@link StartedMockNetwork.events}. */
export interface ChaincodeEventsOptions {
  /**
   * First block to read. Default: the next block to be committed, as fabric-gateway's default (`NextCommit`).
   * Ignored when `checkpoint` has a block number.
   */
  startBlock?: number;
  /** Resume where a checkpointer stopped; its block number wins over `startBlock`. */
  checkpoint?: Checkpoint;
  /** Needed only when the chaincode is deployed on several channels. */
  channel?: string;
}

/**
 * An open event stream: iterate it with `for await`; it waits for new blocks until `close()` is called (then the
 * iteration ends). Also closed by `await using`.
 */
export interface ChaincodeEvents extends AsyncIterable<CommittedChaincodeEvent>, AsyncDisposable {
  close(): void;
}

/** fabric-gateway's in-memory checkpointer (`checkpointers.inMemory()`), with block numbers as numbers. */
export class InMemoryCheckpointer implements Checkpointer {
  #blockNumber: number | undefined;
  #transactionId: string | undefined;

  checkpointBlock(blockNumber: number): void {
    this.#blockNumber = blockNumber + 1;
    this.#transactionId = undefined;
  }

  checkpointTransaction(blockNumber: number, transactionId: string): void {
    this.#blockNumber = blockNumber;
    this.#transactionId = transactionId;
  }

  checkpointChaincodeEvent(event: CommittedChaincodeEvent): void {
    this.checkpointTransaction(event.blockNumber, event.transactionId);
  }

  getBlockNumber(): number | undefined {
    return this.#blockNumber;
  }

  getTransactionId(): string | undefined {
    return this.#transactionId;
  }
}
