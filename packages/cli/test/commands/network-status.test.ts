import { expect } from 'chai';
import { Command } from 'commander';
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
