/** The steps `ensureImages` reports progress for. */
export type ImagesStep =
  'check' | 'pull' | 'install' | 'download' | 'unpack' | 'compile' | 'base-image' | 'image-build';

/**
 * One progress report: a step started, finished, was skipped, or failed, for one subject; `running` is a heartbeat
 * of a long step (a compile of minutes), with the time so far and its latest output line.
 */
export interface ProgressEvent {
  readonly step: ImagesStep;
  readonly status: 'start' | 'running' | 'done' | 'skipped' | 'failed';
  /** What the step works on: an image reference, a binary name, a module version. */
  readonly subject: string;
  /** A short explanation (why it was skipped, why it failed, what it does). */
  readonly detail?: string;
  /** Time the step took, on `done` and `failed`; time so far on `running`. */
  readonly elapsedMs?: number;
}

/** Receives progress reports. */
export type ProgressListener = (event: ProgressEvent) => void;

/**
 * One line of text for a progress report, as the CLI prints it.
 *
 * @example
 * ```ts
 * formatProgress({ step: 'compile', status: 'done', subject: 'peer', elapsedMs: 41_200 });
 * // 'compile     peer: done (41.2 s)'
 * ```
 */
export function formatProgress(event: ProgressEvent): string {
  const parts = [`${event.step.padEnd(11)} ${event.subject}: ${event.status}`];
  if (event.elapsedMs !== undefined) parts.push(`(${formatSeconds(event.elapsedMs)})`);
  if (event.detail !== undefined) parts.push(`- ${event.detail}`);
  return parts.join(' ');
}

/** Milliseconds as seconds with one decimal, for example `41.2 s`. */
export function formatSeconds(ms: number): string {
  return `${(ms / 1000).toFixed(1)} s`;
}
