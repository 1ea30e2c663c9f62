import { expect } from 'chai';
import { deployAnyOrg, twoOrgNetwork } from '../fixtures/network';
import { ScriptChaincode, kvFunctions } from '../fixtures/script-chaincode';

function setup() {
  const network = twoOrgNetwork();
  const other = network.fabric.createChannel('other');
  const caller = new ScriptChaincode({
    ...kvFunctions,
    call: async (stub, [target = '', channel = '', ...args]) => {
      await stub.putState('caller-key', Buffer.from('c'));
      const response = await stub.invokeChaincode(target, args, channel);
      return JSON.stringify({ ...response, payload: Buffer.from(response.payload ?? []).toString() });
    },
  });
  const callee = new ScriptChaincode({
    ...kvFunctions,
    put: async (stub, [key = '', value = '']) => {
      await stub.putState(key, Buffer.from(value));
      stub.setEvent('callee-event', Buffer.from('x'));
      return `stored ${key}`;
    },
    back: async (stub) => {
      const response = await stub.invokeChaincode('caller', ['put', 'x', 'y'], '');
      return JSON.stringify(response);
    },
  });
  for (const channel of [network.channel, other]) {
    deployAnyOrg(channel, 'caller', caller);
    deployAnyOrg(channel, 'callee', callee);
  }
  return { ...network, other };
}

describe('S-70 chaincode to chaincode (handler.go HandleInvokeChaincode)', () => {
  it('same channel: shares the simulation, writes the callee’s namespace, ignores its event', async () => {
    const { channel, user1 } = setup();
    const tx = await channel.submit({
      chaincode: 'caller',
      fcn: 'call',
      args: ['callee', '', 'put', 'k', 'v'],
      identity: user1,
    });
    expect(JSON.parse(tx.endorsement.response.payload.toString())).to.deep.equal({
      status: 200,
      message: '',
      payload: 'stored k',
    });
    expect(channel.getState('callee', 'k')?.toString()).to.equal('v');
    expect(channel.getState('caller', 'caller-key')?.toString()).to.equal('c');
    expect(tx.endorsement.readWriteSet.namespaces.map((n) => n.namespace)).to.deep.equal([
      '_lifecycle',
      'callee',
      'caller',
    ]);
    expect(tx.endorsement.event).to.equal(undefined);
  });

  it('another channel: the call is a query, its writes are discarded', async () => {
    const { channel, other, user1 } = setup();
    const tx = await channel.submit({
      chaincode: 'caller',
      fcn: 'call',
      args: ['callee', 'other', 'put', 'k', 'v'],
      identity: user1,
    });
    expect(tx.validationCode).to.equal('VALID');
    expect(other.getState('callee', 'k')).to.equal(undefined);
    expect(channel.getState('callee', 'k')).to.equal(undefined);
    expect(tx.endorsement.readWriteSet.namespaces.map((n) => n.namespace)).to.deep.equal(['_lifecycle', 'caller']);
  });

  it('re-entering a running chaincode fails', async () => {
    const { channel, user1 } = setup();
    const e = await channel.endorse({
      chaincode: 'caller',
      fcn: 'call',
      args: ['callee', '', 'back'],
      identity: user1,
    });
    // The callee's own invokeChaincode rejects; it fails, and the caller sees its 500 response.
    expect(JSON.parse(e.response.payload.toString())).to.deep.include({
      status: 500,
      message: `INVOKE_CHAINCODE failed: transaction ID: ${e.txId}: execute failed: error sending: txid: ${e.txId}(mychannel) exists`,
    });
  });

  it('an unknown callee or channel fails with the peer’s message', async () => {
    const { channel, user1 } = setup();
    const unknown = await channel.endorse({ chaincode: 'caller', fcn: 'call', args: ['nope', ''], identity: user1 });
    expect(unknown.response.message).to.equal(
      `INVOKE_CHAINCODE failed: transaction ID: ${unknown.txId}: execute failed: invalid invocation: [channel mychannel] failed to get chaincode container info for nope: chaincode nope not found`,
    );
    const noChannel = await channel.endorse({
      chaincode: 'caller',
      fcn: 'call',
      args: ['callee', 'gone'],
      identity: user1,
    });
    expect(noChannel.response.message).to.equal(
      `INVOKE_CHAINCODE failed: transaction ID: ${noChannel.txId}: Failed to get policy manager for channel [gone]`,
    );
  });

  it('another channel needs the caller to be a Writer there (Peer/ChaincodeToChaincode ACL)', async () => {
    const network = twoOrgNetwork();
    const org2Only = network.fabric.createChannel('org2only', { organizations: ['Org2MSP'] });
    const caller = new ScriptChaincode({
      call: async (stub) => {
        const response = await stub.invokeChaincode('callee', ['get', 'k'], 'org2only');
        return String(response.status);
      },
    });
    deployAnyOrg(network.channel, 'caller', caller);
    org2Only.deploy({
      name: 'callee',
      chaincode: new ScriptChaincode(kvFunctions),
      endorsementPolicy: "OR('Org2MSP.peer')",
    });
    const refused = await network.channel.endorse({ chaincode: 'caller', fcn: 'call', identity: network.user1 });
    expect(refused.response.message).to.equal(
      `INVOKE_CHAINCODE failed: transaction ID: ${refused.txId}: Failed evaluating policy on signed data during check policy on channel [org2only] with policy [/Channel/Application/Writers]: [implicit policy evaluation failed - 0 sub-policies were satisfied, but this policy requires 1 of the 'Writers' sub-policies to be satisfied]`,
    );
    const allowed = await network.channel.endorse({ chaincode: 'caller', fcn: 'call', identity: network.user2 });
    expect(allowed.response).to.include({ status: 200 });
    expect(allowed.response.payload.toString()).to.equal('200');
  });
});
