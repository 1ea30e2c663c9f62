import type { SubmittedTransaction } from '@hyperledger/fabric-gateway';
import type { StartedFabricNetwork } from '@fabric-testkit/test-harness';

/** Where a drill runs: a started network and the channel. */
export interface DrillTarget {
  readonly network: StartedFabricNetwork;
  readonly channel: string;
}

/** A transaction that committed: its ID and block. */
export interface CommittedTransaction {
  readonly txId: string;
  readonly blockNumber: number;
}

/** Submits and waits for the commit; throws when the transaction was not valid. */
export async function submitWithEvidence(
  submit: () => Promise<SubmittedTransaction>,
  commitTimeoutMs?: number,
): Promise<CommittedTransaction> {
  const submitted = await submit();
  const status = await submitted.getStatus(
    commitTimeoutMs === undefined ? undefined : { deadline: Date.now() + commitTimeoutMs },
  );
  if (!status.successful) {
    throw new Error(`transaction ${status.transactionId} committed as invalid (code ${status.code})`);
  }
  return { txId: status.transactionId, blockNumber: Number(status.blockNumber) };
}

/** The `details` of a gateway error (each endorsing peer's message), or an empty list. */
export function detailsOf(error: unknown): { address: string; mspId: string; message: string }[] {
  if (typeof error === 'object' && error !== null && 'details' in error && Array.isArray(error.details)) {
    return (error.details as unknown[]).flatMap((d) =>
      typeof d === 'object' && d !== null && 'message' in d
        ? [
            {
              address: 'address' in d ? String(d.address) : '',
              mspId: 'mspId' in d ? String(d.mspId) : '',
              message: String(d.message),
            },
          ]
        : [],
    );
  }
  return [];
}

/** The error's message with the peers' detail messages, as a gateway client sees them. */
export function describeError(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  const details = detailsOf(error).map((d) => `${d.mspId || d.address}: ${d.message}`);
  return details.length > 0 ? `${message} (${details.join('; ')})` : message;
}

/** The endorsing peers' messages of a gateway error (`Org1MSP: ...`), or the error's message when it has none. */
export function peerMessageOf(error: unknown): string {
  const details = detailsOf(error).map((d) => `${d.mspId || d.address}: ${d.message}`);
  return details.length > 0 ? details.join('; ') : error instanceof Error ? error.message : String(error);
}
