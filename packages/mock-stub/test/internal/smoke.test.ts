import { expect } from 'chai';
import { ScriptChaincode, kvFunctions } from '../fixtures/script-chaincode';
import { deployAnyOrg, twoOrgNetwork } from '../fixtures/network';

describe('smoke', () => {
  it('puts and gets through the real stub', async () => {
    const { channel, user1 } = twoOrgNetwork();
    deployAnyOrg(channel, 'kv', new ScriptChaincode(kvFunctions));
    const tx = await channel.submit({ chaincode: 'kv', fcn: 'put', args: ['a', '1'], identity: user1 });
    expect(tx.validationCode).to.equal('VALID');
    expect(channel.getState('kv', 'a')?.toString()).to.equal('1');
    const r = await channel.evaluate({ chaincode: 'kv', fcn: 'get', args: ['a'], identity: user1 });
    expect(r.payload.toString()).to.equal('1');
    await channel.submit({ chaincode: 'kv', fcn: 'put', args: ['b', '2'], identity: user1 });
    const range = await channel.evaluate({ chaincode: 'kv', fcn: 'range', args: ['', ''], identity: user1 });
    expect(range.payload.toString()).to.equal('["a","b"]');
  });
});

describe('smoke: identity', () => {
  it('ClientIdentity parses our certificates', async () => {
    const { ClientIdentity } = await import('fabric-shim');
    const { fabric, channel } = twoOrgNetwork();
    const alice = fabric.getOrganization('Org1MSP').createIdentity({ name: 'alice', attributes: { role: 'auditor' } });
    deployAnyOrg(
      channel,
      'who',
      new ScriptChaincode({
        who: (stub) => {
          const cid = new ClientIdentity(stub);
          return JSON.stringify([
            cid.getID(),
            cid.getMSPID(),
            cid.getAttributeValue('role'),
            cid.getAttributeValue('hf.EnrollmentID'),
          ]);
        },
      }),
    );
    const r = await channel.evaluate({ chaincode: 'who', fcn: 'who', identity: alice });
    expect(JSON.parse(r.payload.toString())).to.deep.equal([
      'x509::/C=US/ST=North Carolina/O=Hyperledger/OU=client/CN=alice::/C=US/ST=North Carolina/L=Durham/O=org1.example.com/CN=ca.org1.example.com',
      'Org1MSP',
      'auditor',
      'alice',
    ]);
  });
});
