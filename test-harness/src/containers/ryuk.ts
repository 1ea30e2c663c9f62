import { ImageName, type ContainerRuntimeClient } from 'testcontainers';

/** The reaper image testcontainers 11 starts (`build/reaper/reaper.js`), unless the user names another. */
export function reaperImage(env: NodeJS.ProcessEnv = process.env): string {
  return env['RYUK_CONTAINER_IMAGE'] ?? 'testcontainers/ryuk:0.14.0';
}

/**
 * testcontainers starts its Ryuk reaper on first use and pulls the image when it is absent, which fails on machines
 * that reach no registry. Where the image is absent and the user has not decided (`TESTCONTAINERS_RYUK_DISABLED`
 * unset), turn Ryuk off: the harness removes what it made itself, by label, on stop, failure and signals.
 * testcontainers reads the variable when it first needs the reaper, so setting it before the first container works.
 * Resolves to whether Ryuk is now disabled.
 */
export async function disableRyukWhereImageAbsent(
  client: { readonly image: Pick<ContainerRuntimeClient['image'], 'exists'> },
  env: NodeJS.ProcessEnv = process.env,
): Promise<boolean> {
  if (env['TESTCONTAINERS_RYUK_DISABLED'] !== undefined) return env['TESTCONTAINERS_RYUK_DISABLED'] === 'true';
  if (await client.image.exists(ImageName.fromString(reaperImage(env)))) return false;
  env['TESTCONTAINERS_RYUK_DISABLED'] = 'true';
  return true;
}
