import { FABRIC_SOURCE_ENV, type ReleaseSource } from '../versions';

/** What a pin built from a release needs, in words for `ImageNotBuildableError`. */
export function releaseSourceNeeded(release: ReleaseSource): string {
  return (
    `it is built from Fabric's release source: pass --fabric-source DIR (or set ${FABRIC_SOURCE_ENV}=DIR) with DIR ` +
    `holding ${release.archive} or its unpacked tree, or pull or \`docker load\` the images where a registry can ` +
    'be reached'
  );
}
