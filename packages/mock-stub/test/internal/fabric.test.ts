import { expect } from 'chai';
import { createMockFabric, isMockFabricError } from '../../src';
import { deployAnyOrg, twoOrgNetwork } from '../fixtures/network';
import { ScriptChaincode, kvFunctions } from '../fixtures/script-chaincode';
import { chaincodeNamespaces } from '../fixtures/chaincode-namespaces';

describe('snapshot and restore (like Hardhat loadFixture)', () => {
  it('puts state, history, blocks, private data and chaincode definitions back', async () => {
    const { fabric, channel, user1 } = twoOrgNetwork({ deterministic: true });
    deployAnyOrg(channel, 'cc', new ScriptChaincode(kvFunctions));
    await channel.submit({ chaincode: 'cc', fcn: 'put', args: ['a', '1'], identity: user1 });
    const snapshot = fabric.snapshot();
    expect(snapshot.takenAt).to.be.instanceOf(Date);
    const after = await channel.submit({ chaincode: 'cc', fcn: 'put', args: ['a', '2'], identity: user1 });
    await channel.submit({ chaincode: 'cc', fcn: 'put', args: ['b', '3'], identity: user1 });
    deployAnyOrg(channel, 'cc2', new ScriptChaincode(kvFunctions));
    fabric.restore(snapshot);
    expect(channel.getState('cc', 'a')?.toString()).to.equal('1');
    expect(channel.getState('cc', 'b')).to.equal(undefined);
    expect(channel.getHistory('cc', 'a')).to.have.length(1);
    expect(channel.blocks).to.have.length(1);
    expect(channel.getTransaction(after.txId)).to.equal(undefined);
    // Deterministic ids and clock rewind too, so the same submit yields the same tx id again.
    const replay = await channel.submit({ chaincode: 'cc', fcn: 'put', args: ['a', '2'], identity: user1 });
    expect(replay.txId).to.equal(after.txId);
    // cc2 was deployed after the snapshot: gone, as its `_lifecycle` definition is.
    const gone = await channel.endorse({ chaincode: 'cc2', fcn: 'put', args: ['x', 'y'], identity: user1 });
    expect(gone.response.message).to.match(/cc2/);
    expect(gone.response.status).to.equal(500);
    // A snapshot can be restored many times.
    fabric.restore(snapshot);
    expect(channel.getState('cc', 'a')?.toString()).to.equal('1');
  });

  it('empties channels created after the snapshot and refuses foreign snapshots', async () => {
    const { fabric, user1 } = twoOrgNetwork();
    const snapshot = fabric.snapshot();
    const late = fabric.createChannel('late');
    deployAnyOrg(late, 'cc', new ScriptChaincode(kvFunctions));
    await late.submit({ chaincode: 'cc', fcn: 'put', args: ['a', '1'], identity: user1 });
    fabric.restore(snapshot);
    expect(late.getState('cc', 'a')).to.equal(undefined);
    expect(() => fabric.restore({ takenAt: new Date() })).to.throw('not a snapshot of this fabric');
  });
});

describe('deterministic clock and transaction ids', () => {
  it('gives the same ids and times in two fabrics built the same way', async () => {
    const run = async () => {
      const fabric = createMockFabric({ deterministic: true, determinismCheck: false });
      const org = fabric.addOrganization('Org1MSP');
      const channel = fabric.createChannel('ch');
      deployAnyOrg(channel, 'cc', new ScriptChaincode(kvFunctions));
      const user = org.createIdentity({ name: 'u' });
      const e = await channel.endorse({ chaincode: 'cc', fcn: 'put', args: ['a', '1'], identity: user });
      return { txId: e.txId, time: e.timestamp.toISOString(), creator: user.mspId };
    };
    const a = await run();
    const b = await run();
    expect(a.time).to.equal('2020-01-01T00:00:00.000Z');
    expect(b.time).to.equal(a.time);
    expect(a.txId).to.match(/^[0-9a-f]{64}$/);
  });

  it('uses real time and random ids by default', async () => {
    const { channel, user1 } = twoOrgNetwork();
    deployAnyOrg(channel, 'cc', new ScriptChaincode(kvFunctions));
    const before = Date.now();
    const a = await channel.endorse({ chaincode: 'cc', fcn: 'get', args: ['a'], identity: user1 });
    const b = await channel.endorse({ chaincode: 'cc', fcn: 'get', args: ['a'], identity: user1 });
    expect(a.txId).to.not.equal(b.txId);
    expect(a.timestamp.getTime()).to.be.at.least(before - 1);
  });
});

