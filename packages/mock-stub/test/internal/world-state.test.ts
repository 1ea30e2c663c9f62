import { expect } from 'chai';
import Long from 'long';
import type { ChaincodeStub } from 'fabric-shim-api';
import { deployAnyOrg, twoOrgNetwork } from '../fixtures/network';
import { ScriptChaincode, kvFunctions } from '../fixtures/script-chaincode';
import { chaincodeNamespaces } from '../fixtures/chaincode-namespaces';
import { gatewayRefuses } from '../../src';

describe('S-01 no read-your-writes (txmgr/query_executor.go)', () => {
  it('a transaction reads committed state, not its own writes; the last write wins', async () => {
    const { channel, user1 } = twoOrgNetwork();
    deployAnyOrg(
      channel,
      'cc',
      new ScriptChaincode({
        ...kvFunctions,
        writeThenRead: async (stub) => {
          await stub.putState('k', Buffer.from('first'));
          await stub.putState('k', Buffer.from('second'));
          return Buffer.from(await stub.getState('k'));
        },
      }),
    );
    await channel.submit({ chaincode: 'cc', fcn: 'put', args: ['k', 'committed'], identity: user1 });
    const tx = await channel.submit({ chaincode: 'cc', fcn: 'writeThenRead', identity: user1 });
    expect(tx.endorsement.response.payload.toString()).to.equal('committed');
    expect(channel.getState('cc', 'k')?.toString()).to.equal('second');
    const writes = tx.endorsement.readWriteSet.namespaces.find((n) => n.namespace === 'cc')?.writes;
    expect(writes).to.deep.equal([{ key: 'k', isDelete: false, value: Buffer.from('second') }]);
  });
});

describe('S-02 missing keys and empty values (handler.js parseResponse, rwset_proto_util.go)', () => {
  it('a missing key reads as an empty Buffer', async () => {
    const { channel, user1 } = twoOrgNetwork();
    let seen: unknown;
    deployAnyOrg(
      channel,
      'cc',
      new ScriptChaincode({
        read: async (stub) => {
          seen = await stub.getState('absent');
        },
      }),
    );
    await channel.evaluate({ chaincode: 'cc', fcn: 'read', identity: user1 });
    expect(Buffer.isBuffer(seen)).to.equal(true);
    expect((seen as Buffer).length).to.equal(0);
  });

  it('writing an empty value is a delete', async () => {
    const { channel, user1 } = twoOrgNetwork();
    deployAnyOrg(channel, 'cc', new ScriptChaincode(kvFunctions));
    await channel.submit({ chaincode: 'cc', fcn: 'put', args: ['k', 'v'], identity: user1 });
    const tx = await channel.submit({ chaincode: 'cc', fcn: 'put', args: ['k', ''], identity: user1 });
    expect(channel.getState('cc', 'k')).to.equal(undefined);
    expect(chaincodeNamespaces(tx.endorsement.readWriteSet)[0]?.writes[0]?.isDelete).to.equal(true);
    expect(channel.getHistory('cc', 'k').map((h) => h.isDelete)).to.deep.equal([true, false]);
  });
});

describe('S-03 status >= 400 rolls back writes and event (endorser.go, handler.js)', () => {
  const failing = new ScriptChaincode({
    failAfterWrite: async (stub) => {
      await stub.putState('k', Buffer.from('v'));
      stub.setEvent('ev', Buffer.from('x'));
      return { status: 404, message: 'not here', payload: Buffer.from('p') };
    },
    throws: () => {
      throw new Error('boom');
    },
    noStatus: () => ({ status: 0, message: '', payload: Buffer.alloc(0) }),
    informational: async (stub) => {
      await stub.putState('k', Buffer.from('v'));
      return { status: 100, message: 'continue', payload: Buffer.alloc(0) };
    },
  });

  it('drops the write set and event, returns the response, refuses to order it', async () => {
    const { channel, user1 } = twoOrgNetwork();
    deployAnyOrg(channel, 'cc', failing);
    const endorsement = await channel.endorse({ chaincode: 'cc', fcn: 'failAfterWrite', identity: user1 });
    expect(endorsement.response.status).to.equal(404);
    expect(endorsement.response.message).to.equal('not here');
    expect(endorsement.event).to.equal(undefined);
    expect(chaincodeNamespaces(endorsement.readWriteSet).every((n) => n.writes.length === 0)).to.equal(true);
    const err: unknown = await channel.commit([endorsement]).catch((e: unknown) => e);
    expect(err).to.have.property('name', 'EndorseError');
    expect(err).to.have.property('status', 404);
    const submitErr: unknown = await channel
      .submit({ chaincode: 'cc', fcn: 'failAfterWrite', identity: user1 })
      .catch((e: unknown) => e);
    expect(submitErr).to.have.property('transactionId');
    expect(channel.getState('cc', 'k')).to.equal(undefined);
  });

  it('a status below 200 is endorsed with its writes, but a gateway refuses it (gateway/apiutils.go)', async () => {
    const { channel, user1 } = twoOrgNetwork();
    deployAnyOrg(channel, 'cc', failing);
    const endorsement = await channel.endorse({ chaincode: 'cc', fcn: 'informational', identity: user1 });
    expect(endorsement.response).to.include({ status: 100, message: 'continue' });
    expect(chaincodeNamespaces(endorsement.readWriteSet)[0]?.writes.map((w) => w.key)).to.deep.equal(['k']);
    const err: unknown = await channel.commit([endorsement]).catch((e: unknown) => e);
    expect(err).to.have.property('name', 'EndorseError');
    expect(err).to.have.property('status', 100);
    expect(channel.getState('cc', 'k')).to.equal(undefined);
    // The rule's whole table is tested in fabric-core; the mock exports the same function.
    expect(gatewayRefuses(100)).to.equal(true);
  });

  it('a thrown error becomes status 500 with its message', async () => {
    const { channel, user1 } = twoOrgNetwork();
    deployAnyOrg(channel, 'cc', failing);
    const response = await channel.evaluate({ chaincode: 'cc', fcn: 'throws', identity: user1 });
    expect(response).to.include({ status: 500, message: 'boom' });
  });

  it('a response without status is 500 "has not called success or error"', async () => {
    const { channel, user1 } = twoOrgNetwork({ deterministic: true });
    deployAnyOrg(channel, 'cc', failing);
    const endorsement = await channel.endorse({ chaincode: 'cc', fcn: 'noStatus', identity: user1 });
    expect(endorsement.response.status).to.equal(500);
    expect(endorsement.response.message).to.equal(
      `[mychannel-${endorsement.txId.substring(0, 8)}] Calling chaincode Invoke() has not called success or error.`,
    );
  });
});

