import { expect } from 'chai';
import { createServer, type Server } from 'node:net';
import { FabricTestkitError } from '../../src/errors';
import { freePort } from '../../src/network/free-port';

function listen(port: number): Promise<Server> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => resolve(server));
  });
}

async function rejection(promise: Promise<unknown>): Promise<unknown> {
  return promise.then(
    () => undefined,
    (e: unknown) => e,
  );
}

describe('bad input 10: no free port', () => {
  let taken: Server | undefined;
  afterEach(async () => {
    await new Promise((resolve) => (taken ? taken.close(resolve) : resolve(undefined)));
    taken = undefined;
  });

  it('a port range whose every port is taken: names the host, the range and what to do', async () => {
    const port = await freePort();
    taken = await listen(port);
    const error = await rejection(freePort({ range: { first: port, last: port } }));
    expect(error).to.be.instanceOf(FabricTestkitError);
    expect(error).to.have.property(
      'message',
      `no free TCP port on 127.0.0.1 in the range ${port}-${port} (tried all 1: 1 EADDRINUSE); ` +
        'stop what listens there (a stale network or chaincode server?) or use a wider range',
    );
  });

  it('a range gives its first free port', async () => {
    const port = await freePort();
    taken = await listen(port);
    const next = await freePort({ range: { first: port, last: Math.min(port + 50, 65535) } });
    expect(next).to.be.greaterThan(port);
  });

  it('a range that is not one', async () => {
    const error = await rejection(freePort({ range: { first: 9000, last: 8000 } }));
    expect(error).to.have.property(
      'message',
      'port range 9000-8000 is not a range of TCP ports (1 to 65535, first ≤ last)',
    );
  });

  it('the operating system gives none (a host that is not an address of this machine)', async () => {
    const error = await rejection(freePort({ host: '192.0.2.1' }));
    expect(error).to.be.instanceOf(FabricTestkitError);
    expect(error).to.have.property(
      'message',
      'no free TCP port on 192.0.2.1: the operating system gave none (EADDRNOTAVAIL); check that the host is an ' +
        'address of this machine, or free ports (too many open connections?)',
    );
  });
});
