import { expect } from 'chai';
import type { Network } from '@hyperledger/fabric-gateway';
import { waitForBlock } from '../../src/network/block-wait';
import { isFabricTestkitError } from '../../src/errors';

/** A channel whose filtered block stream yields `numbers`, then waits until closed. */
function channelYielding(numbers: readonly number[]): Pick<Network, 'getName' | 'getFilteredBlockEvents'> & {
  closed: () => boolean;
  startBlock: () => bigint | undefined;
} {
  let closed = false;
  let startBlock: bigint | undefined;
  let wake: () => void = () => undefined;
  const stream = {
    close: () => {
      closed = true;
      wake();
    },
    async *[Symbol.asyncIterator]() {
      for (const n of numbers) yield { getNumber: () => n };
      await new Promise<void>((resolve) => {
        wake = resolve;
        if (closed) resolve();
      });
    },
  };
  return {
    getName: () => 'mychannel',
    getFilteredBlockEvents: (options?: { startBlock?: bigint }) => {
      startBlock = options?.startBlock;
      return Promise.resolve(stream as never);
    },
    closed: () => closed,
    startBlock: () => startBlock,
  };
}

describe('waitForBlock', () => {
  it('resolves when the block arrives, asks from that block, and closes the stream', async () => {
    const channel = channelYielding([4, 5]);
    await waitForBlock(channel, 5n);
    expect(channel.startBlock()).to.equal(5n);
    expect(channel.closed()).to.equal(true);
  });

  it('fails after its timeout with a message naming the block and channel, and closes the stream', async () => {
    const channel = channelYielding([2]);
    const error: unknown = await waitForBlock(channel, 3n, 20).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(isFabricTestkitError(error)).to.equal(true);
    expect(error).to.have.property(
      'message',
      "timed out after 20 ms waiting for block 3 of channel mychannel on the gateway's peer",
    );
    expect(channel.closed()).to.equal(true);
  });
});
