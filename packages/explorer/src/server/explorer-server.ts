/**
 * The explorer's web server: the page, its JSON API and a stream of height updates (server-sent events), on
 * 127.0.0.1 only, with node:http. Nothing is fetched from elsewhere: the page works offline.
 *
 * - `GET /` the page; `/app.js`, `/style.css` its script and style
 * - `GET /api/overview?org=MSP` organizations, channels with heights and chaincode definitions
 * - `GET /api/channels/NAME/blocks?from=N&org=MSP` blocks from N, as that organization may see them
 * - `GET /api/events` `data: {"channel":…,"height":…}` each time a channel grows; `event: problem` when reading fails
 */
import { readFile } from 'node:fs/promises';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import * as path from 'node:path';
import { UnknownChannelError, UnknownOrganizationError } from '../errors';
import { LedgerExplorer } from '../model/ledger-explorer';
import type { LedgerSource } from '../model/ledger-source';
import type { HeightUpdate } from '../model/views';

export interface ExplorerOptions {
  /** TCP port on 127.0.0.1. Default 0: any free port (the URL says which). */
  readonly port?: number;
  /** How often to ask a source that cannot announce blocks for its height. Default 1000 ms. */
  readonly pollIntervalMs?: number;
}

/** A running explorer: open `url` in a browser. */
export interface RunningExplorer extends AsyncDisposable {
  /** `http://127.0.0.1:PORT/`. */
  readonly url: string;
  readonly explorer: LedgerExplorer;
  /** Reads new blocks now (the server also does on its own); resolves when they are in the model. */
  refresh(): Promise<void>;
  /** Stops serving, ends open event streams and closes the source. */
  close(): Promise<void>;
}

const HOST = '127.0.0.1';

/** The package root: this file is `dist/src/server/explorer-server.js`. */
const PACKAGE_ROOT = path.resolve(__dirname, '..', '..', '..');

const ASSETS: Readonly<Record<string, { file: string; type: string }>> = {
  '/': { file: path.join(PACKAGE_ROOT, 'page', 'index.html'), type: 'text/html; charset=utf-8' },
  '/style.css': { file: path.join(PACKAGE_ROOT, 'page', 'style.css'), type: 'text/css; charset=utf-8' },
  '/app.js': {
    file: path.join(PACKAGE_ROOT, 'dist', 'page-build', 'page', 'app.js'),
    type: 'text/javascript; charset=utf-8',
  },
};

function sendJson(response: ServerResponse, status: number, body: unknown): void {
  response.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store' });
  response.end(JSON.stringify(body));
}

function statusOf(error: unknown): number {
  if (error instanceof UnknownChannelError) return 404;
  if (error instanceof UnknownOrganizationError) return 400;
  return 500;
}

class ExplorerServer implements RunningExplorer {
  readonly explorer: LedgerExplorer;
  readonly #source: LedgerSource;
  readonly #server: Server;
  readonly #streams = new Set<ServerResponse>();
  #stopUpdates: () => void = () => undefined;
  #url = '';
  #problem: string | undefined;

