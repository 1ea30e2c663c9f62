import { ContainerRuntime } from '../../src/containers/container-runtime';
import { fabricImages, type FabricImages } from '../../src/containers/images';
import { missingImages } from '../../src/containers/image-check';
import { newNetworkId } from '../../src/network/fabric-network';

/** The images integration tests use: the defaults, or FABRIC_TESTKIT_{CA,ORDERER,PEER}_IMAGE. */
export function testImages(): FabricImages {
  return {
    ca: process.env.FABRIC_TESTKIT_CA_IMAGE ?? fabricImages().ca,
    orderer: process.env.FABRIC_TESTKIT_ORDERER_IMAGE ?? fabricImages().orderer,
    peer: process.env.FABRIC_TESTKIT_PEER_IMAGE ?? fabricImages().peer,
  };
}

/** Skips the suite with a message naming the missing images, when some are missing. */
export async function skipWithoutImages(context: Mocha.Context): Promise<void> {
  const missing = await missingImages(testImages()).catch((e: unknown) => [`(docker: ${String(e)})`]);
  if (missing.length > 0) {
    console.log(`    skipped: images missing: ${missing.join(', ')}`);
    context.skip();
  }
}

/** A container runtime for a new network with the test images. */
export function containerRuntime(): ContainerRuntime {
  return new ContainerRuntime(newNetworkId(), { images: testImages() });
}
