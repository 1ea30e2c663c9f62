/** What `ensureImages` needs from a Docker engine. The default implementation drives the `docker` CLI. */
export interface DockerClient {
  /** Resolves when an engine answers; rejects with `DockerEngineUnavailableError` otherwise. */
  ping(): Promise<void>;
  /** Whether an image with this reference exists locally. */
  hasImage(ref: string): Promise<boolean>;
  /** The id of a local image, or `undefined` when there is none. */
  imageId(ref: string): Promise<string | undefined>;
  /** Removes an image by id unless it is in use or still tagged elsewhere; resolves whether it was removed. */
  removeImage(id: string): Promise<boolean>;
  /** The labels of a local image (an empty object when it has none). */
  imageLabels(ref: string): Promise<Record<string, string>>;
  /** Tries to pull an image within `timeoutMs`; never throws for a failed pull. */
  pull(ref: string, timeoutMs: number): Promise<PullResult>;
  /** Builds an image; rejects with `ImageBuildError` when `docker build` fails. */
  build(request: BuildRequest): Promise<void>;
  /** Imports a root file system tarball as an image; rejects with `ImageBuildError` on failure. */
  importRootFs(tarball: string, ref: string, changes: readonly string[]): Promise<void>;
}

/** The outcome of one pull attempt. */
export interface PullResult {
  readonly pulled: boolean;
  /** Why it failed (the engine's message, or the timeout). */
  readonly reason?: string;
}

/** One `docker build`. */
export interface BuildRequest {
  /** Directory sent as the build context. */
  readonly context: string;
  /** Path of the Dockerfile. */
  readonly dockerfile: string;
  /** Image references to tag the result with. */
  readonly tags: readonly string[];
  readonly buildArgs: Readonly<Record<string, string>>;
  readonly labels: Readonly<Record<string, string>>;
  /** Called with each line of build output. */
  readonly onLine?: (line: string) => void;
}
