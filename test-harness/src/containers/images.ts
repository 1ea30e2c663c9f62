import { COUCHDB_IMAGE, imageRef, resolveVersions, type VersionSelection } from '@fabric-testkit/images';

/** The container images the harness runs, by node kind. */
export interface FabricImages {
  readonly ca: string;
  readonly orderer: string;
  readonly peer: string;
  /** The state database of peers with `stateDatabase: 'couchdb'`. */
  readonly couchdb: string;
}

/**
 * The images of the pinned versions, from the images package's pin file (the one place tags are pinned):
 * Fabric 2.5.16 and Fabric CA 1.5.21 by default; `FABRIC_TESTKIT_FABRIC_VERSION=3.1` picks the 3.1 line.
 *
 * @example
 * ```ts
 * fabricImages({ fabric: '3.1' }).peer; // 'hyperledger/fabric-peer:3.1.5'
 * ```
 */
export function fabricImages(selection: VersionSelection = {}): FabricImages {
  const versions = resolveVersions(selection);
  return {
    ca: imageRef('ca', versions),
    orderer: imageRef('orderer', versions),
    peer: imageRef('peer', versions),
    couchdb: COUCHDB_IMAGE,
  };
}

/**
 * {@link fabricImages}, each replaced by its environment variable where set: `FABRIC_TESTKIT_CA_IMAGE`,
 * `FABRIC_TESTKIT_ORDERER_IMAGE`, `FABRIC_TESTKIT_PEER_IMAGE`, `FABRIC_TESTKIT_COUCHDB_IMAGE` (test suites and
 * benches run against locally built images this way).
 */
export function fabricImagesFromEnvironment(
  selection: VersionSelection = {},
  env: NodeJS.ProcessEnv = process.env,
): FabricImages {
  const defaults = fabricImages(selection);
  return {
    ca: env.FABRIC_TESTKIT_CA_IMAGE ?? defaults.ca,
    orderer: env.FABRIC_TESTKIT_ORDERER_IMAGE ?? defaults.orderer,
    peer: env.FABRIC_TESTKIT_PEER_IMAGE ?? defaults.peer,
    couchdb: env.FABRIC_TESTKIT_COUCHDB_IMAGE ?? defaults.couchdb,
  };
}
