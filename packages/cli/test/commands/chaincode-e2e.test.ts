// The commands on a real network, through the CLI in its own processes as a student runs it: the chaincode server
// outlives `deploy`, Fabric's refusals come through in Fabric's words, Fabric's own peer CLI works as an admin, and
// `upgrade` and `down` stop the servers they replace. (The labs test covers invoke, query, events, identities and
// MVCC on a real network too.)
import { expect } from 'chai';
import { CLI_BIN, runCli, type CliRun } from '../support/run-cli';
import { spawn } from 'node:child_process';
import { mkdtemp, readdir, readFile, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import {
  fabricImages,
  isChaincodeServerRunning,
  listNetworkResources,
  missingImages,
  removeNetworkResources,
  stopDetachedChaincodeServer,
} from '@fabric-testkit/test-harness';
import { NetworkStateStore, type ChaincodeServerRecord } from '../../src/commands/network-state';

const REPO = path.resolve(__dirname, '..', '..', '..', '..', '..');
const CC = 'asset-transfer-basic';

const cli = (home: string, ...args: string[]): Promise<CliRun> =>
  runCli(home, args, { cwd: REPO, env: { FABRIC_TESTKIT_TARGET: '' } });

describe('deploy, invoke, query, peer, env, logs, upgrade on a real network', function () {
  this.timeout(240_000);
  let home: string | undefined;
  let id: string | undefined;

  const started = (): { id: string; home: string } => {
    if (id === undefined || home === undefined) throw new Error('up did not record a network');
    return { id, home };
  };
  async function servers(): Promise<ChaincodeServerRecord[]> {
    const description = await new NetworkStateStore(started().home).read(started().id);
    return (description.chaincodes ?? []).flatMap((c) => [...c.servers]);
  }

  before(async function () {
    const missing = await missingImages(fabricImages()).catch((e: unknown) => [`(docker: ${String(e)})`]);
    if (missing.length > 0) {
      console.log(`    skipped: images missing: ${missing.join(', ')}`);
      this.skip();
    }
    home = await mkdtemp(path.join(tmpdir(), 'ftk-cc-e2e-'));
  });

  after(async () => {
    if (home !== undefined && id !== undefined) {
      const description = await new NetworkStateStore(home).read(id).catch(() => undefined);
      for (const c of description?.chaincodes ?? []) {
        for (const s of c.servers) await stopDetachedChaincodeServer(s.pid, s.packageId);
      }
      await removeNetworkResources(id);
    }
    if (home !== undefined) await rm(home, { recursive: true, force: true });
  });

  it('up --chaincode starts the network and deploys; the chaincode servers outlive the command', async () => {
    const dir = home ?? '';
    const run = await cli(dir, 'up', '--orgs', '1', '--chaincode', `contracts/${CC}`);
    id = (await readdir(path.join(dir, 'networks')))[0]?.replace(/\.json$/, '');
    expect(run.code, run.stderr).to.equal(0);
    expect(run.stdout).to.include(`chaincode ${CC} version 0.1.0 sequence 1 is committed on channel mychannel`);
    const [server] = await servers();
    expect(server?.organization).to.equal('org1');
    expect(isChaincodeServerRunning(server?.pid ?? 0, server?.packageId ?? '')).to.equal(true);
    const status = await cli(dir, 'status');
    expect(status.stdout).to.include(`  chaincode ${CC} version 0.1.0 sequence 1`);
    expect(status.stdout).to.match(new RegExp(`server of org1 +running +process ${server?.pid}`));
  });

  it("invoke and query; an unknown function fails with the peer's message and exit code 1", async () => {
    const { home } = started();
    const invoke = await cli(home, 'invoke', CC, 'CreateAsset', 'a1', 'blue', '5', '300', '--json');
    expect(invoke.code, invoke.stderr).to.equal(0);
    expect(JSON.parse(invoke.stdout)).to.include({ validationCode: 'VALID' });
    const query = await cli(home, 'query', CC, 'ReadAsset', 'a1');
    expect(JSON.parse(query.stdout)).to.include({ ID: 'a1', Color: 'blue' });
    const unknown = await cli(home, 'query', CC, 'NoSuchFunction');
    expect(unknown.code).to.equal(1);
    expect(unknown.stderr).to.include(
      "chaincode response 500, You've asked to invoke a function that does not exist: NoSuchFunction",
    );
    const noChaincode = await cli(home, 'invoke', 'nope', 'X');
    expect(noChaincode.code).to.equal(1);
    expect(noChaincode.stderr).to.include(`chaincode nope is not deployed on network ${started().id}; deployed: ${CC}`);
  });

  it('events follows new blocks until Ctrl-C, then exits 0', async () => {
    const { home } = started();
    const child = spawn(process.execPath, [CLI_BIN, 'events', CC, '--json'], {
      cwd: REPO,
      env: { ...process.env, FABRIC_TESTKIT_HOME: home, FABRIC_TESTKIT_TARGET: '' },
    });
    let stdout = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
    try {
      // The stream opens at the next block: invoke until one of ours shows up (the first may precede the stream).
      const deadline = Date.now() + 60_000;
      while (!stdout.includes('"eventName":"AssetCreated"') && Date.now() < deadline) {
        await cli(home, 'invoke', CC, 'CreateAsset', `e${Date.now()}`, 'green', '1', '1');
        await new Promise((resolve) => setTimeout(resolve, 1000));
      }
      expect(stdout).to.include('"eventName":"AssetCreated"');
      child.kill('SIGINT');
      expect(await exited).to.equal(0);
    } finally {
      if (child.exitCode === null) child.kill('SIGKILL');
    }
  });

  it('identity register enrolls at the CA; --as signs with it', async () => {
    const { home } = started();
    const register = await cli(home, 'identity', 'register', 'org1', 'alice', '--attr', 'role=auditor');
    expect(register.code, register.stderr).to.equal(0);
    const whoAmI = await cli(home, 'query', CC, 'WhoAmI', '--as', 'alice');
    expect(whoAmI.stdout).to.include('CN=alice');
  });

  it("peer ORG -- ARGS runs Fabric's peer CLI as the admin; env ORG prints its exports", async () => {
    const { home, id } = started();
    const channels = await cli(home, 'peer', 'org1', '--', 'channel', 'list');
    expect(channels.code, channels.stderr).to.equal(0);
    expect(channels.stdout).to.include('mychannel');
    const query = await cli(
      home,
      'peer',
      'org1',
      '--',
      'chaincode',
      'query',
      '-C',
      'mychannel',
      '-n',
      CC,
      '-c',
      '{"Args":["ReadAsset","a1"]}',
    );
    expect(query.code, query.stderr).to.equal(0);
    expect(query.stdout).to.include('"Color":"blue"');
    // As fabric-samples' scripts invoke, with the container's ORDERER_ADDRESS and ORDERER_CA.
    const invoke = await cli(
      home,
      'peer',
      'org1',
      '--',
      'chaincode',
      'invoke',
      '-o',
      '$ORDERER_ADDRESS',
      '-C',
      'mychannel',
      '-n',
      CC,
      '-c',
      '{"Args":["CreateAsset","a2","red","1","1"]}',
      '--tls',
      '--cafile',
      '${ORDERER_CA}',
      '--waitForEvent',
    );
    expect(invoke.code, invoke.stderr).to.equal(0);
    // (The peer CLI logs "Chaincode invoke successful" at INFO; FABRIC_LOGGING_SPEC is WARNING here.) The ledger shows it:
    expect((await cli(home, 'query', CC, 'ReadAsset', 'a2')).stdout).to.include('"Color":"red"');
    const failing = await cli(home, 'peer', 'org1', '--', 'channel', 'getinfo', '-c', 'nochannel');
    expect(failing.code).to.equal(1);
    expect(failing.stderr).to.include('the peer command exited with 1');

    const env = await cli(home, 'env', 'Org1MSP');
    expect(env.code, env.stderr).to.equal(0);
    const msp = path.join(home, 'msp', id, 'org1');
    expect(env.stdout.split('\n')).to.include.members([
      'export CORE_PEER_TLS_ENABLED=true',
      'export CORE_PEER_LOCALMSPID=Org1MSP',
      `export CORE_PEER_MSPCONFIGPATH=${path.join(msp, 'msp')}`,
      `export CORE_PEER_TLS_ROOTCERT_FILE=${path.join(msp, 'tls', 'ca.crt')}`,
    ]);
    expect(env.stdout).to.match(/export CORE_PEER_ADDRESS=127\.0\.0\.1:\d+/);
    expect(env.stdout).to.match(/export ORDERER_ADDRESS=127\.0\.0\.1:\d+/);
    expect(env.stdout).to.include(`export ORDERER_CA=${path.join(msp, 'orderer', 'tls-ca.crt')}`);
    expect(await readFile(path.join(msp, 'orderer', 'tls-ca.crt'), 'utf8')).to.match(/^-----BEGIN CERTIFICATE-----/);
    expect((await stat(path.join(msp, 'msp', 'keystore', 'key.pem'))).mode & 0o777).to.equal(0o600);
    const unknown = await cli(home, 'env', 'org3');
    expect(unknown.code).to.equal(1);
    expect(unknown.stderr).to.include('no organization org3 in the network; its organizations are org1 (Org1MSP)');
  });

  it("logs NODE prints a node's log; an unknown node is refused with the list", async () => {
    const { home, id } = started();
    const logs = await cli(home, 'logs', 'peer0.org1', '--tail', '20');
    expect(logs.code, logs.stderr).to.equal(0);
    expect(logs.stdout.trim().split('\n')).to.have.length(20);
    const unknown = await cli(home, 'logs', 'peer9');
    expect(unknown.code).to.equal(1);
    expect(unknown.stderr).to.include(
      `network ${id} has no node or chaincode peer9; its nodes and chaincodes: ${CC}, ca.orderer`,
    );
  });

  it('upgrade serves the new package and stops the old servers; the ledger stays', async () => {
    const { home } = started();
    const [before] = await servers();
    const run = await cli(home, 'upgrade', `contracts/${CC}`, '--version', '0.2.0');
    expect(run.code, run.stderr).to.equal(0);
    expect(run.stdout).to.include(`chaincode ${CC} version 0.2.0 sequence 2 is committed`);
    const [after] = await servers();
    expect(isChaincodeServerRunning(before?.pid ?? 0, before?.packageId ?? '')).to.equal(false);
    expect(isChaincodeServerRunning(after?.pid ?? 0, after?.packageId ?? '')).to.equal(true);
    const query = await cli(home, 'query', CC, 'ReadAsset', 'a1');
    expect(query.stdout).to.include('"Color":"blue"');
  });

  it('deploys a Go chaincode (go.mod): built, served by a detached process, called like any other', async () => {
    const { home } = started();
    const run = await cli(home, 'deploy', 'contracts/asset-transfer-go', '--name', 'assets-go');
    expect(run.code, run.stderr).to.equal(0);
    expect(run.stdout).to.include('chaincode assets-go version 1.0 sequence 1 is committed');
    const goServer = (await servers()).find((s) => s.packageId.startsWith('assets-go_1.0:'));
    expect(isChaincodeServerRunning(goServer?.pid ?? 0, goServer?.packageId ?? '')).to.equal(true);
    const invoke = await cli(home, 'invoke', 'assets-go', 'CreateAsset', 'g1', 'green', '3', '70');
    expect(invoke.code, invoke.stderr).to.equal(0);
    const query = await cli(home, 'query', 'assets-go', 'ReadAsset', 'g1');
    expect(query.code, query.stderr).to.equal(0);
    expect(JSON.parse(query.stdout)).to.deep.include({ ID: 'g1', Color: 'green', Size: 3, AppraisedValue: 70 });
    // fabric-contract-api-go's own refusal, through the peer, in the peer's words.
    const unknown = await cli(home, 'query', 'assets-go', 'NoSuchFunction');
    expect(unknown.code).to.equal(1);
    expect(unknown.stderr).to.include('Function NoSuchFunction not found in contract AssetContract');
  });

  it('down stops the chaincode servers and removes the containers', async () => {
    const { home, id } = started();
    const all = await servers();
    const run = await cli(home, 'down', id);
    expect(run.code, run.stderr).to.equal(0);
    expect(all).to.have.length(2);
    expect(run.stdout).to.include(`${all.length} chaincode server(s) (`);
    for (const server of all) expect(run.stdout).to.include(String(server.pid));
    for (const server of all) expect(isChaincodeServerRunning(server.pid, server.packageId)).to.equal(false);
    expect(await listNetworkResources(id)).to.deep.equal({ containers: [], networks: [] });
  });
});
