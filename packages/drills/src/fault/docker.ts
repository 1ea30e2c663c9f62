import { get } from 'node:http';
import { getContainerRuntimeClient } from 'testcontainers';

/**
 * The `127.0.0.1:port` docker publishes a container port on right now. Docker picks a new host port when a
 * container starts again or reconnects to its network, and the harness's node handles keep the old one.
 */
export async function publishedAddress(container: string, port: number): Promise<string> {
  const docker = await getContainerRuntimeClient();
  const info = await docker.container.getById(container).inspect();
  const hostPort = info.NetworkSettings.Ports[`${port}/tcp`]?.[0]?.HostPort;
  if (!hostPort) throw new Error(`${container}: port ${port} is not published`);
  return `127.0.0.1:${hostPort}`;
}

/** GET over plain HTTP, resolving to the body of a 200 answer. */
export function httpText(url: string, timeoutMs = 5000): Promise<string> {
  return new Promise((resolve, reject) => {
    const request = get(url, { timeout: timeoutMs }, (response) => {
      let body = '';
      response.setEncoding('utf8');
      response.on('data', (chunk: string) => (body += chunk));
      response.on('end', () =>
        response.statusCode === 200 ? resolve(body) : reject(new Error(`${url}: HTTP ${response.statusCode}`)),
      );
    });
    request.on('timeout', () => request.destroy(new Error(`${url}: no answer within ${timeoutMs} ms`)));
    request.on('error', reject);
  });
}
