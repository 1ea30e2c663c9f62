/**
 * Chaincode events on a real network: fabric-gateway's `getChaincodeEvents`, with the two-target API's shapes
 * (block numbers as numbers, payloads as Buffers) and its synchronous `events()` (the stream opens on first read).
 */
import type { ChaincodeEvents, ChaincodeEventsOptions, CommittedChaincodeEvent } from '@fabric-testkit/contract-test';
import type { Checkpoint, CloseableAsyncIterable, ChaincodeEvent, Network } from '@hyperledger/fabric-gateway';

export function openFabricEvents(
  channel: Network,
  chaincodeName: string,
  options: ChaincodeEventsOptions,
): ChaincodeEvents {
  const checkpoint = options.checkpoint;
  const gatewayCheckpoint: Checkpoint | undefined =
    checkpoint === undefined
      ? undefined
      : {
          getBlockNumber: () => {
            const block = checkpoint.getBlockNumber();
            return block === undefined ? undefined : BigInt(block);
          },
          getTransactionId: () => checkpoint.getTransactionId(),
        };
  let closed = false;
  let stream: CloseableAsyncIterable<ChaincodeEvent> | undefined;
  const opened = channel.getChaincodeEvents(chaincodeName, {
    ...(options.startBlock === undefined ? {} : { startBlock: BigInt(options.startBlock) }),
    ...(gatewayCheckpoint === undefined ? {} : { checkpoint: gatewayCheckpoint }),
  });
  opened.then(
    (s) => {
      stream = s;
      if (closed) s.close();
    },
    () => undefined,
  );
  const close = (): void => {
    closed = true;
    stream?.close();
  };
  return {
    close,
    async *[Symbol.asyncIterator](): AsyncIterator<CommittedChaincodeEvent> {
      const events = await opened;
      try {
        for await (const event of events) {
          if (closed) return;
          yield {
            chaincodeName: event.chaincodeName,
            eventName: event.eventName,
            payload: Buffer.from(event.payload),
            transactionId: event.transactionId,
            blockNumber: Number(event.blockNumber),
          };
        }
      } catch (e) {
        // Closing the stream cancels its gRPC call: that ends the iteration, it is not an error.
        if (!closed) throw e;
      } finally {
        close();
      }
    },
    [Symbol.asyncDispose]: () => {
      close();
      return Promise.resolve();
    },
  };
}
