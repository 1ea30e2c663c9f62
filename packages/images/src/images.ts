import type { ResolvedVersions } from './versions';

/** The four Fabric images. */
export type ImageComponent = 'peer' | 'orderer' | 'tools' | 'ca';

/** Every component, in the order they are checked and built. */
export const IMAGE_COMPONENTS: readonly ImageComponent[] = ['peer', 'orderer', 'tools', 'ca'];

/** Docker Hub namespace of the official images. */
export const IMAGE_NAMESPACE = 'hyperledger';

/**
 * The official reference of one image for resolved versions, for example `hyperledger/fabric-peer:2.5.16`.
 *
 * @example
 * ```ts
 * imageRef('ca', resolveVersions()); // 'hyperledger/fabric-ca:1.5.21'
 * ```
 */
export function imageRef(component: ImageComponent, versions: ResolvedVersions): string {
  const tag = component === 'ca' ? versions.ca.tag : versions.fabric.tag;
  return `${IMAGE_NAMESPACE}/fabric-${component}:${tag}`;
}

/** Labels of the images this package builds (pulled official images do not carry the `fabric-testkit.*` ones). */
export const BUILD_LABELS = {
  /** `release-source` or `go-module` on a built Fabric image, `source-archive` on a built CouchDB image. */
  builtFrom: 'fabric-testkit.built-from',
  /** The release archive (`fabric-v3.1.5.tar.gz`, `couchdb-3.4.3-with-deps.tar.gz`) or `MODULE@VERSION` built from. */
  source: 'fabric-testkit.source',
  /** The Go toolchain that compiled them (`go version` output). */
  goVersion: 'fabric-testkit.go-version',
  /** The image tag, as in official images. */
  version: 'org.opencontainers.image.version',
  /** The source commit. */
  revision: 'org.opencontainers.image.revision',
} as const;
