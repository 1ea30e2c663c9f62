import { FabricTestkitError } from '../errors';

/** Throws for an internal inconsistency (a planned node or identity that is not there). */
export function missing(what: string): never {
  throw new FabricTestkitError(`internal: ${what} is missing`);
}
