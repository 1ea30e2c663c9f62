import { expect } from 'chai';
import { runCli, type CliRun } from '../support/run-cli';
import { createPrivateKey } from 'node:crypto';
import { mkdtemp, readdir, readFile, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { connect, signers } from '@hyperledger/fabric-gateway';
import {
  createPeerClient,
  fabricImages,
  listNetworkResources,
  missingImages,
  removeNetworkResources,
} from '@fabric-testkit/test-harness';
import type { NetworkDescription } from '../../src/commands/network-state';

const cli = (home: string, ...args: string[]): Promise<CliRun> => runCli(home, args);

describe('fabric-testkit up / status / down on a real network', function () {
  this.timeout(180_000);

  let home: string | undefined;
  let id: string | undefined;
  /** The network `up` started; the later steps need it. */
  const started = (): { id: string; home: string } => {
    if (id === undefined || home === undefined) throw new Error('up did not record a network');
    return { id, home };
  };

  before(async function () {
    const missing = await missingImages(fabricImages()).catch((e: unknown) => [`(docker: ${String(e)})`]);
    if (missing.length > 0) {
      console.log(`    skipped: images missing: ${missing.join(', ')}`);
      this.skip();
    }
    home = await mkdtemp(path.join(tmpdir(), 'ftk-e2e-'));
  });

  after(async () => {
    // Only this suite's network: other suites may have networks of their own running.
    if (id !== undefined) await removeNetworkResources(id);
    if (home !== undefined) await rm(home, { recursive: true, force: true });
  });

  it('up --orgs 1 starts a network, records it and exits, leaving it running', async () => {
    const dir = home ?? '';
    const run = await cli(dir, 'up', '--orgs', '1');
    const files = await readdir(path.join(dir, 'networks')).catch(() => []);
    id = files[0]?.replace(/\.json$/, '');

    expect(run.code, run.stderr).to.equal(0);
    expect(files).to.have.length(1);
    expect(run.stdout).to.include(`[up] network ${id} is up`);
    expect(run.stdout).to.match(/Org1MSP +peer0\.org1 +127\.0\.0\.1:\d+/);
    const file = path.join(dir, 'networks', `${started().id}.json`);
    expect((await stat(file)).mode & 0o777).to.equal(0o600);
    const resources = await listNetworkResources(started().id);
    expect(resources.containers).to.have.length(4); // CA and orderer of the orderer org, CA and peer of org1
  });

  it('records what a fabric-gateway client needs to query the channel as the admin', async () => {
    const { id, home } = started();
    const description = JSON.parse(
      await readFile(path.join(home, 'networks', `${id}.json`), 'utf8'),
    ) as NetworkDescription;
    const org = description.organizations[0];
    const peer = org?.peers[0];
    if (org === undefined || peer === undefined)
      throw new Error(`no organization or peer in ${JSON.stringify(description)}`);
    expect([description.channel, org.mspId]).to.deep.equal(['mychannel', 'Org1MSP']);

    const client = createPeerClient(peer);
    const gateway = connect({
      client,
      identity: { mspId: org.admin.mspId, credentials: Buffer.from(org.admin.certificate) },
      signer: signers.newPrivateKeySigner(createPrivateKey(org.admin.privateKey)),
    });
    try {
      const info = await gateway
        .getNetwork(description.channel)
        .getContract('qscc')
        .evaluateTransaction('GetChainInfo', description.channel);
      expect(info.length).to.be.greaterThan(0);
    } finally {
      gateway.close();
      client.close();
    }
  });

  it('status lists it as running, with its state file', async () => {
    const { id, home } = started();
    const run = await cli(home, 'status');
    expect(run.code, run.stderr).to.equal(0);
    expect(run.stdout).to.include(
      `network ${id} (channel mychannel, state file ${path.join(home, 'networks', `${id}.json`)}): 4 of 4 containers running`,
    );
    expect(run.stdout).to.match(/ {2}peer0\.org1 +running +127\.0\.0\.1:\d+ \(7051\)/);
  });

  it('up refuses while it runs', async () => {
    const { id, home } = started();
    const run = await cli(home, 'up', '--orgs', '1');
    expect(run.code).to.equal(1);
    expect(run.stderr).to.include(`network ${id} is already up`);
    expect(run.stderr).to.include('run "fabric-testkit down" first');
  });

  it('down ID removes its containers, docker network and state file; a second down has nothing to do', async () => {
    const { id, home } = started();
    const run = await cli(home, 'down', id);
    expect(run.code, run.stderr).to.equal(0);
    expect(run.stdout).to.include(`[down] removed network ${id}: 4 container(s)`);
    expect(await listNetworkResources(id)).to.deep.equal({ containers: [], networks: [] });
    expect(await readdir(path.join(home, 'networks'))).to.deep.equal([]);

    const again = await cli(home, 'down', id);
    expect(again.code, again.stderr).to.equal(0);
    expect(again.stdout).to.include(`[down] nothing to remove: network ${id}`);
  });
});
