import * as path from 'node:path';
import { expect } from 'chai';
import { createNetwork, NetworkDefinitionError, type ChaincodeClient, type StartedNetwork } from '../src';
import { useFixture, useNetwork } from '../src/mocha';

const modulePath = path.resolve(__dirname, '..', '..', 'test', 'fixtures', 'kv-package');

async function kv(network: StartedNetwork): Promise<ChaincodeClient> {
  await network.deploy({ name: 'kv', modulePath });
  const cc = network.chaincode('kv');
  await cc.submit('Put', 'k', 'fixture');
  return cc;
}

describe('useNetwork and useFixture (mocha hooks)', () => {
  const network = useNetwork(() => createNetwork({ target: 'mock' }).withOrganizations('Org1MSP'));
  // Read while mocha collects the suite, before its hooks run.
  const early = ((): unknown => {
    try {
      return network();
    } catch (e) {
      return e;
    }
  })();
  let cc: ChaincodeClient;
  useFixture(network, kv, (client) => (cc = client));

  it('refuses the network before the suite started it, naming when it can be used', () => {
    expect(String(early)).to.equal('Error: the network is not started yet: use it in a test or a hook');
  });

  it('starts the network before the suite and gives each test the fixture state', async () => {
    expect(network().target).to.equal('mock');
    expect((await cc.evaluate('Get', 'k')).text).to.equal('fixture');
    await cc.submit('Put', 'k', 'changed');
  });

  it('restores the fixture for the next test', async () => {
    expect((await cc.evaluate('Get', 'k')).text).to.equal('fixture');
  });

  it('refuses a Go chaincode directory that is not there, naming it, before building anything', async () => {
    const refused = await network()
      .deploy({ name: 'go', go: '/tmp/nowhere' })
      .then(
        () => undefined,
        (e: unknown) => e,
      );
    expect(refused).to.be.instanceOf(NetworkDefinitionError);
    expect(String(refused)).to.contain(
      `deploy go_1.0: go "/tmp/nowhere" must be an absolute path to the chaincode's Go main package directory`,
    );
  });
});
