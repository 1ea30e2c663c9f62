/* fabric-contract-api dispatch through fabric-shim's ChaincodeFromContract, rule by rule (S-80, S-81, S-82). */
import { expect } from 'chai';
import { EndorseError, GatewayError, MockNetwork, isFabricError, type StartedMockNetwork } from '../src';
import {
  calls,
  DefaultContract,
  HookContract,
  OtherContract,
  PlainContract,
  ReturnsContract,
} from './fixtures/dispatch-contracts';

async function rejection(promise: Promise<unknown>): Promise<unknown> {
  try {
    await promise;
  } catch (error) {
    return error;
  }
  throw new Error('expected a rejection');
}

describe('dispatch (ChaincodeFromContract)', () => {
  let network: StartedMockNetwork;

  beforeEach(async () => {
    calls.length = 0;
    network = await new MockNetwork().withPeerOptions({ determinismCheck: false }).start();
  });

  afterEach(async () => {
    await network.stop();
  });

  describe('S-80 function names and the default contract', () => {
    it('S-80 routes Contract:fn to the named contract and a bare name to the first class without @Default', async () => {
      const deployed = await network.deploy({ name: 'cc', contracts: [OtherContract, HookContract] });
      const cc = network.chaincode(deployed);
      expect(deployed.defaultContract).to.equal('Other');
      expect((await cc.evaluate('Name')).text).to.equal('Other');
      expect((await cc.evaluate('Hooks:Add', '1', '2')).text).to.equal('3');
      expect((await cc.evaluate('Other:Name')).text).to.equal('Other');
    });

    it('S-80 makes the @Default class the default contract wherever it is in the list', async () => {
      const deployed = await network.deploy({ name: 'cc', contracts: [OtherContract, DefaultContract] });
      expect(deployed.defaultContract).to.equal('Chosen');
      expect((await network.chaincode('cc').evaluate('Name')).text).to.equal('Chosen');
    });

    it('S-80 fails an unknown contract name with the dispatcher text', async () => {
      await network.deploy({ name: 'cc', contracts: [HookContract] });
      const error = await rejection(network.chaincode('cc').submit('Nope:Add', '1', '2'));
      expect(error)
        .to.be.instanceOf(EndorseError)
        .with.property('chaincodeMessage', 'Contract name is not known: Nope');
    });
  });

  describe('S-80 order of work', () => {
    it('S-80 converts parameters, then runs beforeTransaction, the function, afterTransaction', async () => {
      await network.deploy({ name: 'cc', contracts: [HookContract] });
      await network.chaincode('cc').submit('Add', '2', '3');
      expect(calls).to.deep.equal(['before:Add', 'Add:number', 'after:5']);
    });

    it('S-80 checks arity before any hook: "Expected N parameters, but M have been supplied"', async () => {
      await network.deploy({ name: 'cc', contracts: [HookContract] });
      const error = await rejection(network.chaincode('cc').submit('Add', '2'));
      expect(error).to.be.instanceOf(EndorseError);
      expect(isFabricError(error, 'EndorseError') && error.details[0]?.message).to.equal(
        'chaincode response 500, Expected 2 parameters, but 1 have been supplied',
      );
      expect(calls).to.deep.equal([]);
    });

    it('S-80 validates parameters against the @Object schema: "Unable to validate parameter due to [...]"', async () => {
      await network.deploy({ name: 'cc', contracts: [ReturnsContract] });
      const error = await rejection(network.chaincode('cc').evaluate('Sum', '{"x":"one","y":2}'));
      expect(error).to.be.instanceOf(GatewayError);
      expect(error).to.have.property('chaincodeMessage', 'Unable to validate parameter due to ["should be number"]');
    });

    it('S-80 skips afterTransaction when the function throws', async () => {
      await network.deploy({ name: 'cc', contracts: [HookContract] });
      await rejection(network.chaincode('cc').submit('Fail', 'broken'));
      expect(calls).to.deep.equal(['before:Fail', 'Fail']);
    });
  });

  describe('S-80 unknown functions', () => {
    it(`S-80 answers an unknown name with "You've asked to invoke a function that does not exist: NAME"`, async () => {
      await network.deploy({ name: 'cc', contracts: [HookContract] });
      const error = await rejection(network.chaincode('cc').submit('Missing'));
      expect(error)
        .to.be.instanceOf(EndorseError)
        .with.property('chaincodeMessage', "You've asked to invoke a function that does not exist: Missing");
      expect(calls).to.deep.equal([]);
    });

    it('S-80 sends unknown names to an overridden unknownTransaction', async () => {
      await network.deploy({ name: 'cc', contracts: [OtherContract] });
      const error = await rejection(network.chaincode('cc').evaluate('Other:Missing'));
      expect(error).to.be.instanceOf(GatewayError).with.property('chaincodeMessage', 'Other has no Other:Missing');
    });

    it('S-80 does not call undecorated methods once any method has @Transaction', async () => {
      await network.deploy({ name: 'cc', contracts: [HookContract] });
      const error = await rejection(network.chaincode('cc').submit('Helper'));
      expect(error).to.have.property(
        'chaincodeMessage',
        "You've asked to invoke a function that does not exist: Helper",
      );
      expect(calls).to.deep.equal([]);
    });

    it('S-80 calls every public method of a contract without decorators, parameters as strings', async () => {
      await network.deploy({ name: 'cc', contracts: [PlainContract] });
      expect((await network.chaincode('cc').evaluate('Hello', 'world')).text).to.equal('hello world');
    });
  });

  describe('S-81 return values', () => {
    beforeEach(async () => {
      await network.deploy({ name: 'cc', contracts: [ReturnsContract] });
    });

    it('S-81 returns strings, numbers and booleans as text', async () => {
      const cc = network.chaincode('cc');
      expect((await cc.evaluate('Text')).text).to.equal('plain text');
      expect((await cc.evaluate('Number')).text).to.equal('42.5');
      expect((await cc.evaluate('Boolean')).text).to.equal('true');
    });

    it('S-81 returns objects as JSON and undefined as an empty payload', async () => {
      const cc = network.chaincode('cc');
      expect((await cc.evaluate('Object')).json()).to.deep.equal({ x: 1, y: 2 });
      expect((await cc.evaluate('Nothing')).result).to.have.length(0);
      expect((await cc.evaluate('Sum', '{"x":3,"y":4}')).text).to.equal('7');
    });

    it('S-81 always answers org.hyperledger.fabric:GetMetadata with the deployment metadata', async () => {
      const metadata = (await network.chaincode('cc').evaluate('org.hyperledger.fabric:GetMetadata')).json<{
        contracts: Record<string, unknown>;
        components: { schemas: Record<string, unknown> };
        info: { title: string; version: string };
      }>();
      expect(Object.keys(metadata.contracts)).to.deep.equal(['Returns', 'org.hyperledger.fabric']);
      expect(Object.keys(metadata.components.schemas)).to.deep.equal(['Point']);
      expect(metadata.info).to.deep.equal({ title: 'cc', version: '1.0' });
    });
  });

  describe('S-82 client errors', () => {
    it('S-82 rejects a failed submit with EndorseError "10 ABORTED: failed to endorse transaction, …" and the peer detail "chaincode response 500, MESSAGE"', async () => {
      await network.deploy({ name: 'cc', contracts: [HookContract] });
      const error = await rejection(network.chaincode('cc').submit('Fail', 'out of stock'));
      if (!isFabricError(error, 'EndorseError')) throw new Error('expected an EndorseError');
      expect(error.name).to.equal('EndorseError');
      expect(error.message).to.equal('10 ABORTED: failed to endorse transaction, see attached details for more info');
      expect(error.status).to.equal(500);
      expect(error.chaincodeMessage).to.equal('out of stock');
      expect(error.code).to.equal(10);
      expect(error.transactionId).to.match(/^[0-9a-f]{64}$/);
      expect(error.cause).to.include({ status: 500, message: 'out of stock' });
      expect(error.details).to.deep.equal([
        { address: 'peer0.org1msp:7051', mspId: 'Org1MSP', message: 'chaincode response 500, out of stock' },
      ]);
      expect(network.ledger().blocks.flatMap((block) => block.transactions.map((tx) => tx.txId))).not.to.include(
        error.transactionId,
      );
    });

    it('S-82 rejects a failed evaluate with GatewayError "2 UNKNOWN: evaluate call to endorser returned error: chaincode response 500, MESSAGE"', async () => {
      await network.deploy({ name: 'cc', contracts: [HookContract] });
      const error = await rejection(network.chaincode('cc').evaluate('Fail', 'nope'));
      expect(error).to.be.instanceOf(GatewayError).and.not.instanceOf(EndorseError);
      expect(error).to.have.property(
        'message',
        '2 UNKNOWN: evaluate call to endorser returned error: chaincode response 500, nope',
      );
      expect(error).to.have.property('code', 2);
    });
  });
});