describe('S-05 timestamps and proposal fields come from the signed proposal (stub.js)', () => {
  it('getTxTimestamp is {seconds: Long, nanos}, getDateTimestamp its Date, identical on both endorsers', async () => {
    const start = new Date('2024-05-06T07:08:09.123Z');
    const { channel, user1 } = twoOrgNetwork({
      deterministic: { startTime: start, tickMs: 500 },
      determinismCheck: true,
    });
    const seen: { ts: { seconds: Long; nanos: number }; date: Date; binding: string; transient: string }[] = [];
    deployAnyOrg(
      channel,
      'cc',
      new ScriptChaincode({
        time: (stub: ChaincodeStub) => {
          const ts = stub.getTxTimestamp();
          seen.push({
            ts: { seconds: Long.fromValue(ts.seconds), nanos: ts.nanos },
            date: stub.getDateTimestamp(),
            binding: stub.getBinding(),
            transient: Buffer.from(stub.getTransient().get('secret') ?? []).toString(),
          });
          return `${stub.getChannelID()} ${stub.getTxID()} ${stub.getCreator().mspid}`;
        },
      }),
    );
    const endorsement = await channel.endorse({
      chaincode: 'cc',
      fcn: 'time',
      identity: user1,
      transient: { secret: 's3cret' },
    });
    expect(seen).to.have.length(2);
    expect(seen[0]?.ts.seconds.toNumber()).to.equal(Math.floor(start.getTime() / 1000));
    expect(seen[0]?.ts.nanos).to.equal(123_000_000);
    expect(seen[0]?.date.getTime()).to.equal(start.getTime());
    expect(seen[0]?.binding).to.match(/^[0-9a-f]{64}$/);
    expect(seen[0]?.transient).to.equal('s3cret');
    expect(seen[1]).to.deep.equal(seen[0]);
    expect(endorsement.timestamp.getTime()).to.equal(start.getTime());
    expect(endorsement.response.payload.toString()).to.equal(`mychannel ${endorsement.txId} Org1MSP`);
    const next = await channel.endorse({ chaincode: 'cc', fcn: 'time', identity: user1 });
    expect(next.timestamp.getTime()).to.equal(start.getTime() + 500);
  });
});

describe('S-06 getMspID is the endorsing peer’s MSP id', () => {
  it('answers the endorsing organization, not the client’s', async () => {
    const { channel, user1 } = twoOrgNetwork();
    deployAnyOrg(channel, 'cc', new ScriptChaincode({ msp: (stub) => stub.getMspID() }));
    const own = await channel.evaluate({ chaincode: 'cc', fcn: 'msp', identity: user1 });
    const other = await channel.evaluate({
      chaincode: 'cc',
      fcn: 'msp',
      identity: user1,
      endorsingOrganizations: ['Org2MSP'],
    });
    expect(own.payload.toString()).to.equal('Org1MSP');
    expect(other.payload.toString()).to.equal('Org2MSP');
  });
});

describe('S-05 the signed proposal is real', () => {
  it('carries the client’s ECDSA signature over the proposal bytes', async () => {
    const { createPublicKey, verify } = await import('node:crypto');
    const { channel, user1 } = twoOrgNetwork();
    let checked: boolean | undefined;
    deployAnyOrg(
      channel,
      'cc',
      new ScriptChaincode({
        verify: (stub) => {
          const signed = stub.getSignedProposal() as unknown as { signature: Uint8Array };
          const proposal = (stub as unknown as { proposal: { serializeBinary(): Uint8Array } }).proposal;
          const key = createPublicKey(user1.certificatePem);
          checked = verify('sha256', proposal.serializeBinary(), key, signed.signature);
        },
      }),
    );
    await channel.evaluate({ chaincode: 'cc', fcn: 'verify', identity: user1 });
    expect(checked).to.equal(true);
  });
});
