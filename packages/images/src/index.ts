export {
  ensureCouchDbImage,
  ensureCouchDbImageWith,
  type EnsureCouchDbImageOptions,
  type EnsureCouchDbImageResult,
} from './couchdb';
export type { BuildRequest, DockerClient, PullResult } from './docker-client';
export {
  CACHE_DIR_ENV,
  defaultCacheDir,
  ensureImages,
  ensureImagesWith,
  type EnsureImagesOptions,
  type EnsureOptions,
  type EnsureImagesResult,
} from './ensure-images';
export {
  CouchDbSourceMismatchError,
  CouchDbSourceNotFoundError,
  DockerEngineUnavailableError,
  FabricSourceMismatchError,
  FabricSourceNotFoundError,
  FabricImagesError,
  GoProxyUnreachableError,
  ImageBuildError,
  ImageNotBuildableError,
  isFabricImagesError,
  MissingToolError,
  ModuleNotServedError,
  UnknownVersionError,
} from './errors';
export { BUILD_LABELS, IMAGE_COMPONENTS, IMAGE_NAMESPACE, imageRef, type ImageComponent } from './images';
export type { CouchDbBuilder } from './internal/couchdb-builder';
export type { FabricComponent, ImageBuilder, ImageOutcome, ImageStatus } from './internal/plan';
export { formatProgress, formatSeconds, type ImagesStep, type ProgressEvent, type ProgressListener } from './progress';
export {
  COUCHDB_IMAGE,
  COUCHDB_PIN,
  COUCHDB_SOURCE_ENV,
  COUCHDB_TAG,
  DEFAULT_FABRIC_CA_TAG,
  DEFAULT_FABRIC_TAG,
  FABRIC_CA_PINS,
  FABRIC_CA_VERSION_ENV,
  FABRIC_PINS,
  FABRIC_SOURCE_ENV,
  FABRIC_VERSION_ENV,
  resolveVersions,
  type CouchDbPin,
  type FabricCaPin,
  type FabricPin,
  type ModuleSource,
  type ReleaseSource,
  type ResolvedVersions,
  type VersionSelection,
} from './versions';