  constructor(source: LedgerSource) {
    this.#source = source;
    this.explorer = new LedgerExplorer(source);
    this.#server = createServer((request, response) => {
      this.#handle(request, response).catch((error: unknown) => {
        if (!response.headersSent) sendJson(response, statusOf(error), { error: String(error) });
        else response.end();
      });
    });
  }

  get url(): string {
    return this.#url;
  }

  async start(options: ExplorerOptions): Promise<void> {
    await this.explorer.refresh();
    this.explorer.onUpdate((update) => this.#broadcast('message', update));
    const refreshQuietly = (): void => void this.refresh().catch(() => undefined);
    if (this.#source.watch !== undefined) {
      this.#stopUpdates = this.#source.watch(refreshQuietly);
    } else {
      const timer = setInterval(refreshQuietly, options.pollIntervalMs ?? 1000);
      this.#stopUpdates = () => clearInterval(timer);
    }
    await new Promise<void>((resolve, reject) => {
      this.#server.once('error', reject);
      this.#server.listen(options.port ?? 0, HOST, () => {
        this.#server.off('error', reject);
        resolve();
      });
    });
    this.#url = `http://${HOST}:${(this.#server.address() as AddressInfo).port}/`;
  }

  async refresh(): Promise<void> {
    try {
      await this.explorer.refresh();
      this.#problem = undefined;
    } catch (error) {
      this.#problem = error instanceof Error ? error.message : String(error);
      this.#broadcast('problem', { message: this.#problem });
      throw error;
    }
  }

  async close(): Promise<void> {
    this.#stopUpdates();
    for (const stream of this.#streams) stream.end();
    this.#streams.clear();
    this.#server.closeAllConnections();
    await new Promise<void>((resolve) => this.#server.close(() => resolve()));
    await this.#source.close?.();
  }

  async [Symbol.asyncDispose](): Promise<void> {
    await this.close();
  }

  #broadcast(event: string, data: HeightUpdate | { message: string }): void {
    const frame = `${event === 'message' ? '' : `event: ${event}\n`}data: ${JSON.stringify(data)}\n\n`;
    for (const stream of this.#streams) stream.write(frame);
  }

  /** Only this machine's names: a page on another site must not reach the API through DNS rebinding. */
  #trustedHost(request: IncomingMessage): boolean {
    const host = request.headers.host ?? '';
    return /^(127\.0\.0\.1|localhost)(:\d+)?$/.test(host);
  }

  async #handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const url = new URL(request.url ?? '/', 'http://127.0.0.1');
    if (request.method !== 'GET') return sendJson(response, 405, { error: 'only GET' });
    if (!this.#trustedHost(request)) return sendJson(response, 403, { error: 'serving 127.0.0.1 only' });
    const asset = ASSETS[url.pathname];
    if (asset !== undefined) {
      const body = await readFile(asset.file);
      response.writeHead(200, { 'content-type': asset.type, 'cache-control': 'no-store' });
      response.end(body);
      return undefined;
    }
    const viewer = url.searchParams.get('org') || undefined;
    if (url.pathname === '/api/overview') {
      const overview = this.explorer.overview(viewer);
      return sendJson(response, 200, this.#problem === undefined ? overview : { ...overview, problem: this.#problem });
    }
    const blocks = /^\/api\/channels\/([^/]+)\/blocks$/.exec(url.pathname);
    if (blocks?.[1] !== undefined) {
      const from = Number(url.searchParams.get('from') ?? '0');
      if (!Number.isInteger(from) || from < 0) return sendJson(response, 400, { error: 'from must be a block number' });
      const query = { from, ...(viewer === undefined ? {} : { viewer }) };
      return sendJson(response, 200, this.explorer.blocks(decodeURIComponent(blocks[1]), query));
    }
    if (url.pathname === '/api/events') return this.#openStream(request, response);
    return sendJson(response, 404, { error: `no such page: ${url.pathname}` });
  }

  #openStream(request: IncomingMessage, response: ServerResponse): void {
    response.writeHead(200, {
      'content-type': 'text/event-stream; charset=utf-8',
      'cache-control': 'no-store',
      connection: 'keep-alive',
    });
    response.write(': explorer events\n\n');
    this.#streams.add(response);
    request.on('close', () => this.#streams.delete(response));
  }
}

/**
 * Serves the explorer page for a ledger source on 127.0.0.1 and reads its blocks as they arrive.
 *
 * @example
 * ```ts
 * await using explorer = await startExplorer(mockLedgerSource(network.fabric));
 * console.log(`explorer: ${explorer.url}`);
 * ```
 */
export async function startExplorer(source: LedgerSource, options: ExplorerOptions = {}): Promise<RunningExplorer> {
  const server = new ExplorerServer(source);
  try {
    await server.start(options);
  } catch (error) {
    await server.close().catch(() => undefined);
    throw error;
  }
  return server;
}
