import chai from 'chai';
import { fabricMatchers } from '../../src/chai';
import { MockNetwork, type ChaincodeClient, type StartedMockNetwork } from '../../src';
import { KvContract } from '../fixtures/ledger-contract';

chai.use(fabricMatchers);

/** A network with the `kv` chaincode deployed, and a client of it. */
export async function kvNetwork(): Promise<{ network: StartedMockNetwork; cc: ChaincodeClient }> {
  const network = await new MockNetwork().withPeerOptions({ determinismCheck: false }).start();
  await network.deploy({ name: 'kv', contracts: [KvContract] });
  return { network, cc: network.chaincode('kv') };
}

/** The message of the AssertionError `assertion` throws or rejects with. */
export async function failureOf(assertion: () => unknown): Promise<string> {
  try {
    await assertion();
  } catch (error) {
    if (error instanceof chai.AssertionError) return error.message;
    throw error;
  }
  throw new Error('the assertion passed');
}
