export type { BuildRequest, DockerClient, PullResult } from './docker-client';
export {
  CACHE_DIR_ENV,
  defaultCacheDir,
  ensureImages,
  ensureImagesWith,
  type EnsureImagesOptions,
  type EnsureImagesResult,
} from './ensure-images';
export {
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
export type { FabricComponent, ImageBuilder, ImageOutcome, ImageStatus } from './internal/plan';
export { formatProgress, formatSeconds, type ImagesStep, type ProgressEvent, type ProgressListener } from './progress';
export {
  DEFAULT_FABRIC_CA_TAG,
  DEFAULT_FABRIC_TAG,
  FABRIC_CA_PINS,
  FABRIC_CA_VERSION_ENV,
  FABRIC_PINS,
  FABRIC_SOURCE_ENV,
  FABRIC_VERSION_ENV,
  resolveVersions,
  type FabricCaPin,
  type FabricPin,
  type ModuleSource,
  type ReleaseSource,
  type ResolvedVersions,
  type VersionSelection,
} from './versions';
