import { createHash, randomBytes } from 'node:crypto';
import type { DeterministicOptions } from '../api';

const DEFAULT_START = Date.UTC(2020, 0, 1);
const NONCE_SIZE = 24;

/** Proposal time and nonces: real by default, or a fixed sequence for reproducible tests. */
export class Clock {
  readonly deterministic: boolean;
  readonly #tickMs: number;
  #nowMs: number;
  #counter = 0;
  #pool = Buffer.alloc(0);

  constructor(options: boolean | DeterministicOptions | undefined) {
    this.deterministic = options !== undefined && options !== false;
    const settings = typeof options === 'object' ? options : {};
    this.#nowMs = settings.startTime?.getTime() ?? DEFAULT_START;
    this.#tickMs = settings.tickMs ?? 1000;
  }

  /** Time for the next proposal. */
  next(): Date {
    if (!this.deterministic) return new Date();
    const now = new Date(this.#nowMs);
    this.#nowMs += this.#tickMs;
    return now;
  }

  /** 24-byte nonce (`protoutil.CreateNonce`), derived from a counter when deterministic. */
  nonce(): Buffer {
    if (!this.deterministic) {
      // One system call per 256 nonces rather than one each.
      if (this.#pool.length < NONCE_SIZE) this.#pool = randomBytes(NONCE_SIZE * 256);
      const nonce = this.#pool.subarray(0, NONCE_SIZE);
      this.#pool = this.#pool.subarray(NONCE_SIZE);
      return nonce;
    }
    return createHash('sha256').update(`nonce-${this.#counter++}`).digest().subarray(0, 24);
  }

  save(): { nowMs: number; counter: number } {
    return { nowMs: this.#nowMs, counter: this.#counter };
  }

  load(state: { nowMs: number; counter: number }): void {
    this.#nowMs = state.nowMs;
    this.#counter = state.counter;
  }
}
