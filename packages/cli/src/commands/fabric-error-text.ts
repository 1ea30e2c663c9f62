/**
 * Fabric's refusals in Fabric's words: a fabric-gateway error (and the mock's, which copies its shape) carries a
 * generic message ("10 ABORTED: failed to endorse transaction, see attached details for more info") and the peers'
 * own messages in `details` (for example "chaincode response 500, You've asked to invoke a function that does not
 * exist: Foo"). The CLI prints both, so a student sees what the peer said.
 */
import { FabricRefusedError, NetworkCommandError } from './network-errors';

interface Detail {
  readonly address?: unknown;
  readonly mspId?: unknown;
  readonly message?: unknown;
}

/** The error's message followed by each peer's detail, `; `-separated. */
export function fabricErrorText(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  const details: unknown = Reflect.get(error, 'details');
  const lines = Array.isArray(details)
    ? details.flatMap((d: Detail) =>
        typeof d.message === 'string'
          ? [`${typeof d.mspId === 'string' && d.mspId !== '' ? `${d.mspId}: ` : ''}${d.message}`]
          : [],
      )
    : [];
  return [error.message, ...lines].join('; ');
}

/** Runs `call`; an error Fabric gave becomes a {@link FabricRefusedError} saying what was attempted and why not. */
export async function asFabricRefusal<T>(what: string, call: () => Promise<T>): Promise<T> {
  try {
    return await call();
  } catch (e) {
    if (e instanceof NetworkCommandError) throw e;
    throw new FabricRefusedError(`${what} failed: ${fabricErrorText(e)}`, { cause: e });
  }
}
