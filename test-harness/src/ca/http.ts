import { Agent, request } from 'node:https';
import { CaError, type CaErrorDetail } from '../errors';

/** Fabric CA's response envelope (cfssl api.Response). */
interface CaResponse {
  readonly success?: boolean;
  readonly result?: unknown;
  readonly errors?: readonly CaErrorDetail[];
}

/** One HTTPS request to a Fabric CA; a keep-alive agent lets parallel enrollments share connections. */
export interface CaHttpRequest {
  readonly method: 'GET' | 'POST';
  /** The endpoint below `/api/v1/`, for example `enroll`. */
  readonly endpoint: string;
  readonly body: Buffer;
  readonly authorization?: string;
}

/** Sends requests to one Fabric CA over HTTPS and unwraps its response envelope. */
export class CaHttpTransport {
  readonly #url: () => string;
  readonly #agent: Agent;

  /** `url` is read before each request when it is a function (host ports can change when the CA restarts). */
  constructor(url: string | (() => string), tlsCaCertificates: string) {
    this.#url = typeof url === 'string' ? () => url : url;
    this.#agent = new Agent({ keepAlive: true, maxSockets: 32, ca: tlsCaCertificates });
  }

  /** The request URI the CA sees for an endpoint (what the auth token signs). */
  requestUri(endpoint: string): string {
    return `${new URL(this.#url()).pathname.replace(/\/$/, '')}/api/v1/${endpoint}`;
  }

  /** Sends a request and returns the envelope's `result`; throws {@link CaError} when the CA reports errors. */
  async send(req: CaHttpRequest): Promise<unknown> {
    const { status, raw } = await this.#exchange(req);
    return unwrap(req.endpoint, status, raw);
  }

  #exchange(req: CaHttpRequest): Promise<{ status: number; raw: Buffer }> {
    return new Promise((resolve, reject) => {
      const headers: Record<string, string | number> = {
        'content-type': 'application/json',
        'content-length': req.body.length,
      };
      if (req.authorization) {
        headers.authorization = req.authorization;
      }
      const url = new URL(this.#url());
      const outgoing = request(
        {
          protocol: 'https:',
          hostname: url.hostname,
          port: url.port,
          path: this.requestUri(req.endpoint),
          method: req.method,
          agent: this.#agent,
          headers,
        },
        (res) => {
          const chunks: Buffer[] = [];
          res.on('data', (c: Buffer) => chunks.push(c));
          res.on('error', (e) => reject(new CaError(req.endpoint, res.statusCode ?? 0, [], { cause: e })));
          res.on('end', () => resolve({ status: res.statusCode ?? 0, raw: Buffer.concat(chunks) }));
        },
      );
      outgoing.on('error', (e) =>
        reject(new CaError(req.endpoint, 0, [{ code: 0, message: e.message }], { cause: e })),
      );
      outgoing.end(req.body);
    });
  }

  /** Closes idle keep-alive connections. */
  close(): void {
    this.#agent.destroy();
  }
}

function unwrap(endpoint: string, status: number, raw: Buffer): unknown {
  let parsed: CaResponse;
  try {
    parsed = raw.length > 0 ? (JSON.parse(raw.toString('utf8')) as CaResponse) : {};
  } catch (e) {
    throw new CaError(endpoint, status, [{ code: 0, message: `unparsable response: ${raw.toString('utf8')}` }], {
      cause: e,
    });
  }
  const errors = parsed.errors ?? [];
  if (errors.length > 0 || status >= 400 || parsed.success !== true) {
    throw new CaError(endpoint, status, errors);
  }
  return parsed.result;
}
