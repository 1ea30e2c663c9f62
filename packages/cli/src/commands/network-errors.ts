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

/** `--network ID` names no network `up` recorded. */
export class UnknownNetworkError extends NetworkCommandError {
  override readonly name = 'UnknownNetworkError';
  readonly networkId: string;

  constructor(networkId: string, known: readonly string[]) {
    super(
      `no network ${networkId}: ` +
        (known.length === 0
          ? 'no network is up; start one with "fabric-testkit up" (or "fabric-testkit up --mock")'
          : `the networks are ${known.join(', ')}; pass one of them with --network`),
    );
    this.networkId = networkId;
  }
}

/** No `--network` was given and no network is up. */
export class NoNetworkError extends NetworkCommandError {
  override readonly name = 'NoNetworkError';

  constructor(mockOnly: boolean) {
    super(
      mockOnly
        ? 'no in-memory network is up; start one with "fabric-testkit up --mock"'
        : 'no network is up; start one with "fabric-testkit up" (or "fabric-testkit up --mock" without Docker)',
    );
  }
}

/** No `--network` was given and several networks are up. */
export class SeveralNetworksError extends NetworkCommandError {
  override readonly name = 'SeveralNetworksError';
  readonly networkIds: readonly string[];

  constructor(networks: readonly { id: string; kind: string }[]) {
    super(
      `${networks.length} networks are up (${networks.map((n) => `${n.id}: ${n.kind}`).join(', ')}); ` +
        'say which with --network ID',
    );
    this.networkIds = networks.map((n) => n.id);
  }
}

/** A real network's state file is there but its containers are not running. */
export class NetworkNotRunningError extends NetworkCommandError {
  override readonly name = 'NetworkNotRunningError';
  readonly networkId: string;

  constructor(networkId: string) {
    super(
      `network ${networkId} is not running (its containers are stopped or gone); ` +
        `"fabric-testkit status" shows it, "fabric-testkit down ${networkId}" removes it`,
    );
    this.networkId = networkId;
  }
}

/** A chaincode name the network has no deployment of. */
export class UnknownChaincodeError extends NetworkCommandError {
  override readonly name = 'UnknownChaincodeError';
  readonly chaincode: string;

  constructor(chaincode: string, networkId: string, deployed: readonly string[]) {
    super(
      `chaincode ${chaincode} is not deployed on network ${networkId}; ` +
        (deployed.length === 0
          ? 'deploy it with "fabric-testkit deploy DIR --name NAME"'
          : `deployed: ${deployed.join(', ')} (or deploy it with "fabric-testkit deploy DIR --name ${chaincode}")`),
    );
    this.chaincode = chaincode;
  }
}

/** `deploy` of a name that is already deployed. */
export class ChaincodeAlreadyDeployedError extends NetworkCommandError {
  override readonly name = 'ChaincodeAlreadyDeployedError';
  readonly chaincode: string;

  constructor(chaincode: string, version: string, sequence: number) {
    super(
      `chaincode ${chaincode} is already deployed (version ${version}, sequence ${sequence}); ` +
        `change it with "fabric-testkit upgrade DIR --name ${chaincode}"`,
    );
    this.chaincode = chaincode;
  }
}

/** An organization the network does not have. */
export class UnknownOrganizationError extends NetworkCommandError {
  override readonly name = 'UnknownOrganizationError';
  readonly organization: string;

  constructor(organization: string, known: readonly { name: string; mspId: string }[]) {
    super(
      `no organization ${organization} in the network; its organizations are ` +
        known.map((o) => `${o.name} (${o.mspId})`).join(', '),
    );
    this.organization = organization;
  }
}

/** `--as NAME` names no identity `identity register` issued. */
export class UnknownIdentityError extends NetworkCommandError {
  override readonly name = 'UnknownIdentityError';
  readonly identity: string;

  constructor(identity: string, known: readonly string[]) {
    super(
      `no identity ${identity}: ` +
        (known.length === 0
          ? 'register one with "fabric-testkit identity register ORG NAME"'
          : `registered: ${known.join(', ')} (register more with "fabric-testkit identity register ORG NAME")`),
    );
    this.identity = identity;
  }
}

/** Fabric (a peer, the gateway, a CA, or the chaincode) refused a request; the message carries Fabric's words. */
export class FabricRefusedError extends NetworkCommandError {
  override readonly name = 'FabricRefusedError';
}
