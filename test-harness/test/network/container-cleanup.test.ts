import { expect } from 'chai';
import { fork } from 'node:child_process';
import { join } from 'node:path';
import { listNetworkResources } from '../../src/containers/cleanup';
import { FabricNetwork, newNetworkId } from '../../src/network/fabric-network';
import { ContainerRuntime } from '../../src/containers/container-runtime';
import { skipWithoutImages, testImages } from '../support/container-runtime';

async function until(check: () => Promise<boolean>, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) {
      throw new Error(`condition not met within ${timeoutMs} ms`);
    }
    await new Promise((r) => setTimeout(r, 100));
  }
}

describe('FabricNetwork cleanup', function () {
  this.timeout(300_000);

  before(async function () {
    await skipWithoutImages(this);
  });

  it('removes every labelled container and the network when the process gets SIGTERM mid-start', async () => {
    const id = newNetworkId();
    const child = fork(join(__dirname, '..', 'fixtures', 'start-network.js'), [id], { stdio: 'inherit' });
    const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
    try {
      await until(async () => (await listNetworkResources(id)).containers.length > 0, 60_000);
      child.kill('SIGTERM');
      expect(await exited).to.equal(143);
    } finally {
      child.kill('SIGKILL');
    }
    expect(await listNetworkResources(id)).to.deep.equal({ containers: [], networks: [] });
  });

  it('removes what it started when start fails midway (chaincode server cannot load its module)', async () => {
    const runtime = new ContainerRuntime(newNetworkId(), { images: testImages() });
    const start = new FabricNetwork({ runtime })
      .withOrganization({ name: 'org1' })
      .withChannel({ name: 'mychannel' })
      .withChaincode({
        name: 'kv',
        channel: 'mychannel',
        // It passes the check before anything starts (a missing module would fail there) but fails to be served.
        chaincode: {
          modulePath: require.resolve('../fixtures/unservable-chaincode'),
          exportName: 'UnservableChaincode',
        },
      })
      .start();
    let error: unknown;
    await start.catch((e: unknown) => (error = e));
    expect(String(error)).to.match(/chaincode server kv_1\.0:[0-9a-f]{64} (failed|exited)/);
    expect(await listNetworkResources(runtime.id)).to.deep.equal({ containers: [], networks: [] });
  });

  it('runs two networks side by side on one engine', async () => {
    const start = (): Promise<import('../../src/network/started-network').StartedFabricNetwork> =>
      new FabricNetwork({ runtime: new ContainerRuntime(newNetworkId(), { images: testImages() }) })
        .withOrganization({ name: 'org1' })
        .withChannel({ name: 'mychannel' })
        .start();
    const results = await Promise.allSettled([start(), start()]);
    const started = results.flatMap((r) => (r.status === 'fulfilled' ? [r.value] : []));
    const failed: unknown[] = results.flatMap((r): unknown[] => (r.status === 'rejected' ? [r.reason] : []));
    if (failed.length > 0) {
      await Promise.all(started.map((n) => n.stop()));
      throw failed[0];
    }
    const [a, b] = started;
    if (!a || !b) {
      throw new Error('two networks expected');
    }
    try {
      expect(a.id).to.not.equal(b.id);
      for (const network of [a, b]) {
        await using connection = network.connectGateway('org1');
        const height = await connection.gateway
          .getNetwork('mychannel')
          .getContract('qscc')
          .evaluateTransaction('GetChainInfo', 'mychannel');
        expect(height.length).to.be.greaterThan(0);
      }
    } finally {
      await Promise.all([a.stop(), b.stop()]);
    }
    expect(await listNetworkResources(a.id)).to.deep.equal({ containers: [], networks: [] });
    expect(await listNetworkResources(b.id)).to.deep.equal({ containers: [], networks: [] });
  });
});
