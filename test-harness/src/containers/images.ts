import { imageRef, resolveVersions, type VersionSelection } from '@fabric-testkit/images';

/** The container images the harness runs, by node kind. */
export interface FabricImages {
  readonly ca: string;
  readonly orderer: string;
  readonly peer: string;
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
  return { ca: imageRef('ca', versions), orderer: imageRef('orderer', versions), peer: imageRef('peer', versions) };
}
