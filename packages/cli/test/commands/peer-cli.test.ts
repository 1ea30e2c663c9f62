// What needs no network of `env` and `peer` (the rest runs on a real network in chaincode-e2e.test.ts).
import { expect } from 'chai';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { NetworkStateStore } from '../../src/commands/network-state';
import { runEnv, runPeer, withContainerVariables, type PeerCliDeps } from '../../src/commands/peer-cli';

describe('env and peer: the peer CLI as an organization admin', () => {
  let home: string;
  let deps: PeerCliDeps;
  let containers: number;
  beforeEach(async () => {
    home = await mkdtemp(path.join(tmpdir(), 'ftk-peer-'));
    containers = 0;
    deps = {
      write: () => undefined,
      progress: () => undefined,
      store: new NetworkStateStore(home),
      listNetworks: () => Promise.resolve([]),
      runContainer: () => {
        containers += 1;
        return Promise.resolve(0);
      },
    };
  });
  afterEach(async () => {
    await rm(home, { recursive: true, force: true });
  });

  it("replaces $ORDERER_ADDRESS and ${ORDERER_CA} in arguments with the container's values, as its shell would", () => {
    const env = { ORDERER_ADDRESS: 'ftk1-orderer0.orderer:7050', ORDERER_CA: '/m/orderer/tls-ca.crt' };
    expect(
      ['-o', '$ORDERER_ADDRESS', '--cafile', '${ORDERER_CA}', 'x$ORDERER_CAy', '$HOME', '{"Args":["a"]}'].map((a) =>
        withContainerVariables(a, env),
      ),
    ).to.deep.equal([
      '-o',
      'ftk1-orderer0.orderer:7050',
      '--cafile',
      '/m/orderer/tls-ca.crt',
      'x/m/orderer/tls-ca.crty',
      '$HOME',
      '{"Args":["a"]}',
    ]);
  });

  it('refuses an in-memory network, which has no peer, before running anything', async () => {
    await deps.store.write({ id: 'ftkm', target: 'mock', createdAt: '', channel: 'c', organizations: [], journal: [] });
    for (const run of [runEnv('org1', {}, deps), runPeer('org1', ['channel', 'list'], {}, deps)]) {
      const error: unknown = await run.catch((e: unknown) => e);
      expect(String(error)).to.include(
        'network ftkm is in-memory: it has no peer for the peer CLI; start a real one with "fabric-testkit up"',
      );
    }
    expect(containers).to.equal(0);
  });
});
