/**
 * `deploy({ server: { address } })`: a chaincode some program serves (any language), which the mock dials over the
 * chaincode protocol. Here fabric-shim's own chaincode server in a child process (the harness starts it, as it does
 * for a real network): in this process fabric-gateway's protobuf classes, loaded by other tests, would clash with
 * fabric-shim's ("Error serializing response").
 */
import * as path from 'node:path';
import { expect } from 'chai';
import { freePort, startChaincodeServer, type RunningChaincodeServer } from '@fabric-testkit/test-harness';
import { MockNetwork, type StartedMockNetwork } from '../src';

describe('deploy({ server }): chaincode served by a program, over the chaincode protocol', () => {
  let address: string;
  let server: RunningChaincodeServer;
  let network: StartedMockNetwork;

  before(async () => {
    const modulePath = path.resolve(__dirname, 'fixtures', 'counter-chaincode.js');
    server = await startChaincodeServer(
      { modulePath, exportName: 'Counter' },
      'counter_1.0:abc',
      '127.0.0.1',
      await freePort(),
    );
    address = server.address;
  });

  beforeEach(async () => {
    network = await new MockNetwork().start();
  });

  afterEach(async () => {
    await network.stop();
  });

  after(async () => {
    await server.stop();
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
