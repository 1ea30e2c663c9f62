import { ContainerRuntime } from '../../src/containers/container-runtime';
import { fabricImagesFromEnvironment, type FabricImages } from '../../src/containers/images';
import { missingImages } from '../../src/containers/image-check';
import { newNetworkId } from '../../src/network/fabric-network';

/** The images integration tests use: the defaults, or FABRIC_TESTKIT_{CA,ORDERER,PEER,COUCHDB}_IMAGE. */
export function testImages(): FabricImages {
  return fabricImagesFromEnvironment();
}

/** Skips the suite with a message naming the missing images (CouchDB's too with `couchdb`), when some are missing. */
export async function skipWithoutImages(context: Mocha.Context, couchdb = false): Promise<void> {
  const missing = await missingImages(testImages(), couchdb).catch((e: unknown) => [`(docker: ${String(e)})`]);
  if (missing.length > 0) {
    console.log(`    skipped: images missing: ${missing.join(', ')}`);
    context.skip();
  }
}

/** A container runtime for a new network with the test images. */
export function containerRuntime(): ContainerRuntime {
  return new ContainerRuntime(newNetworkId(), { images: testImages() });
}
