import type { PeerMetrics } from '../metrics/peer-metrics';

/** What a step observed: block numbers, transaction IDs, versions answered, error messages. */
export type Evidence = Readonly<Record<string, string | number | boolean | readonly string[]>>;

/** One step of a drill: what was done, how long it took, whether it passed and what it observed. */
export interface DrillStep {
  readonly name: string;
  /** Milliseconds from the step's start to its end. */
  readonly ms: number;
  readonly passed: boolean;
  readonly evidence: Evidence;
  /** Why the step failed, when it failed. */
  readonly error?: string;
}

/** The result of one drill; a drill stops at its first failed step. */
export interface DrillReport {
  readonly drill: string;
  readonly passed: boolean;
  /** ISO 8601 time the drill started. */
  readonly startedAt: string;
  readonly totalMs: number;
  readonly steps: readonly DrillStep[];
  /** Headline figures, for example `upgradeSeconds`. */
  readonly figures: Readonly<Record<string, number>>;
  /** Peers' operations metrics sampled at the end of the drill. */
  readonly metrics: readonly PeerMetrics[];
}

/** What a step's body returns: the value the drill goes on with, and the evidence to report. */
export interface StepOutcome<T> {
  readonly value: T;
  readonly evidence: Evidence;
}

/** A step body's failure that carries evidence (for example the block height when a check failed). */
export class DrillStepError extends Error {
  readonly evidence: Evidence;

  constructor(message: string, evidence: Evidence = {}) {
    super(message);
    this.name = 'DrillStepError';
    this.evidence = evidence;
  }
}

/** A drill stopped because a step failed; `report` holds the steps up to and including the failed one. */
export class DrillFailedError extends Error {
  readonly step: string;

  constructor(step: string, message: string, options?: { cause?: unknown }) {
    super(`step "${step}" failed: ${message}`, options);
    this.name = 'DrillFailedError';
    this.step = step;
  }
}

/**
 * Records a drill's steps as they run, with their timing and evidence, and builds the report.
 *
 * @example
 * ```ts
 * const recorder = new DrillRecorder('upgrade');
 * const id = await recorder.step('submit', async () => {
 *   const txId = await submit();
 *   return { value: txId, evidence: { txId } };
 * });
 * const report = recorder.finish();
 * ```
 */
export class DrillRecorder {
  readonly drill: string;
  readonly #steps: DrillStep[] = [];
  readonly #figures: Record<string, number> = {};
  readonly #metrics: PeerMetrics[] = [];
  readonly #started: number;
  readonly #now: () => number;

  constructor(drill: string, now: () => number = Date.now) {
    this.drill = drill;
    this.#now = now;
    this.#started = now();
  }

  /** Runs a step; a thrown error marks it failed and is rethrown as a {@link DrillFailedError}. */
  async step<T>(name: string, body: () => Promise<StepOutcome<T>>): Promise<T> {
    const start = this.#now();
    try {
      const { value, evidence } = await body();
      this.#steps.push({ name, ms: this.#now() - start, passed: true, evidence });
      return value;
    } catch (e) {
      const message = e instanceof Error ? e.message : String(e);
      const evidence = e instanceof DrillStepError ? e.evidence : {};
      this.#steps.push({ name, ms: this.#now() - start, passed: false, evidence, error: message });
      throw new DrillFailedError(name, message, { cause: e });
    }
  }

  /** The current time of the recorder's clock, for figures that span several steps. */
  now(): number {
    return this.#now();
  }

  /** Sets a headline figure, for example `upgradeSeconds`. */
  figure(name: string, value: number): void {
    this.#figures[name] = value;
  }

  /** Adds sampled peer metrics. */
  addMetrics(metrics: readonly PeerMetrics[]): void {
    this.#metrics.push(...metrics);
  }

  /** The report: passed when at least one step ran and every step passed. */
  finish(): DrillReport {
    return {
      drill: this.drill,
      passed: this.#steps.length > 0 && this.#steps.every((s) => s.passed),
      startedAt: new Date(this.#started).toISOString(),
      totalMs: this.#now() - this.#started,
      steps: [...this.#steps],
      figures: { ...this.#figures },
      metrics: [...this.#metrics],
    };
  }
}
