/**
 * `deploy({ server: { address } })`: a chaincode some program serves (any language), which the mock dials over the
 * chaincode protocol. Here fabric-shim's own chaincode server, as `fabric-chaincode-node server` runs one.
 */
import { createServer } from 'node:net';
import * as path from 'node:path';
import { expect } from 'chai';
import { Shim, type ChaincodeInterface } from 'fabric-shim';
import type { ChaincodeStub } from 'fabric-shim-api';
import { MockNetwork, type StartedMockNetwork } from '../src';

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => resolve(typeof address === 'object' && address !== null ? address.port : 0));
    });
  });
}

class Counter implements ChaincodeInterface {
  Init(): Promise<ReturnType<typeof Shim.success>> {
    return Promise.resolve(Shim.success());
  }

  async Invoke(stub: ChaincodeStub): Promise<ReturnType<typeof Shim.success>> {
    const current = Number(Buffer.from(await stub.getState('count')).toString() || '0');
    await stub.putState('count', Buffer.from(String(current + 1)));
    return Shim.success(Buffer.from(String(current + 1)));
  }
}

describe('deploy({ server }): chaincode served by a program, over the chaincode protocol', () => {
  let address: string;
  let server: ReturnType<typeof Shim.server>;
  let network: StartedMockNetwork;

  before(async () => {
    address = `127.0.0.1:${await freePort()}`;
    // fabric-shim's typings require tlsProps; without it the server runs in plain text (lib/server.js).
    server = Shim.server(new Counter(), { ccid: 'counter_1.0:abc', address, tlsProps: undefined as never });
    await server.start();
  });

  beforeEach(async () => {
    network = await new MockNetwork().start();
  });

  afterEach(async () => {
    await network.stop();
  });

  after(() => {
    (server as unknown as { _server: { forceShutdown(): void } })._server.forceShutdown();
  });

  it('submits through the same client, with the package indexes of modulePath', async () => {
    const deployed = await network.deploy({
      name: 'counter',
      server: { address },
      modulePath: path.resolve(__dirname, '../../test/fixtures/module-package'),
    });
    expect(deployed).to.deep.include({ name: 'counter', channel: 'mychannel', version: '1.0' });
    const cc = network.chaincode('counter');
    expect((await cc.submit('inc')).text).to.equal('1');
    expect((await cc.submit('inc')).text).to.equal('2');
    expect(network.ledger().state('counter', 'count')?.toString()).to.equal('2');
  });

  it('says what it cannot know of a served chaincode, and refuses in-process options beside a server', async () => {
    const deployed = await network.deploy({ name: 'counter', server: { address } });
    expect(() => deployed.contractNames).to.throw(
      `contractNames: chaincode counter is served by a program at ${address}, not run in this process`,
    );
    expect(() => deployed.metadata).to.throw(/org\.hyperledger\.fabric:GetMetadata/);
    const inside = await network.context('counter', {}, () => undefined).catch((e: unknown) => e);
    expect(String(inside)).to.match(/context\(\): chaincode counter is served by a program at/);
    const mixed = await network.deploy({ name: 'other', server: { address }, contracts: [] }).catch((e: unknown) => e);
    expect(String(mixed)).to.match(/deploy other: contracts describe chaincode run in process; a chaincode server/);
  });
});
