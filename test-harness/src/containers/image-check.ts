import { getContainerRuntimeClient } from 'testcontainers';
import type { FabricImages } from './images';

/** The images of the set that the docker engine does not have; CouchDB's only when `couchdb` is set. */
export async function missingImages(images: FabricImages, couchdb = false): Promise<string[]> {
  const client = await getContainerRuntimeClient();
  const names = [images.ca, images.orderer, images.peer, ...(couchdb ? [images.couchdb] : [])];
  const present = await Promise.all(
    names.map((name) =>
      client.container.dockerode
        .getImage(name)
        .inspect()
        .then(() => true)
        .catch(() => false),
    ),
  );
  return names.filter((_, i) => !present[i]);
}
