import type { Network } from '@hyperledger/fabric-gateway';
import { FabricTestkitError } from '../errors';

/**
 * Resolves once the gateway's peer has committed block `blockNumber` of `channel` (the deliver service serves only
 * committed blocks). A transaction's commit status comes from the gateway's own peer only: before endorsing the next
 * transaction on another organization's peer, wait for that peer too, or it may still read the old state.
 */
export async function waitForBlock(
  channel: Pick<Network, 'getName' | 'getFilteredBlockEvents'>,
  blockNumber: bigint,
  timeoutMs = 30_000,
): Promise<void> {
  const blocks = await channel.getFilteredBlockEvents({ startBlock: blockNumber });
  let timer: NodeJS.Timeout | undefined;
  const timedOut = new Promise<never>((_, reject) => {
    timer = setTimeout(() => {
      blocks.close();
      reject(
        new FabricTestkitError(
          `timed out after ${timeoutMs} ms waiting for block ${blockNumber} of channel ${channel.getName()} on the gateway's peer`,
        ),
      );
    }, timeoutMs);
  });
  const reached = (async () => {
    for await (const block of blocks) {
      if (BigInt(block.getNumber()) >= blockNumber) return;
    }
  })();
  // After a timeout the stream is closed and the loop may still end in an error: that is not this caller's concern.
  reached.catch(() => undefined);
  try {
    await Promise.race([reached, timedOut]);
  } finally {
    clearTimeout(timer);
    blocks.close();
  }
}
