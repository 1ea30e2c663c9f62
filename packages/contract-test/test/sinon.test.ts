/* The README's sinon examples, run as written. */
import { expect } from 'chai';
import * as sinon from 'sinon';
import { ChaincodeStub } from 'fabric-shim';
import { MockNetwork, type ChaincodeClient, type DeployedChaincode, type StartedMockNetwork } from '../src';
import { KvContract } from './fixtures/ledger-contract';

describe('sinon with contracts and the stub', () => {
  const sandbox = sinon.createSandbox();
  let network: StartedMockNetwork;
  let deployed: DeployedChaincode;
  let cc: ChaincodeClient;

  beforeEach(async () => {
    // The determinism check runs each endorsement twice; turn it off when counting calls.
    network = await new MockNetwork().withPeerOptions({ determinismCheck: false }).start();
    deployed = await network.deploy({ name: 'kv', contracts: [KvContract] });
    cc = network.chaincode(deployed);
  });

  afterEach(async () => {
    sandbox.restore();
    await network.stop();
  });

  it('spies on a contract method called by the real dispatch', async () => {
    const put = sandbox.spy(deployed.contract(KvContract), 'Put');
    await cc.submit('Put', 'k', 'v');
    sinon.assert.calledOnce(put);
    expect(put.firstCall.args.slice(1)).to.deep.equal(['k', 'v']);
  });

  it('stubs a contract method on the prototype', async () => {
    sandbox.stub(KvContract.prototype, 'Get').resolves('stubbed');
    expect((await cc.evaluate('Get', 'anything')).text).to.equal('stubbed');
  });

  it('spies on the stub the chaincode receives', async () => {
    const putState = sandbox.spy(ChaincodeStub.prototype, 'putState');
    await cc.submit('Put', 'k', 'v');
    sinon.assert.calledOnceWithExactly(
      putState,
      'k',
      sinon.match((value: Uint8Array) => Buffer.from(value).toString() === 'v'),
    );
  });

  it('makes the stub fail, as a peer error would', async () => {
    sandbox.stub(ChaincodeStub.prototype, 'getState').rejects(new Error('ledger unavailable'));
    await cc.submit('Put', 'k', 'v').catch(() => undefined);
    const error = await cc.evaluate('Get', 'k').catch((reason: unknown) => reason);
    expect(error).to.have.property('chaincodeMessage', 'ledger unavailable');
  });

  it('spies on the stub of a direct call through network.context', async () => {
    const { value: putState } = await network.context(cc, { commit: true }, async (ctx) => {
      const spy = sinon.spy(ctx.stub, 'putState');
      await new KvContract().Put(ctx, 'k', 'v');
      return spy;
    });
    sinon.assert.calledOnceWithMatch(putState, 'k');
    expect(cc.state('k')?.toString()).to.equal('v');
  });
});
