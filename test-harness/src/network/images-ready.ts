import { missingImages } from '../containers/image-check';
import { fabricImages, type FabricImages } from '../containers/images';

/** Which images to look for, and (for tests) how to look. */
export interface FabricImagesCheck {
  /** Default: {@link fabricImages}(). */
  readonly images?: FabricImages;
  /** Whether the CouchDB image is needed too (a network with `stateDatabase: 'couchdb'`). Default false. */
  readonly couchdb?: boolean;
  /** Default: {@link missingImages}, which asks the docker engine. */
  readonly missingImages?: (images: FabricImages, couchdb: boolean) => Promise<string[]>;
}

/** A test context that can skip itself, such as mocha's `this` in a hook or test. */
export interface SkippableTest {
  /** Skips the test; mocha's throws, so nothing after it runs. */
  skip(): void;
}

/**
 * Why a network cannot start here: the Fabric images the docker engine lacks, or the docker engine's own error when
 * it cannot be reached. Undefined when every image is there. Never throws: a machine without docker is a reason to
 * skip, not a failure.
 *
 * @example
 * ```ts
 * const reason = await fabricImagesMissing();
 * if (reason !== undefined) console.log(`not starting a network: ${reason}`);
 * ```
 */
export async function fabricImagesMissing(check: FabricImagesCheck = {}): Promise<string | undefined> {
  const images = check.images ?? fabricImages();
  const lookUp = check.missingImages ?? missingImages;
  let missing: string[];
  try {
    missing = await lookUp(images, check.couchdb ?? false);
  } catch (e) {
    return `docker: ${e instanceof Error ? e.message : String(e)}`;
  }
  return missing.length === 0 ? undefined : `images missing: ${missing.join(', ')}`;
}

/**
 * Skips the calling test or hook, with the reason on the console, when {@link fabricImagesMissing} gives one; so a
 * suite on a real network is skipped, not failed, where the Fabric images (or docker) are not available. Takes any
 * `{ skip() }`, so the harness does not depend on mocha.
 *
 * @example
 * ```ts
 * before(async function () {
 *   await skipWithoutFabricImages(this);
 *   network = await new FabricNetwork().withOrganization({ name: 'org1' }).start();
 * });
 * ```
 */
export async function skipWithoutFabricImages(test: SkippableTest, check: FabricImagesCheck = {}): Promise<void> {
  const reason = await fabricImagesMissing(check);
  if (reason !== undefined) {
    // Indented as mocha's spec reporter indents a suite's tests, so the line sits under the suite's title.
    console.log(`    skipped: ${reason}`);
    test.skip();
  }
}
