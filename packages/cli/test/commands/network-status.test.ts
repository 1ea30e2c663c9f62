import { expect } from 'chai';
import { Command } from 'commander';
import { spawn } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import {
  labelledContainer,
  listedNetworks,
  type DockerContents,
  type LabelledContainer,
} from '../support/docker-listing';
import { NetworkStateStore } from '../../src/commands/network-state';
import { registerNetworkStatusCommand, runNetworkStatus } from '../../src/commands/network-status';

function container(networkId: string, node: string, state: string): LabelledContainer {
  const ports = state === 'running' ? [{ containerPort: 7051, hostAddress: '127.0.0.1:32001' }] : [];
  return labelledContainer(networkId, node, state, ports);
}

describe('fabric-testkit status', () => {
  let home: string;
  let store: NetworkStateStore;
  beforeEach(async () => {
    home = await mkdtemp(path.join(tmpdir(), 'ftk-status-'));
    store = new NetworkStateStore(home);
  });
  afterEach(async () => {
    await rm(home, { recursive: true, force: true });
  });

  async function status(resources: DockerContents): Promise<string[]> {
    const lines: string[] = [];
    const program = new Command().exitOverride();
    registerNetworkStatusCommand(program, {
      write: (line) => lines.push(line),
      listNetworks: () => Promise.resolve(listedNetworks(resources)),
      store,
    });
    await program.parseAsync(['node', 'x', 'status']);
    return lines;
  }

  it('lists an in-memory network without Docker, and each chaincode server of a real one with whether it runs', async () => {
    const stand = spawn(process.execPath, ['-e', 'setTimeout(() => undefined, 60000)', 'kv_2:running'], {
      stdio: 'ignore',
    });
    await new Promise((resolve) => stand.once('spawn', resolve));
    await store.write({
      id: 'ftkmem',
      target: 'mock',
      createdAt: '',
      channel: 'mychannel',
      organizations: [],
      chaincodes: [{ name: 'basic', version: '1.0', sequence: 1, directory: '/d', servers: [] }],
      journal: [],
    });
    await store.write({
      id: 'ftkup',
      createdAt: '',
      channel: 'c',
      organizations: [],
      orderers: [],
      cas: [],
      chaincodes: [
        {
          name: 'kv',
          version: '2',
          sequence: 2,
          directory: '/k',
          servers: [
            // A child process stands in for a running server: its command line holds the package ID.
            {
              organization: 'org1',
              packageId: 'kv_2:running',
              address: '172.17.0.1:1',
              pid: stand.pid ?? 0,
              logFile: '',
            },
            { organization: 'org2', packageId: 'kv_2:gone', address: '172.17.0.1:2', pid: 999_999_999, logFile: '' },
          ],
        },
      ],
    });
    const lines: string[] = [];
    const program = new Command().exitOverride();
    registerNetworkStatusCommand(program, {
      write: (line) => lines.push(line),
      listNetworks: () =>
        Promise.resolve(listedNetworks({ containers: [container('ftkup', 'peer0.org1', 'running')], networks: [] })),
      store,
    });
    try {
      await program.parseAsync(['node', 'x', 'status']);
    } finally {
      stand.kill();
    }
    expect(lines).to.deep.equal([
      `network ftkmem (in-memory, channel mychannel, state file ${store.fileOf('ftkmem')}): 0 ledger-changing command(s) recorded`,
      '  chaincode basic version 1.0 sequence 1',
      `network ftkup (channel c, state file ${store.fileOf('ftkup')}): 1 of 1 containers running`,
      '  peer0.org1         running  127.0.0.1:32001 (7051)',
      '  chaincode kv version 2 sequence 2',
      `    server of org1     running  process ${stand.pid} at 172.17.0.1:1`,
      '    server of org2     stopped  process 999999999 at 172.17.0.1:2',
    ]);
  });

  it('lists in-memory networks when Docker does not answer', async () => {
    await store.write({ id: 'ftkmem', target: 'mock', createdAt: '', channel: 'c', organizations: [], journal: [] });
    const lines: string[] = [];
    const program = new Command().exitOverride();
    registerNetworkStatusCommand(program, {
      write: (line) => lines.push(line),
      listNetworks: () => Promise.reject(new Error('no engine')),
      store,
    });
    await program.parseAsync(['node', 'x', 'status']);
    expect(lines).to.deep.equal([
      '(Docker does not answer, so no containers are listed: no engine)',
      `network ftkmem (in-memory, channel c, state file ${store.fileOf('ftkmem')}): 0 ledger-changing command(s) recorded`,
    ]);
  });

  it('says no network is running when Docker has none and no state file exists', async () => {
    expect(await status({ containers: [], networks: [] })).to.deep.equal(['no fabric-testkit network is running']);
  });

  it('lists each network with its containers, state and ports, and marks the ones with a state file', async () => {
    await store.write({ id: 'ftkup', createdAt: '', channel: 'trade', organizations: [], orderers: [], cas: [] });
    const lines = await status({
      containers: [
        container('ftkup', 'peer0.org1', 'running'),
        container('ftktest', 'peer0.org1', 'exited'),
        container('ftkup', 'orderer0.orderer', 'exited'),
      ],
      networks: [
        { networkId: 'ftkup', name: 'ftkup-net' },
        { networkId: 'ftktest', name: 'ftktest-net' },
      ],
    });
    expect(lines).to.deep.equal([
      'network ftktest (no state file: started by a test or a drill): 0 of 1 containers running',
      '  peer0.org1         exited',
      `network ftkup (channel trade, state file ${path.join(home, 'networks', 'ftkup.json')}): 1 of 2 containers running`,
      '  orderer0.orderer   exited',
      '  peer0.org1         running  127.0.0.1:32001 (7051)',
    ]);
  });

  it('shows a state file whose network is gone, and an unreadable one, with what to do', async () => {
    await store.write({ id: 'ftkgone', createdAt: '', channel: 'c', organizations: [], orderers: [], cas: [] });
    await writeFile(path.join(store.directory, 'ftkbad.json'), 'not json');
    const statuses = await runNetworkStatus({
      write: () => undefined,
      listNetworks: () =>
        Promise.resolve(listedNetworks({ containers: [], networks: [{ networkId: 'ftkbad', name: 'ftkbad-net' }] })),
      store,
    });
    const lines: string[] = [];
    await runNetworkStatus({
      write: (line) => lines.push(line),
      listNetworks: () =>
        Promise.resolve(listedNetworks({ containers: [], networks: [{ networkId: 'ftkbad', name: 'ftkbad-net' }] })),
      store,
    });

    expect(statuses.map((s) => [s.id, s.hasDockerNetwork, s.stored?.id])).to.deep.equal([
      ['ftkbad', true, 'ftkbad'],
      ['ftkgone', false, 'ftkgone'],
    ]);
    expect(lines[0]).to.equal('no fabric-testkit network is running');
    expect(lines[1]).to.match(
      /^network ftkbad \(state file .*ftkbad\.json, unreadable: .* is not a network description .*\): no containers \(a docker network only\)$/,
    );
    expect(lines.slice(2)).to.deep.equal([
      '  "fabric-testkit down ftkbad" removes what is left and the state file',
      `network ftkgone (channel c, state file ${path.join(home, 'networks', 'ftkgone.json')}): no containers`,
      '  "fabric-testkit down ftkgone" removes what is left and the state file',
    ]);
  });
});
