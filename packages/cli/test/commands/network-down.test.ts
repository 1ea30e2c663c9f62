import { expect } from 'chai';
import { Command } from 'commander';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import {
  labelledContainer,
  listedNetworks,
  type DockerContents,
  type LabelledContainer,
} from '../support/docker-listing';
import { NetworkCommandError } from '../../src/commands/network-errors';
import { runNetworkDown, registerNetworkDownCommand, type NetworkDownDeps } from '../../src/commands/network-down';
import { NetworkStateStore } from '../../src/commands/network-state';

function container(networkId: string, node: string): LabelledContainer {
  return labelledContainer(networkId, node, 'running');
}

/** Docker as `down` sees it: removing a network's resources makes them disappear from the listing. */
class FakeDocker {
  resources: DockerContents = { containers: [], networks: [] };
  readonly removed: string[] = [];
  readonly stoppedServers: string[] = [];

  deps(store: NetworkStateStore, lines: string[]): NetworkDownDeps {
    return {
      write: (line) => lines.push(line),
      listNetworks: (id) => Promise.resolve(listedNetworks(this.resources, id)),
      remove: (id) => {
        this.removed.push(id);
        this.resources = {
          containers: this.resources.containers.filter((c) => c.networkId !== id),
          networks: this.resources.networks.filter((n) => n.networkId !== id),
        };
        return Promise.resolve();
      },
      stopServer: (pid, packageId) => {
        this.stoppedServers.push(`${pid} ${packageId}`);
        return Promise.resolve();
      },
      store,
    };
  }
}

describe('fabric-testkit down', () => {
  let home: string;
  let store: NetworkStateStore;
  let docker: FakeDocker;
  let lines: string[];
  beforeEach(async () => {
    home = await mkdtemp(path.join(tmpdir(), 'ftk-down-'));
    store = new NetworkStateStore(home);
    docker = new FakeDocker();
    docker.resources = {
      containers: [container('ftka', 'peer0.org1'), container('ftka', 'ca.org1'), container('ftkb', 'peer0.org1')],
      networks: [
        { networkId: 'ftka', name: 'ftka-net' },
        { networkId: 'ftkb', name: 'ftkb-net' },
      ],
    };
    await store.write({ id: 'ftka', createdAt: '', channel: 'c', organizations: [], orderers: [], cas: [] });
    lines = [];
  });
  afterEach(async () => {
    await rm(home, { recursive: true, force: true });
  });

  async function down(...args: string[]): Promise<void> {
    const program = new Command().exitOverride();
    registerNetworkDownCommand(program, docker.deps(store, lines));
    await program.parseAsync(['node', 'x', 'down', ...args]);
  }

  it('removes the named network and its state file, and leaves the others', async () => {
    await down('ftka');
    expect(docker.removed).to.deep.equal(['ftka']);
    expect(docker.resources.containers.map((c) => c.networkId)).to.deep.equal(['ftkb']);
    expect(await store.list()).to.deep.equal([]);
    expect(lines).to.deep.equal([
      `[down] removed network ftka: 2 container(s) (ca.org1, peer0.org1), 1 docker network(s), state file ${path.join(home, 'networks', 'ftka.json')}`,
    ]);
  });

  it('removes the networks up recorded when no ID is given, and leaves the other networks in Docker', async () => {
    await store.write({ id: 'ftkc', createdAt: '', channel: 'c', organizations: [], orderers: [], cas: [] });
    await down();
    expect(docker.removed).to.deep.equal(['ftka']);
    expect(docker.resources.containers.map((c) => c.networkId)).to.deep.equal(['ftkb']);
    expect(await store.list()).to.deep.equal([]);
    expect(lines[1]).to.equal(
      `[down] removed network ftkc: 0 container(s), 0 docker network(s), state file ${path.join(home, 'networks', 'ftkc.json')}`,
    );
  });

  it('removes every fabric-testkit network, with or without a state file, with --all', async () => {
    await store.write({ id: 'ftkc', createdAt: '', channel: 'c', organizations: [], orderers: [], cas: [] });
    await down('--all');
    expect(docker.removed).to.deep.equal(['ftka', 'ftkb']);
    expect(docker.resources).to.deep.equal({ containers: [], networks: [] });
    expect(await store.list()).to.deep.equal([]);
    expect(lines.slice(1)).to.deep.equal([
      '[down] removed network ftkb: 1 container(s) (peer0.org1), 1 docker network(s), no state file',
      `[down] removed network ftkc: 0 container(s), 0 docker network(s), state file ${path.join(home, 'networks', 'ftkc.json')}`,
    ]);
  });

  it('is idempotent: a second run removes nothing, says so and succeeds', async () => {
    await down('--all');
    lines.length = 0;
    await down('--all');
    await down();
    await down('ftka');
    expect(lines).to.deep.equal([
      '[down] nothing to remove: no fabric-testkit network in Docker or in the state directory',
      '[down] nothing to remove: no network in the state directory (--all also removes the others in Docker)',
      '[down] nothing to remove: network ftka has no containers, docker network or state file',
    ]);
  });

  it('stops the chaincode servers deploy left running for the network, before removing its containers', async () => {
    const server = { organization: 'org1', address: '172.17.0.1:40000', logFile: '/tmp/x.log' };
    await store.write({
      id: 'ftka',
      createdAt: '',
      channel: 'c',
      organizations: [],
      orderers: [],
      cas: [],
      chaincodes: [
        {
          name: 'basic',
          version: '1',
          sequence: 1,
          directory: '/d',
          servers: [{ ...server, pid: 101, packageId: 'basic_1:aa' }],
        },
        {
          name: 'kv',
          version: '2',
          sequence: 2,
          directory: '/e',
          servers: [{ ...server, pid: 102, packageId: 'kv_2:bb' }],
        },
      ],
    });
    await down('ftka');
    expect(docker.stoppedServers).to.deep.equal(['101 basic_1:aa', '102 kv_2:bb']);
    expect(lines[0]).to.include('1 docker network(s), 2 chaincode server(s) (101, 102), state file');
  });

  it('removes an in-memory network: its state file is all there is', async () => {
    await store.write({ id: 'ftkm', target: 'mock', createdAt: '', channel: 'c', organizations: [], journal: [] });
    await down('ftkm');
    expect(docker.removed).to.deep.equal([]);
    expect((await store.list()).map((s) => s.id)).to.deep.equal(['ftka']);
    expect(lines).to.deep.equal([
      `[down] removed network ftkm: 0 container(s), 0 docker network(s), state file ${path.join(home, 'networks', 'ftkm.json')}`,
    ]);
  });

  it('refuses an ID that is not a plain name, before removing anything', async () => {
    const error: unknown = await runNetworkDown('../ftka', docker.deps(store, lines)).catch((e: unknown) => e);
    expect(error).to.be.instanceOf(NetworkCommandError);
    expect(docker.removed).to.deep.equal([]);
  });
});
