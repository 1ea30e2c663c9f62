import { expect } from 'chai';
import { createNetwork, NetworkDefinitionError, targetFromEnvironment } from '../src';
import { orgNameOf } from '../src/fabric/org-names';

describe('createNetwork', () => {
  it('takes the target from FABRIC_TESTKIT_TARGET, mock when unset, and names a wrong value', () => {
    expect(targetFromEnvironment({})).to.equal('mock');
    expect(targetFromEnvironment({ FABRIC_TESTKIT_TARGET: 'network' })).to.equal('network');
    expect(() => targetFromEnvironment({ FABRIC_TESTKIT_TARGET: 'fabric' })).to.throw(
      NetworkDefinitionError,
      'FABRIC_TESTKIT_TARGET=fabric is not a target: use mock (the in-memory peer) or network (real Fabric in containers)',
    );
    expect(createNetwork({ target: 'network' }).target).to.equal('network');
  });

  it('refuses a bad definition before anything starts, naming every problem', () => {
    const builder = createNetwork({ target: 'network' })
      .withOrganizations('Org1MSP', 'Org1MSP')
      .withChannel('a', { members: ['Org9MSP'] })
      .withChannel('a')
      .withChannel('b', { members: [] });
    expect(() => builder.start()).to.throw(
      NetworkDefinitionError,
      'invalid network definition: organization Org1MSP is added twice; channel a names member Org9MSP, which is ' +
        'not an organization (add it with withOrganizations); channel a is added twice; channel b has no members',
    );
  });

  it('starts one organization and one channel by default, with the options given', async () => {
    const network = await createNetwork({ target: 'mock' }).withStateDatabase('couchdb').withTotalQueryLimit(5).start();
    expect([network.target, network.organizations, network.channels]).to.deep.equal([
      'mock',
      ['Org1MSP'],
      ['mychannel'],
    ]);
    expect(network.mock.fabric.channels[0]?.name).to.equal('mychannel');
    await network.stop();
  });

  it("names a real network's organizations after their MSP ids, and refuses what cannot name a node", () => {
    expect(orgNameOf('Org1MSP')).to.equal('org1');
    expect(orgNameOf('acme')).to.equal('acme');
    expect(() => orgNameOf('Org 1')).to.throw(NetworkDefinitionError, /use names like Org1MSP/);
    expect(() => orgNameOf('OrdererMSP')).to.throw(NetworkDefinitionError, /not "orderer"/);
  });
});
