import { request } from 'node:https';
import { randomBytes } from 'node:crypto';
import { FabricRequestError } from '../errors';

/** Mutual-TLS material for an orderer's admin endpoint. */
export interface OsnAdminOptions {
  /** The admin endpoint, for example `https://127.0.0.1:32790`. */
  readonly url: string;
  /** The orderer's TLS CA certificate, PEM. */
  readonly tlsCaCertificate: string;
  /** A client TLS certificate and key (PEM) the orderer's admin endpoint trusts. */
  readonly clientCertificate: string;
  readonly clientKey: string;
  /** The TLS server name to check, when the URL's host is not in the orderer's certificate. */
  readonly serverName?: string;
}

/** What the channel participation API reports about a channel on one orderer. */
export interface ChannelInfo {
  readonly name: string;
  readonly status: string;
  readonly consensusRelation: string;
  readonly height: number;
}

/** A client for an orderer's channel participation API (what `osnadmin channel` does), over mutual TLS. */
export class OsnAdminClient {
  readonly #options: OsnAdminOptions;

  constructor(options: OsnAdminOptions) {
    this.#options = options;
  }

  /** Joins the orderer to a channel with its genesis (config) block. */
  async join(channelId: string, configBlock: Uint8Array): Promise<ChannelInfo> {
    const boundary = `----fabric-testkit-${randomBytes(8).toString('hex')}`;
    const body = Buffer.concat([
      Buffer.from(
        `--${boundary}\r\nContent-Disposition: form-data; name="config-block"; filename="${channelId}.block"\r\n` +
          'Content-Type: application/octet-stream\r\n\r\n',
      ),
      Buffer.from(configBlock),
      Buffer.from(`\r\n--${boundary}--\r\n`),
    ]);
    const { status, text } = await this.#send('POST', '/participation/v1/channels', body, {
      'content-type': `multipart/form-data; boundary=${boundary}`,
    });
    if (status !== 201) {
      throw new FabricRequestError(`osnadmin join ${channelId}`, errorText(text), status);
    }
    return toChannelInfo(text);
  }

  /** Reads one channel's participation status. */
  async channel(channelId: string): Promise<ChannelInfo> {
    const { status, text } = await this.#send('GET', `/participation/v1/channels/${channelId}`);
    if (status !== 200) {
      throw new FabricRequestError(`osnadmin channel ${channelId}`, errorText(text), status);
    }
    return toChannelInfo(text);
  }

  #send(
    method: string,
    path: string,
    body?: Buffer,
    headers: Record<string, string> = {},
  ): Promise<{ status: number; text: string }> {
    const url = new URL(this.#options.url);
    return new Promise((resolve, reject) => {
      const outgoing = request(
        {
          method,
          hostname: url.hostname,
          port: url.port,
          path,
          ca: this.#options.tlsCaCertificate,
          cert: this.#options.clientCertificate,
          key: this.#options.clientKey,
          servername: this.#options.serverName,
          headers: body ? { ...headers, 'content-length': body.length } : headers,
        },
        (res) => {
          const chunks: Buffer[] = [];
          res.on('data', (c: Buffer) => chunks.push(c));
          res.on('end', () => resolve({ status: res.statusCode ?? 0, text: Buffer.concat(chunks).toString('utf8') }));
          res.on('error', reject);
        },
      );
      outgoing.on('error', (e) =>
        reject(new FabricRequestError(`osnadmin ${method} ${path}`, e.message, undefined, { cause: e })),
      );
      outgoing.end(body);
    });
  }
}

function errorText(text: string): string {
  try {
    const parsed: unknown = JSON.parse(text);
    if (typeof parsed === 'object' && parsed !== null && 'error' in parsed && typeof parsed.error === 'string') {
      return parsed.error;
    }
  } catch {
    // not JSON: report the raw text
  }
  return text;
}

function toChannelInfo(text: string): ChannelInfo {
  const parsed: unknown = JSON.parse(text);
  if (typeof parsed !== 'object' || parsed === null) {
    throw new FabricRequestError('osnadmin', `unexpected response ${text}`);
  }
  const field = (key: string): unknown => new Map(Object.entries(parsed)).get(key);
  return {
    name: String(field('name')),
    status: String(field('status')),
    consensusRelation: String(field('consensusRelation')),
    height: Number(field('height')),
  };
}
