import { expect } from 'chai';
import { FabricTestkitError } from '../../src/errors';
import { FabricNetwork } from '../../src/network/fabric-network';
import type { NodeRuntime } from '../../src/network/runtime';

/** A runtime that fails the test if the network tries to start anything. */
const untouchable: NodeRuntime = {
  id: 'unused',
  ccaasBuilderPath: '/unused',
  plan: () => Promise.reject(new Error('plan must not be called')),
  startNode: () => Promise.reject(new Error('startNode must not be called')),
  chaincodeHost: () => Promise.reject(new Error('chaincodeHost must not be called')),
  close: () => Promise.resolve(),
};

async function startError(network: FabricNetwork): Promise<FabricTestkitError> {
  try {
    await network.start();
  } catch (e) {
    if (e instanceof FabricTestkitError) {
      return e;
    }
    throw e;
  }
  throw new Error('expected start() to fail');
}

describe('network definition checks (before anything starts)', () => {
  const options = { runtime: untouchable, cleanupOnSignal: false };

  it('needs an organization', async () => {
    expect((await startError(new FabricNetwork(options))).message).to.equal(
      'invalid network definition: a network needs at least one organization (withOrganization)',
    );
  });

  it('names unknown channel members, unknown chaincode channels and duplicate organizations', async () => {
    const error = await startError(
      new FabricNetwork(options)
        .withOrganization({ name: 'org1' })
        .withOrganization({ name: 'org1' })
        .withChannel({ name: 'c1', members: ['org9'] })
        .withChaincode({ name: 'kv', channel: 'c2', chaincode: { modulePath: '/x' } }),
    );
    expect(error.message).to.include('organization org1 is defined twice');
    expect(error.message).to.include('channel c1 names member org9, which is not an organization of the network');
    expect(error.message).to.include('chaincode kv names channel c2, which the network does not have');
  });

  it('parses chaincode and collection policies before anything starts', async () => {
    const error = await startError(
      new FabricNetwork(options)
        .withOrganization({ name: 'org1' })
        .withChannel({ name: 'c1' })
        .withChaincode({
          name: 'kv',
          channel: 'c1',
          chaincode: { modulePath: '/x' },
          signaturePolicy: "AND('Org1MSP.peer'",
          collections: [
            { name: 'pdc', policy: "OR('Org1MSP.member')" },
            { name: 'bad', policy: 'Org1MSP' },
          ],
        }),
    );
    expect(error.message).to.include(`chaincode kv: signaturePolicy "AND('Org1MSP.peer'":`);
    expect(error.message).to.include('chaincode kv: collection bad policy "Org1MSP":');
    expect(error.message).not.to.include('collection pdc');
  });

  it('accepts 1 or 3 orderers only, and valid names', async () => {
    const error = await startError(
      new FabricNetwork({ ...options, orderers: 2 as 1 })
        .withOrganization({ name: 'Org_1', peers: 0 })
        .withChannel({ name: 'My Channel' }),
    );
    expect(error.message).to.include('orderers must be 1 or 3, not 2');
    expect(error.message).to.include('organization name "Org_1" must match');
    expect(error.message).to.include('organization Org_1: peers must be a positive integer');
    expect(error.message).to.include('channel name "My Channel" must be unique');
  });
});