describe('API misuse fails with InvalidArgumentError', () => {
  it('checks channels, organizations, identities and chaincodes', async () => {
    const { fabric, channel, user1 } = twoOrgNetwork();
    const outsider = fabric.addOrganization('Org3MSP').createIdentity({ name: 'o' });
    deployAnyOrg(channel, 'cc', new ScriptChaincode(kvFunctions));
    const attempts: (() => unknown)[] = [
      () => fabric.createChannel('mychannel'),
      () => fabric.createChannel('Bad_Name'),
      () => fabric.createChannel('x', { organizations: ['Nope'] }),
      () => fabric.createChannel('y', { organizations: [] }),
      () => fabric.getChannel('missing'),
      () => channel.deploy({ name: 'bad name', chaincode: new ScriptChaincode({}) }),
      () => channel.deploy({ name: 'nocc', chaincode: {} as never }),
      () => createMockFabric({ totalQueryLimit: 0 }),
    ];
    for (const attempt of attempts) {
      let caught: unknown;
      try {
        attempt();
      } catch (err) {
        caught = err;
      }
      expect(isMockFabricError(caught), String(attempt)).to.equal(true);
      expect(caught).to.have.property('name', 'InvalidArgumentError');
    }
    for (const request of [
      { chaincode: 'cc', fcn: 'get', identity: outsider },
      { chaincode: 'cc', fcn: 'get', identity: user1, endorsingOrganizations: ['Org3MSP'] },
      { chaincode: 'cc', fcn: 'get', identity: user1, endorsingOrganizations: [] },
      { chaincode: 'cc', fcn: 'get', identity: { ...user1 } },
    ]) {
      const err: unknown = await channel.endorse(request).catch((e: unknown) => e);
      expect(err).to.have.property('name', 'InvalidArgumentError');
    }
    expect(isMockFabricError(new Error('x'))).to.equal(false);
    expect(isMockFabricError(null)).to.equal(false);
    expect(fabric.getChannel('mychannel')).to.equal(channel);
    expect(fabric.channels).to.have.length(1);
    expect(fabric.organizations.map((o) => o.mspId)).to.deep.equal(['Org1MSP', 'Org2MSP', 'Org3MSP']);
  });

  it('refuses an empty block', async () => {
    const { channel } = twoOrgNetwork();
    const err: unknown = await channel.commit([]).catch((e: unknown) => e);
    expect(err).to.have.property('name', 'InvalidArgumentError');
  });

  it('refuses to commit an endorsement from another channel', async () => {
    const { fabric, channel, user1 } = twoOrgNetwork();
    const other = fabric.createChannel('other');
    deployAnyOrg(channel, 'cc', new ScriptChaincode(kvFunctions));
    const e = await channel.endorse({ chaincode: 'cc', fcn: 'put', args: ['a', '1'], identity: user1 });
    const err: unknown = await other.commit([e]).catch((x: unknown) => x);
    expect(err).to.have.property('message', `endorsement ${e.txId} was not produced by channel [other]`);
  });

  it('an unknown chaincode is a 500 with the endorser’s message', async () => {
    const { channel, user1 } = twoOrgNetwork();
    const response = await channel.evaluate({ chaincode: 'ghost', fcn: 'x', identity: user1 });
    expect(response).to.include({
      status: 500,
      message:
        'make sure the chaincode ghost has been successfully defined on channel mychannel and try again: chaincode ghost not found',
    });
  });
});

