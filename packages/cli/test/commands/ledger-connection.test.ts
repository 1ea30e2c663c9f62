import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { expect } from 'chai';
import { Command } from 'commander';
import { MockNetwork } from '@fabric-testkit/contract-test';
import { registerBlocksCommand, runBlocks } from '../../src/commands/blocks';
import { parsePort, registerExploreCommand } from '../../src/commands/explore';
import { networkLedgerSource, selectNetwork } from '../../src/commands/ledger-connection';
import { NetworkCommandError } from '../../src/commands/network-errors';
import { NetworkStateStore, type NetworkDescription } from '../../src/commands/network-state';

function description(id: string): NetworkDescription {
  return { id, createdAt: '2026-01-02T03:04:05.000Z', channel: 'mychannel', organizations: [], orderers: [], cas: [] };
}

async function failure(promise: Promise<unknown>): Promise<unknown> {
  return promise.then(
    () => new Error('resolved'),
    (e: unknown) => e,
  );
}

describe('choosing the network explore and blocks read', () => {
  let home: string;
  let store: NetworkStateStore;
  beforeEach(async () => {
    home = await mkdtemp(path.join(tmpdir(), 'ftk-select-'));
    store = new NetworkStateStore(home);
  });
  afterEach(async () => {
    await rm(home, { recursive: true, force: true });
  });

  it('says to start one when none is recorded', async () => {
    const error = await failure(selectNetwork(store, undefined));
    expect(error).to.be.instanceOf(NetworkCommandError);
    expect(String(error)).to.contain('no network is recorded').and.contain('fabric-testkit up');
  });

  it('takes the only network, and asks to name one of several', async () => {
    await store.write(description('ftk1'));
    expect((await selectNetwork(store, undefined)).id).to.equal('ftk1');
    await store.write(description('ftk2'));
    const error = await failure(selectNetwork(store, undefined));
    expect(String(error)).to.contain('2 networks are up (ftk1, ftk2): name one, e.g. --network ftk1');
    expect((await selectNetwork(store, 'ftk2')).id).to.equal('ftk2');
  });

  it('names the directory when the named network is not recorded', async () => {
    const error = await failure(selectNetwork(store, 'ftk9'));
    expect(error).to.be.instanceOf(NetworkCommandError);
    expect(String(error)).to.contain(`no network ftk9 in ${store.directory}`);
  });

  it('refuses a network without a peer organization to read through', () => {
    expect(() => networkLedgerSource(description('ftk1'))).to.throw(NetworkCommandError, 'has no peer organization');
  });

  it('says the network may be stopped when its peer does not answer', async function () {
    this.timeout(60_000);
    await using mock = await new MockNetwork().withOrganizations('Org1MSP').start();
    const admin = mock.fabric.getOrganization('Org1MSP').admin;
    const ca = mock.fabric.getOrganization('Org1MSP').caCertificatePem;
    // Port 1 on this machine: nothing listens there, so the gateway's call fails as on a stopped network.
    const peer = { name: 'peer0.org1', address: '127.0.0.1:1', tlsCaCertificate: ca };
    await store.write({
      ...description('ftk1'),
      organizations: [
        {
          name: 'org1',
          mspId: 'Org1MSP',
          peers: [peer],
          admin: { mspId: 'Org1MSP', certificate: admin.certificatePem, privateKey: admin.privateKeyPem },
        },
      ],
    });
    const error = await failure(runBlocks({}, { write: () => undefined, store }));
    expect(error).to.be.instanceOf(NetworkCommandError);
    expect(String(error)).to.contain('could not read the ledger of network ftk1 (peer0.org1 at 127.0.0.1:1');
    expect(String(error)).to.contain('is network ftk1 still running? "fabric-testkit status" shows its containers');
  });

  it('accepts ports 0 to 65535 only', () => {
    expect(parsePort('0')).to.equal(0);
    expect(parsePort('8080')).to.equal(8080);
    expect(() => parsePort('65536')).to.throw('a port is a number from 0 to 65535, not "65536"');
    expect(() => parsePort('x')).to.throw('not "x"');
  });

  it('registers explore and blocks with their options', () => {
    const program = new Command();
    registerExploreCommand(program);
    registerBlocksCommand(program);
    const [explore, blocks] = program.commands;
    expect(explore?.name()).to.equal('explore');
    expect(explore?.options.map((o) => o.long)).to.deep.equal(['--port']);
    expect(blocks?.options.map((o) => o.long)).to.deep.equal(['--from', '--network', '--json']);
  });
});
