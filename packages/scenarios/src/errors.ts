/**
 * The package's errors (shared/STYLE.md "Errors"): each has a `name` and domain fields; callers use
 * {@link isScenarioError} rather than `instanceof` across package copies.
 */
const BRAND = Symbol.for('@fabric-testkit/scenarios/error');

/** Base class of every error this package throws. */
export class ScenarioError extends Error {
  readonly [BRAND] = true;
  override name = 'ScenarioError';

  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
  }
}

/**
 * A scenario file that cannot be used: unreadable, not YAML/JSON, not matching `scenario.schema.json`, or
 * naming something the network does not have. The message names the file, the step (1-based) and the field.
 */
export class ScenarioFileError extends ScenarioError {
  override name = 'ScenarioFileError';

  constructor(
    readonly file: string,
    /** The field's path in the file, e.g. `steps[2].submit.as`; empty for the whole file. */
    readonly field: string,
    readonly problem: string,
    options?: { cause?: unknown },
  ) {
    super(`${file}: ${describeField(field)}${problem}`, options);
  }

  /** The 1-based step number the field belongs to, if it is inside a step. */
  get step(): number | undefined {
    const match = /^steps\[(\d+)\]/.exec(this.field);
    return match?.[1] === undefined ? undefined : Number(match[1]) + 1;
  }
}

function describeField(field: string): string {
  if (field === '') return '';
  const match = /^steps\[(\d+)\]/.exec(field);
  const step = match?.[1] === undefined ? '' : `step ${Number(match[1]) + 1}, `;
  return `${step}field ${field}: `;
}

/** A target that cannot run here, e.g. the real-network target before the harness supports it. */
export class TargetUnavailableError extends ScenarioError {
  override name = 'TargetUnavailableError';

  constructor(
    readonly target: string,
    message: string,
  ) {
    super(message);
  }
}

/** Some scenarios failed an expectation, or differed between targets. `failed` names them. */
export class ScenarioFailedError extends ScenarioError {
  override name = 'ScenarioFailedError';

  constructor(
    message: string,
    readonly failed: readonly string[],
  ) {
    super(message);
  }
}

/** True for any error thrown by this package, including copies loaded from another path. */
export function isScenarioError(value: unknown): value is ScenarioError {
  return typeof value === 'object' && value !== null && (value as { [BRAND]?: unknown })[BRAND] === true;
}
