import { expect } from 'chai';
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { listNetworkResources } from '../../src/containers/cleanup';
import { FabricNetwork } from '../../src/network/fabric-network';
import { containerRuntime, skipWithoutImages } from '../support/container-runtime';

const KV = { modulePath: require.resolve('../fixtures/kv-chaincode'), exportName: 'KvChaincode' };
/** Holds `statedb/couchdb/indexes/indexValue.json`: a JSON index on `v`. */
const META_INF = join(__dirname, '..', '..', '..', 'test', 'fixtures', 'couchdb-meta-inf');

describe('FabricNetwork with CouchDB peers (containers)', function () {
  this.timeout(300_000);

  before(async function () {
    await skipWithoutImages(this, true);
  });

  it('runs a CouchDB beside each peer: rich queries answer, the packaged index serves a sort, stop removes it all', async () => {
    const runtime = containerRuntime();
    const network = await new FabricNetwork({ runtime, stateDatabase: 'couchdb' })
      .withOrganization({ name: 'org1' })
      .withChannel({ name: 'mychannel' })
      .withChaincode({ name: 'kv', channel: 'mychannel', chaincode: KV, metaInf: META_INF })
      .start();
    try {
      // Named like every node, `<network id>-<node>`, on the network's own docker network.
      const state = execFileSync('docker', [
        'inspect',
        '-f',
        '{{.State.Running}} {{.Config.Image}}',
        `${runtime.id}-couchdb0.org1`,
      ]);
      expect(state.toString().trim()).to.equal('true couchdb:3.4.3');
      await using connection = network.connectGateway('org1');
      const contract = connection.gateway.getNetwork('mychannel').getContract('kv');
      await contract.submitTransaction('put', 'k1', '{"v":2,"c":"x"}');
      await contract.submitTransaction('put', 'k2', '{"v":1,"c":"x"}');
      const query = async (q: object): Promise<string> =>
        Buffer.from(await contract.evaluateTransaction('query', JSON.stringify(q))).toString();
      expect(await query({ selector: { c: 'x' } })).to.equal('k1,k2');
      // Sorting needs an index: this one came in the package's META-INF, as on a real deployment.
      expect(await query({ selector: { v: { $gt: 0 } }, sort: [{ v: 'asc' }] })).to.equal('k2,k1');
      const unindexed = await query({ selector: { c: 'x' }, sort: [{ c: 'asc' }] }).catch((e: unknown) => e);
      // An evaluate failure carries the peer's answer in its message, or in its details.
      const { message, details } = unindexed as { message: string; details?: { message: string }[] };
      expect(`${message} ${JSON.stringify(details ?? [])}`).to.include('No index exists for this sort');
    } finally {
      await network.stop();
    }
    expect(await listNetworkResources(runtime.id)).to.deep.equal({ containers: [], networks: [] });
  });
});
