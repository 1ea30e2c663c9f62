import { createServer } from 'node:net';
import { FabricTestkitError } from '../errors';

/** Where {@link freePort} looks: a host, and optionally a range of ports instead of one the system picks. */
export interface FreePortOptions {
  /** Default `127.0.0.1`. */
  readonly host?: string;
  /** Ports to try in order, `first` to `last` inclusive. Default: any port the operating system gives. */
  readonly range?: { readonly first: number; readonly last: number };
}

/** Listens on `port` (0: any) and closes again; resolves to the port, or rejects with the listen error. */
function tryListen(port: number, host: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(port, host, () => {
      const address = server.address();
      const bound = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(bound));
    });
  });
}

function errorCode(e: unknown): string {
  return e instanceof Error && 'code' in e ? String(e.code) : String(e);
}

async function freePortInRange(host: string, first: number, last: number): Promise<number> {
  if (!Number.isInteger(first) || !Number.isInteger(last) || first < 1 || last > 65535 || first > last) {
    throw new FabricTestkitError(`port range ${first}-${last} is not a range of TCP ports (1 to 65535, first ≤ last)`);
  }
  const failures = new Map<string, number>();
  for (let port = first; port <= last; port++) {
    try {
      return await tryListen(port, host);
    } catch (e) {
      const code = errorCode(e);
      failures.set(code, (failures.get(code) ?? 0) + 1);
    }
  }
  const why = [...failures].map(([code, count]) => `${count} ${code}`).join(', ');
  throw new FabricTestkitError(
    `no free TCP port on ${host} in the range ${first}-${last} (tried all ${last - first + 1}: ${why}); ` +
      'stop what listens there (a stale network or chaincode server?) or use a wider range',
  );
}

/**
 * A TCP port free on the host right now (default 127.0.0.1): one the operating system picks, or the first free one of
 * `range`. Fails with a {@link FabricTestkitError} naming the host and the range tried when there is none.
 *
 * @example
 * ```ts
 * const port = await freePort();
 * const inRange = await freePort({ range: { first: 7000, last: 7099 } });
 * ```
 */
export async function freePort(options: FreePortOptions = {}): Promise<number> {
  const host = options.host ?? '127.0.0.1';
  if (options.range !== undefined) {
    return freePortInRange(host, options.range.first, options.range.last);
  }
  try {
    return await tryListen(0, host);
  } catch (e) {
    throw new FabricTestkitError(
      `no free TCP port on ${host}: the operating system gave none (${errorCode(e)}); ` +
        'check that the host is an address of this machine, or free ports (too many open connections?)',
      { cause: e },
    );
  }
}

/** Tells whether something already listens on 127.0.0.1:port (a stale chaincode server, for example). */
export function isPortInUse(port: number, host = '127.0.0.1'): Promise<boolean> {
  return new Promise((resolve) => {
    const server = createServer();
    server.once('error', () => resolve(true));
    server.listen(port, host, () => server.close(() => resolve(false)));
  });
}