describe('--init-required (chaincode_support.go CheckInvocation)', () => {
  it('requires Init first, once per version', async () => {
    const { channel, user1 } = twoOrgNetwork();
    const chaincode = new ScriptChaincode(kvFunctions, async (stub) => {
      await stub.putState('init', Buffer.from('done'));
    });
    channel.deploy({ name: 'cc', chaincode, endorsementPolicy: "OR('Org1MSP.peer')", initRequired: true });
    const early = await channel.endorse({ chaincode: 'cc', fcn: 'get', args: ['a'], identity: user1 });
    expect(early.response.message).to.equal(
      `error in simulation: failed to execute transaction ${early.txId}: invalid invocation: chaincode 'cc' has not been initialized for this version, must call as init first`,
    );
    await channel.submit({ chaincode: 'cc', fcn: 'init', identity: user1, isInit: true });
    expect(channel.getState('cc', 'init')?.toString()).to.equal('done');
    expect(channel.getStateRange('cc').map((kv) => kv.key)).to.deep.equal(['init']);
    const twice = await channel.endorse({ chaincode: 'cc', fcn: 'init', identity: user1, isInit: true });
    expect(twice.response.message).to.match(
      /: invalid invocation: chaincode 'cc' is already initialized but called as init$/,
    );
    expect(
      (await channel.evaluate({ chaincode: 'cc', fcn: 'get', args: ['init'], identity: user1 })).payload.toString(),
    ).to.equal('done');
  });

  it('an upgrade to a new version needs Init again', async () => {
    const { channel, user1 } = twoOrgNetwork();
    const chaincode = new ScriptChaincode(kvFunctions, () => 'initialized');
    const definition = { name: 'cc', chaincode, endorsementPolicy: "OR('Org1MSP.peer')", initRequired: true };
    channel.deploy({ ...definition, version: '1' });
    await channel.submit({ chaincode: 'cc', fcn: 'init', identity: user1, isInit: true });
    channel.deploy({ ...definition, version: '2' });
    const stale = await channel.endorse({ chaincode: 'cc', fcn: 'get', args: ['a'], identity: user1 });
    expect(stale.response.message).to.match(/has not been initialized for this version, must call as init first$/);
    expect(
      (await channel.submit({ chaincode: 'cc', fcn: 'init', identity: user1, isInit: true })).validationCode,
    ).to.equal('VALID');
  });

  it('refuses init on a chaincode that does not require it', async () => {
    const { channel, user1 } = twoOrgNetwork();
    deployAnyOrg(channel, 'cc', new ScriptChaincode(kvFunctions));
    const e = await channel.endorse({ chaincode: 'cc', fcn: 'x', identity: user1, isInit: true });
    expect(e.response.message).to.match(/chaincode 'cc' does not require initialization but called as init$/);
  });
});

describe('bad input from chaincode gets the shim’s and peer’s texts', () => {
  it('non-Buffer values fail as google-protobuf coercion does', async () => {
    const { channel, user1 } = twoOrgNetwork();
    deployAnyOrg(
      channel,
      'cc',
      new ScriptChaincode({
        object: async (stub) => {
          await stub.putState('k', { not: 'bytes' } as unknown as Uint8Array);
        },
        number: async (stub) => {
          await stub.putState('k', 42 as unknown as Uint8Array);
        },
        undef: async (stub) => {
          await stub.putState('k', undefined as unknown as Uint8Array);
        },
        lone: async (stub) => {
          await stub.putState('a\uD800', Buffer.from('v'));
        },
      }),
    );
    const call = (fcn: string) => channel.endorse({ chaincode: 'cc', fcn, identity: user1 });
    expect((await call('object')).response.message).to.equal('Failure: Cannot coerce to Uint8Array: object');
    expect((await call('number')).response.message).to.equal('Failure: Cannot coerce to Uint8Array: number');
    const undef = await call('undef');
    expect(chaincodeNamespaces(undef.readWriteSet)[0]?.writes[0]).to.include({ key: 'k', isDelete: true });
    // google-protobuf writes the lone surrogate as 3 bytes that are not UTF-8, which Go's protobuf refuses.
    const lone = await call('lone');
    expect(lone.response.message).to.equal(
      `PUT_STATE failed: transaction ID: ${lone.txId}: unmarshal failed: string field contains invalid UTF-8`,
    );
  });

  it('createCompositeKey and private data argument checks are the shim’s', async () => {
    const { channel, user1 } = twoOrgNetwork();
    deployAnyOrg(
      channel,
      'cc',
      new ScriptChaincode({
        composite: (stub) => stub.createCompositeKey('', []),
        collection: async (stub) => {
          await stub.getPrivateData('', 'k');
        },
      }),
    );
    const composite = await channel.evaluate({ chaincode: 'cc', fcn: 'composite', identity: user1 });
    expect(composite.message).to.equal('object type or attribute not a non-zero length string');
    const collection = await channel.evaluate({ chaincode: 'cc', fcn: 'collection', identity: user1 });
    expect(collection.message).to.equal('collection must be a valid string');
  });
});
