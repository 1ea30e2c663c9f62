/**
 * The harness's error hierarchy: every error it throws is a {@link FabricTestkitError}, so callers can tell
 * harness failures apart with {@link isFabricTestkitError} instead of `instanceof` across package copies.
 */

/** Base class of every error the harness throws. */
export class FabricTestkitError extends Error {
  /** Marks harness errors for {@link isFabricTestkitError}. */
  readonly isFabricTestkitError = true;

  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'FabricTestkitError';
  }
}

/** One entry of a Fabric CA response's `errors` array. */
export interface CaErrorDetail {
  /** Fabric CA's error code (lib/caerrors/servererror.go), for example 20 for an authentication failure. */
  readonly code: number;
  /** The server's message. */
  readonly message: string;
}

/** A Fabric CA request failed: the server answered with errors, or with an HTTP error status. */
export class CaError extends FabricTestkitError {
  /** The first error code the server reported, or 0 when it reported none. */
  readonly code: number;
  /** Every error the server reported. */
  readonly errors: readonly CaErrorDetail[];
  /** The HTTP status of the response. */
  readonly status: number;
  /** The CA endpoint that was called, for example `enroll`. */
  readonly endpoint: string;

  constructor(endpoint: string, status: number, errors: readonly CaErrorDetail[], options?: { cause?: unknown }) {
    const detail = errors.map((e) => `Error Code: ${e.code} - ${e.message}`).join('; ');
    super(`Fabric CA ${endpoint} failed (HTTP ${status})${detail ? `: ${detail}` : ''}`, options);
    this.name = 'CaError';
    this.code = errors[0]?.code ?? 0;
    this.errors = errors;
    this.status = status;
    this.endpoint = endpoint;
  }
}

/** A wait for a node's readiness signal did not succeed in time. */
export class WaitTimeoutError extends FabricTestkitError {
  /** What was waited for, for example `peer0.org1 /healthz`. */
  readonly target: string;
  /** The timeout in milliseconds. */
  readonly timeoutMs: number;

  constructor(target: string, timeoutMs: number, lastProblem: string | undefined, options?: { cause?: unknown }) {
    super(
      `Timed out after ${timeoutMs} ms waiting for ${target}${lastProblem ? ` (last: ${lastProblem})` : ''}`,
      options,
    );
    this.name = 'WaitTimeoutError';
    this.target = target;
    this.timeoutMs = timeoutMs;
  }
}

/** A peer or orderer rejected a request the harness made (proposal, join, lifecycle step). */
export class FabricRequestError extends FabricTestkitError {
  /** The operation, for example `InstallChaincode on peer0.org1`. */
  readonly operation: string;
  /** The status the node returned, when it returned one. */
  readonly status: number | undefined;

  constructor(operation: string, detail: string, status?: number, options?: { cause?: unknown }) {
    super(`${operation} failed${status === undefined ? '' : ` (status ${status})`}: ${detail}`, options);
    this.name = 'FabricRequestError';
    this.operation = operation;
    this.status = status;
  }
}

/** No Docker engine answers, so the container runtime cannot start anything. */
export class DockerUnreachableError extends FabricTestkitError {
  /** `DOCKER_HOST` as it was when the engine was looked for; undefined when unset. */
  readonly dockerHost: string | undefined;

  constructor(cause: unknown, dockerHost: string | undefined = process.env['DOCKER_HOST']) {
    const where = dockerHost === undefined || dockerHost === '' ? '' : ` at DOCKER_HOST=${dockerHost}`;
    super(
      `Docker is not reachable${where} (${cause instanceof Error ? cause.message : String(cause)}); ` +
        'start Docker, or set DOCKER_HOST to a running engine (for example unix:///var/run/docker.sock), and try again',
      { cause },
    );
    this.name = 'DockerUnreachableError';
    this.dockerHost = dockerHost;
  }
}

/**
 * Tells whether a value is an error thrown by the harness.
 *
 * @example
 * ```ts
 * try { await ca.enroll({ enrollmentId: 'x', secret: 'wrong' }); }
 * catch (e) { if (isFabricTestkitError(e) && e instanceof CaError) console.log(e.code); }
 * ```
 */
export function isFabricTestkitError(value: unknown): value is FabricTestkitError {
  return value instanceof Error && 'isFabricTestkitError' in value && value.isFabricTestkitError === true;
}
