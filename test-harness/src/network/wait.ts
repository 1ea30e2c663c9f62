import { get } from 'node:http';
import { FabricTestkitError, WaitTimeoutError } from '../errors';

/** A node exited while the harness waited for it to become ready. */
export class NodeExitedError extends FabricTestkitError {
  constructor(nodeName: string) {
    super(`${nodeName} exited before it became ready`);
    this.name = 'NodeExitedError';
  }
}

/** Thrown from a {@link waitUntil} check to end the wait at once with `reason`. */
export class StopWaiting extends Error {
  readonly reason: unknown;

  constructor(reason: unknown) {
    super('stop waiting');
    this.reason = reason;
  }
}

/** Polls until `check` returns true, or throws {@link WaitTimeoutError} naming `target`. */
export async function waitUntil(
  target: string,
  timeoutMs: number,
  check: () => Promise<true | string>,
  intervalMs = 50,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let last: string | undefined;
  for (;;) {
    try {
      const result = await check();
      if (result === true) {
        return;
      }
      last = result;
    } catch (e) {
      if (e instanceof NodeExitedError || e instanceof StopWaiting) {
        throw e;
      }
      last = e instanceof Error ? e.message : String(e);
    }
    if (Date.now() >= deadline) {
      throw new WaitTimeoutError(target, timeoutMs, last);
    }
    await new Promise((resolve) => setTimeout(resolve, intervalMs));
  }
}

/** GETs a URL on an operations endpoint (plain HTTP) and returns status and body. */
export function httpGet(url: string): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const req = get(url, { timeout: 2000 }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8') }));
      res.on('error', reject);
    });
    req.on('timeout', () => req.destroy(new Error(`GET ${url} timed out`)));
    req.on('error', reject);
  });
}

/** Waits until `GET url + path` answers 200; fails at once when `isRunning` says the node exited. */
function waitForHttpOk(
  url: string,
  path: string,
  nodeName: string,
  timeoutMs: number,
  isRunning: () => Promise<boolean>,
): Promise<void> {
  return waitUntil(`${nodeName} ${path}`, timeoutMs, async () => {
    if (!(await isRunning())) {
      throw new NodeExitedError(nodeName);
    }
    const { status, body } = await httpGet(`${url}${path}`);
    return status === 200 ? true : `HTTP ${status}: ${body.trim()}`;
  });
}

/** Waits until a node's operations `/healthz` answers 200; fails at once when `isRunning` says the node exited. */
export function waitForHealthz(
  operationsUrl: string,
  nodeName: string,
  timeoutMs = 30_000,
  isRunning: () => Promise<boolean> = () => Promise.resolve(true),
): Promise<void> {
  return waitForHttpOk(operationsUrl, '/healthz', nodeName, timeoutMs, isRunning);
}

/**
 * Waits for CouchDB's `GET /_up` to answer 200 (`{"status":"ok"}`): CouchDB serves it without credentials once
 * its databases can be used (chttpd_node's handle_up_req).
 */
export function waitForCouchDb(
  url: string,
  nodeName: string,
  timeoutMs = 30_000,
  isRunning: () => Promise<boolean> = () => Promise.resolve(true),
): Promise<void> {
  return waitForHttpOk(url, '/_up', nodeName, timeoutMs, isRunning);
}

/**
 * Tells whether a Prometheus text page says this orderer leads the channel's consensus: etcdraft's
 * `consensus_etcdraft_is_leader` or SmartBFT's `consensus_BFT_is_leader` (orderer/consensus/smartbft/metrics.go).
 */
export function isConsensusLeader(
  metrics: string,
  channelId: string,
  consensus: 'etcdraft' | 'BFT' = 'etcdraft',
): boolean {
  const pattern = new RegExp(`^consensus_${consensus}_is_leader\\{channel="${escapeRegExp(channelId)}"\\} 1$`, 'm');
  return pattern.test(metrics);
}

/** Waits until one of the orderers reports itself leader of the channel's consensus on `/metrics`. */
export function waitForConsensusLeader(
  orderers: readonly { readonly name: string; readonly operationsUrl: string }[],
  channelId: string,
  consensus: 'etcdraft' | 'BFT' = 'etcdraft',
  timeoutMs = 30_000,
): Promise<void> {
  const names = orderers.map((o) => o.name).join(', ');
  const kind = consensus === 'BFT' ? 'a BFT' : 'a Raft';
  return waitUntil(`${kind} leader for channel ${channelId} among ${names}`, timeoutMs, async () => {
    const pages = await Promise.all(orderers.map((o) => httpGet(`${o.operationsUrl}/metrics`)));
    return pages.some((p) => isConsensusLeader(p.body, channelId, consensus)) ? true : 'no orderer reports is_leader 1';
  });
}

function escapeRegExp(value: string): string {
  return value.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
