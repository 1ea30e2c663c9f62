/**
 * The errors of `fabric-testkit up`, `down` and `status`. Each message says what to do next; the fields let tests
 * and callers tell the cases apart without parsing text.
 */

/** A network command failed for a reason the user can act on. */
export class NetworkCommandError extends Error {
  override readonly name: string = 'NetworkCommandError';
}

/** A flag has a value the command does not accept. */
export class InvalidFlagError extends NetworkCommandError {
  override readonly name = 'InvalidFlagError';
  readonly flag: string;
  readonly value: string;

  /** `allowed` completes "must be …", for example `1 or 3`. */
  constructor(flag: string, value: string, allowed: string) {
    super(`${flag} must be ${allowed}, not "${value}"`);
    this.flag = flag;
    this.value = value;
  }
}

/** `up` found a network it started before that still runs. */
export class NetworkAlreadyUpError extends NetworkCommandError {
  override readonly name = 'NetworkAlreadyUpError';
  readonly networkId: string;

  constructor(networkId: string, stateFile: string) {
    super(
      `network ${networkId} is already up (described in ${stateFile}); ` +
        `run "fabric-testkit down" first, or "fabric-testkit status" to see it`,
    );
    this.networkId = networkId;
  }
}

/** The Docker engine did not answer. */
export class DockerUnavailableError extends NetworkCommandError {
  override readonly name = 'DockerUnavailableError';

  constructor(cause: unknown) {
    super(
      `cannot reach a Docker engine (${cause instanceof Error ? cause.message : String(cause)}); ` +
        'start Docker (or set DOCKER_HOST) and run the command again',
      { cause },
    );
  }
}

/** Fabric images the network needs are not present locally. */
export class ImagesMissingError extends NetworkCommandError {
  override readonly name = 'ImagesMissingError';
  readonly images: readonly string[];

  constructor(images: readonly string[]) {
    super(`Fabric images missing: ${images.join(', ')}; run "fabric-testkit images" first`);
    this.images = images;
  }
}
