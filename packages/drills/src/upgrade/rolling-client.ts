import type { Contract } from '@hyperledger/fabric-gateway';
import { describeError } from '../chaincode/transactions';

/** What one submit of the rolling client came to. */
export interface RollingResult {
  readonly id: string;
  /** Which version created the asset (v2 answers with `SchemaVersion`), or `failed`. */
  readonly outcome: 'v1' | 'v2' | 'failed';
  readonly txId?: string;
  readonly blockNumber?: number;
  readonly error?: string;
}

/**
 * A client that keeps submitting `CreateAsset` with new IDs (`rolling-1`, `rolling-2`, ...) from `workers`
 * loops until stopped, recording for each whether v1 or v2 answered, or why it failed.
 */
export class RollingClient {
  readonly results: RollingResult[] = [];
  readonly #contract: Contract;
  readonly #loops: Promise<void>[] = [];
  #next = 1;
  #stopped = false;

  constructor(contract: Contract) {
    this.#contract = contract;
  }

  start(workers = 2): void {
    for (let i = 0; i < workers; i++) {
      this.#loops.push(this.#loop());
    }
  }

  /** Stops submitting and waits for the submits in flight. */
  async stop(): Promise<RollingResult[]> {
    this.#stopped = true;
    await Promise.all(this.#loops);
    return this.results;
  }

  count(outcome: RollingResult['outcome']): number {
    return this.results.filter((r) => r.outcome === outcome).length;
  }

  async #loop(): Promise<void> {
    while (!this.#stopped) {
      const id = `rolling-${this.#next++}`;
      this.results.push(await this.#submit(id));
    }
  }

  async #submit(id: string): Promise<RollingResult> {
    try {
      const submitted = await this.#contract.submitAsync('CreateAsset', {
        arguments: [id, 'grey', '1', `owner-of-${id}`],
      });
      const answer = JSON.parse(Buffer.from(submitted.getResult()).toString()) as { SchemaVersion?: number };
      const status = await submitted.getStatus();
      if (!status.successful) {
        return { id, outcome: 'failed', txId: status.transactionId, error: `invalid (code ${status.code})` };
      }
      return {
        id,
        outcome: answer.SchemaVersion === 2 ? 'v2' : 'v1',
        txId: status.transactionId,
        blockNumber: Number(status.blockNumber),
      };
    } catch (e) {
      return { id, outcome: 'failed', error: describeError(e) };
    }
  }
}
