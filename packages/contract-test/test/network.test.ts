import { createHash } from 'node:crypto';
import * as path from 'node:path';
import 'reflect-metadata';
import { expect } from 'chai';
import { Context, Contract, JSONSerializer, Transaction } from 'fabric-contract-api';
import { KeyEndorsementPolicy } from 'fabric-shim';
import { CommitError, EndorseError, GatewayError, MockNetwork, isFabricError, type StartedMockNetwork } from '../src';
import { KvContract } from './fixtures/ledger-contract';
import { ReturnsContract } from './fixtures/dispatch-contracts';

async function rejection(promise: Promise<unknown>): Promise<unknown> {
  try {
    await promise;
  } catch (error) {
    return error;
  }
  throw new Error('expected a rejection');
}

describe('MockNetwork', () => {
  let network: StartedMockNetwork;

  beforeEach(async () => {
    network = await new MockNetwork()
      .withOrganizations('Org1MSP', 'Org2MSP')
      .withChannel('mychannel')
      .withPeerOptions({ determinismCheck: false })
      .start();
  });

  afterEach(async () => {
    await network.stop();
  });

  describe('deploy', () => {
    it('deploys contract classes and reports the deployment', async () => {
      const deployed = await network.deploy({ name: 'kv', contracts: [KvContract], version: '2.0' });
      expect(deployed).to.include({ name: 'kv', channel: 'mychannel', version: '2.0', defaultContract: 'Kv' });
      expect(deployed.contractNames).to.deep.equal(['Kv', 'org.hyperledger.fabric']);
      expect(deployed.contract(KvContract)).to.be.instanceOf(KvContract);
      expect(() => deployed.contract(ReturnsContract)).to.throw('ReturnsContract is not deployed in chaincode kv');
    });

    it('loads a chaincode package from its directory as bootstrap.js does', async () => {
      const deployed = await network.deploy({
        name: 'pkg',
        modulePath: path.resolve(__dirname, '../../test/fixtures/module-package'),
      });
      expect(deployed.version).to.equal('2.3.4');
      expect(deployed.metadata).to.have.nested.property('info.title', 'fixture-kv-package');
      const cc = network.chaincode('pkg');
      await cc.submit('Put', 'k', 'v');
      expect((await cc.evaluate('Get', 'k')).text).to.equal('v');
    });

    it('refuses contracts and modulePath together, and no contracts at all', async () => {
      expect(await rejection(network.deploy({ name: 'x', contracts: [KvContract], modulePath: '.' }))).to.have.property(
        'message',
        'deploy: give either contracts or modulePath, not both',
      );
      expect(await rejection(network.deploy({ name: 'x', contracts: [] }))).to.have.property(
        'message',
        'deploy x: no contracts (give contracts or modulePath)',
      );
    });

    it('leaves contract-api globals as they were and keeps other @Objects out of the metadata', async () => {
      const before = ['fabric:default', 'fabric:objects', 'fabric:info'].map((key): unknown =>
        Reflect.getMetadata(key, global),
      );
      const kv = await network.deploy({ name: 'kv', contracts: [KvContract] });
      const returns = await network.deploy({ name: 'returns', contracts: [ReturnsContract], objects: ['Unused'] });
      const after = ['fabric:default', 'fabric:objects', 'fabric:info'].map((key): unknown =>
        Reflect.getMetadata(key, global),
      );
      expect(after).to.deep.equal(before);
      expect(kv.metadata).to.have.nested.property('components.schemas').that.deep.equals({});
      expect(Object.keys(returns.metadata['components'] as object)).to.deep.equal(['schemas']);
      expect(returns.metadata).to.have.nested.property('components.schemas.Point');
      expect(returns.metadata).to.have.nested.property('components.schemas.Unused');
      expect(kv.defaultContract).to.equal('Kv');
    });

    it('runs Init first for an initRequired chaincode', async () => {
      await network.deploy({ name: 'init', contracts: [KvContract], initRequired: true });
      const cc = network.chaincode('init');
      const init = await cc.init('Put', 'k', 'from init');
      expect(init.validationCode).to.equal('VALID');
      expect(cc.state('k')?.toString()).to.equal('from init');
    });

    it('uses the serializer named in serializers, with jsonSerializer always available', async () => {
      class UpperSerializer extends JSONSerializer {
        override toBuffer(result: unknown, schema: unknown, loggerPrefix?: string): Buffer {
          // JSONSerializer returns undefined for a function that returns nothing.
          const bytes: Buffer | undefined = super.toBuffer(result, schema, loggerPrefix);
          return bytes === undefined ? bytes : Buffer.from(bytes.toString().toUpperCase());
        }
      }
      await network.deploy({
        name: 'upper',
        contracts: [KvContract],
        serializers: { transaction: 'upper', serializers: { upper: UpperSerializer } },
      });
      const cc = network.chaincode('upper');
      await cc.submit('Put', 'k', 'quiet');
      expect((await cc.evaluate('Get', 'k')).text).to.equal('QUIET');
    });

    it('passes a copy of the contract list to ChaincodeFromContract', async () => {
      const contracts = [KvContract];
      await network.deploy({ name: 'kv', contracts });
      expect(contracts).to.deep.equal([KvContract]);
    });

    it('needs a channel name when there are several', async () => {
      const two = await new MockNetwork().withChannel('a').withChannel('b').start();
      expect(await rejection(two.deploy({ name: 'kv', contracts: [KvContract] }))).to.have.property(
        'message',
        'the network has several channels: name one',
      );
      await two.deploy({ name: 'kv', channel: 'a', contracts: [KvContract] });
      await two.deploy({ name: 'kv', channel: 'b', contracts: [KvContract] });
      expect(() => two.chaincode('kv')).to.throw('chaincode kv is deployed on several channels: name one');
      expect(two.chaincode('kv', { channel: 'b' }).channel).to.equal('b');
      expect(() => two.chaincode('kv', { channel: 'c' })).to.throw('chaincode kv is not deployed on channel c');
      await two.stop();
    });
  });

  describe('G-01 default endorsers: a client without endorsingOrganizations gets the gateway planning (fabric-samples found these)', () => {
    class PeerOrgContract extends Contract {
      @Transaction()
      public async Record(ctx: Context): Promise<void> {
        // Depends on the endorsing peer's organization, as the events and private-data samples do.
        await ctx.stub.putState('peer', Buffer.from(ctx.stub.getMspID()));
      }

      @Transaction()
      public async RefuseOnOrg2(ctx: Context): Promise<void> {
        if (ctx.stub.getMspID() === 'Org2MSP') throw new Error('Org2 peers refuse this');
        await ctx.stub.putState('k', Buffer.from('v'));
      }
    }

    it("under OR, endorses on the client's organization only, so peer-dependent chaincode commits VALID", async () => {
      await network.deploy({
        name: 'peer',
        contracts: [PeerOrgContract],
        endorsementPolicy: "OR('Org1MSP.peer','Org2MSP.peer')",
      });
      const result = await network.chaincode('peer', { as: network.identity('Org2MSP', 'bob') }).submit('Record');
      expect(result.validationCode).to.equal('VALID');
      expect(network.ledger().state('peer', 'peer')?.toString()).to.equal('Org2MSP');
    });

    it("under AND, one organization's chaincode error is that peer's detail, and rejectedWithChaincodeError sees its message", async () => {
      await network.deploy({
        name: 'peer',
        contracts: [PeerOrgContract],
        endorsementPolicy: "AND('Org1MSP.peer','Org2MSP.peer')",
      });
      const error = await rejection(network.chaincode('peer').submit('RefuseOnOrg2'));
      if (!isFabricError(error, 'EndorseError')) throw new Error('expected an EndorseError');
      expect(error.message).to.equal(
        '10 ABORTED: failed to collect enough transaction endorsements, see attached details for more info',
      );
      expect(error.chaincodeMessage).to.equal('Org2 peers refuse this');
      expect(error.details).to.deep.equal([
        { address: 'peer0.org2msp:7051', mspId: 'Org2MSP', message: 'chaincode response 500, Org2 peers refuse this' },
      ]);
    });
  });

  describe('the ledger view: key metadata and private data hashes (S-60, S-51)', () => {
    class LockingContract extends Contract {
      @Transaction()
      public async Lock(ctx: Context, key: string, org: string): Promise<void> {
        await ctx.stub.putState(key, Buffer.from('v'));
        const policy = new KeyEndorsementPolicy();
        policy.addOrgs('PEER', org);
        await ctx.stub.setStateValidationParameter(key, policy.getPolicy());
      }

      @Transaction()
      public async Hide(ctx: Context, key: string): Promise<void> {
        await ctx.stub.putPrivateData('_implicit_org_Org1MSP', key, Buffer.from('secret'));
      }
    }

    it('shows a key-level policy in the policy language, and the hash every peer holds of a private value', async () => {
      await network.deploy({ name: 'lock', contracts: [LockingContract] });
      const cc = network.chaincode('lock', { endorsingOrganizations: ['Org1MSP', 'Org2MSP'] });
      await cc.submit('Lock', 'k', 'Org2MSP');
      await network.chaincode('lock').submit('Hide', 'h');
      const ledger = network.ledger();
      expect(ledger.metadata('lock', 'k')).to.deep.equal({ endorsementPolicy: "OR('Org2MSP.peer')" });
      expect(ledger.metadata('lock', 'missing')).to.deep.equal({});
      expect(ledger.privateDataHash('lock', '_implicit_org_Org1MSP', 'h')?.toString('hex')).to.equal(
        createHash('sha256').update('secret').digest('hex'),
      );
      expect(ledger.privateDataHash('lock', '_implicit_org_Org1MSP', 'none')).to.equal(undefined);
    });
  });

  describe('endorsers that disagree', () => {
    it('G-04 reject a submit whose endorsers disagree with EndorseError "failed to collect enough transaction endorsements", the second peer\'s detail "ProposalResponsePayloads do not match", and say what differed', async () => {
      class PeerMspContract extends Contract {
        @Transaction()
        public async PeerMsp(ctx: Context): Promise<string> {
          return Promise.resolve(ctx.stub.getMspID());
        }
      }
      await network.deploy({ name: 'who', contracts: [PeerMspContract] });
      const client = network.chaincode('who', { endorsingOrganizations: ['Org1MSP', 'Org2MSP'] });
      const error = await rejection(client.submit('PeerMsp'));
      expect(error).to.be.instanceOf(EndorseError);
      const endorseError = error as EndorseError;
      expect(endorseError.message.split('\n')[0]).to.equal(
        '10 ABORTED: failed to collect enough transaction endorsements, see attached details for more info',
      );
      expect(endorseError.message).to.include('"Org1MSP"').and.include('"Org2MSP"');
      expect(endorseError.details).to.deep.equal([
        { address: 'peer0.org2msp:7051', mspId: 'Org2MSP', message: 'ProposalResponsePayloads do not match' },
      ]);
    });
  });

  describe('clients', () => {
    beforeEach(async () => {
      await network.deploy({ name: 'kv', contracts: [KvContract] });
    });

    it('submits: result, tx id, event, validation code and block', async () => {
      const cc = network.chaincode('kv', { as: network.identity('Org1MSP', 'alice') });
      const result = await cc.submit('Append', 'k', 'abc');
      expect(result.text).to.equal('abc');
      expect(result.validationCode).to.equal('VALID');
      expect(result.txId).to.equal(result.endorsement.txId);
      expect(network.ledger().blocks.at(-1)?.number).to.equal(result.blockNumber);
      const put = await cc.submit('Put', 'k', 'v');
      expect(put.event).to.include({ name: 'Put', txId: put.txId });
      expect(JSON.parse(Buffer.from(put.event?.payload ?? []).toString())).to.deep.equal({ key: 'k', value: 'v' });
      expect(cc.state('k')?.toString()).to.equal('v');
    });

    it('evaluates without committing', async () => {
      const cc = network.chaincode('kv');
      const heightBefore = network.ledger().blocks.length;
      expect((await cc.evaluate('Append', 'k', 'x')).text).to.equal('x');
      expect(cc.state('k')).to.equal(undefined);
      expect(network.ledger().blocks).to.have.length(heightBefore);
    });

    it('signs as identities with attributes, issued once per name', async () => {
      const minter = network.identity('Org2MSP', 'minter', { attributes: { role: 'minter' } });
      expect(network.identity('Org2MSP', 'minter')).to.equal(minter);
      const cc = network.chaincode('kv', { as: minter });
      expect(cc.identity).to.equal(minter);
      expect((await cc.evaluate('Whoami')).text).to.equal('Org2MSP minter');
      expect((await cc.with({ as: network.identity('Org1MSP', 'plain') }).evaluate('Whoami')).text).to.equal(
        'Org1MSP none',
      );
    });

    it('refuses to hand out an existing identity for other attributes or another role, naming both', () => {
      const minter = network.identity('Org2MSP', 'minter', { attributes: { role: 'minter', level: '2' } });
      expect(network.identity('Org2MSP', 'minter', { attributes: { level: '2', role: 'minter' } })).to.equal(minter);
      expect(() => network.identity('Org2MSP', 'minter', { attributes: { role: 'admin' } })).to.throw(
        'identity minter@Org2MSP already exists with role client and attributes {"level":"2","role":"minter"}, ' +
          'not role client and attributes {"role":"admin"}; use another name for an identity with other attributes ' +
          'or role, or call identity() with no options to get it',
      );
      expect(() => network.identity('Org2MSP', 'minter', { role: 'admin' })).to.throw(/not role admin/);
    });

    it('uses the first organization admin by default', async () => {
      expect((await network.chaincode('kv').evaluate('Whoami')).text).to.equal('Org1MSP none');
    });

    it('passes transient data, endorsed by the client organization only', async () => {
      const cc = network
        .chaincode('kv', { as: network.identity('Org2MSP', 'bob') })
        .with({ transient: { secret: 's3cret' } });
      const endorsed = await cc.endorse('Secret');
      expect(endorsed.text).to.equal('s3cret');
      expect(endorsed.endorsement.endorsingOrganizations).to.deep.equal(['Org2MSP']);
      expect((await network.chaincode('kv').evaluate('Secret')).text).to.equal('no secret');
    });

    it('endorses on every channel organization by default, or on the ones chosen', async () => {
      const cc = network.chaincode('kv');
      expect((await cc.endorse('Put', 'k', 'v')).endorsement.endorsingOrganizations).to.deep.equal([
        'Org1MSP',
        'Org2MSP',
      ]);
      const chosen = await cc.with({ endorsingOrganizations: ['Org2MSP'] }).endorse('Put', 'k', 'v');
      expect(chosen.endorsement.endorsingOrganizations).to.deep.equal(['Org2MSP']);
    });

    it('rejects with CommitError when the endorsement policy is not met', async () => {
      await network.deploy({
        name: 'strict',
        contracts: [KvContract],
        endorsementPolicy: "AND('Org1MSP.peer','Org2MSP.peer')",
      });
      const cc = network.chaincode('strict', { endorsingOrganizations: ['Org1MSP'] });
      const error = await rejection(cc.submit('Put', 'k', 'v'));
      if (!isFabricError(error, 'CommitError')) throw new Error('expected a CommitError');
      expect(error).to.be.instanceOf(CommitError);
      expect(error.validationCode).to.equal('ENDORSEMENT_POLICY_FAILURE');
      expect(error.code).to.equal(10);
      expect(error.message).to.equal(
        `Transaction ${error.transactionId} failed to commit with status code 10 (ENDORSEMENT_POLICY_FAILURE)`,
      );
      expect(cc.state('k')).to.equal(undefined);
      expect((await network.chaincode('strict').submit('Put', 'k', 'v')).validationCode).to.equal('VALID');
    });

    it('deploys collections: transient data goes to private data of member organizations only', async () => {
      await network.deploy({
        name: 'private',
        contracts: [KvContract],
        endorsementPolicy: "OR('Org1MSP.peer','Org2MSP.peer')",
        collections: [
          {
            name: 'secrets',
            policy: "OR('Org1MSP.member')",
            requiredPeerCount: 0,
            maxPeerCount: 1,
            blockToLive: 0,
            memberOnlyRead: true,
          },
        ],
      });
      const alice = network.chaincode('private', { as: network.identity('Org1MSP', 'alice') });
      await alice.with({ transient: { value: 'pin 1234' } }).submit('PutSecret', 'k');
      expect(network.ledger().privateData('private', 'secrets', 'k')?.toString()).to.equal('pin 1234');
      expect(network.ledger().state('private', 'k')).to.equal(undefined);
      expect((await alice.evaluate('GetSecret', 'k')).text).to.equal('pin 1234');
      const bob = alice.with({ as: network.identity('Org2MSP', 'bob') });
      const error = await rejection(bob.evaluate('GetSecret', 'k'));
      expect(error).to.be.instanceOf(GatewayError).with.property('details').with.length(1);
      expect(error).to.have.nested.property('details[0].mspId', 'Org2MSP');
    });

    it('rejects endorse with EndorseError on a chaincode error', async () => {
      const error = await rejection(network.chaincode('kv').endorse('Get', 'missing'));
      expect(error)
        .to.be.instanceOf(EndorseError)
        .with.property('message', '10 ABORTED: failed to endorse transaction, see attached details for more info');
    });
  });

  describe('block', () => {
    beforeEach(async () => {
      await network.deploy({ name: 'kv', contracts: [KvContract] });
    });

    it('commits several endorsements in one block; a conflicting one is MVCC_READ_CONFLICT', async () => {
      const cc = network.chaincode('kv');
      await cc.submit('Put', 'k', 'start');
      const [first, second] = await network.block([cc.endorse('Append', 'k', '+1'), cc.endorse('Append', 'k', '+2')]);
      expect(first).to.include({ validationCode: 'VALID', txNumber: 0 });
      expect(second).to.include({ validationCode: 'MVCC_READ_CONFLICT', txNumber: 1 });
      expect(first?.blockNumber).to.equal(second?.blockNumber);
      expect(cc.state('k')?.toString()).to.equal('start+1');
    });

    it('drops the event of an invalid transaction', async () => {
      const cc = network.chaincode('kv');
      const [, second] = await network.block([cc.endorse('Append', 'k', 'a'), cc.endorse('Put', 'k', 'b')]);
      expect(second?.validationCode).to.equal('VALID');
      const [, third] = await network.block([cc.endorse('Append', 'k', 'c'), cc.endorse('Append', 'k', 'd')]);
      expect(third?.validationCode).to.equal('MVCC_READ_CONFLICT');
      expect(third?.event).to.equal(undefined);
    });

    it('refuses transactions of several channels', async () => {
      expect(await rejection(network.block([]))).to.have.property(
        'message',
        'block: transactions must be on one channel, got none',
      );
    });
  });

  describe('ledger', () => {
    it('shows state, JSON, ranges, history and blocks', async () => {
      await network.deploy({ name: 'kv', contracts: [KvContract] });
      const cc = network.chaincode('kv');
      const first = await cc.submit('Put', 'a', '{"n":1}');
      await cc.submit('Put', 'b', '2');
      const deleted = await cc.submit('Delete', 'a');
      const ledger = network.ledger('mychannel');
      expect(ledger.channel).to.equal('mychannel');
      expect(ledger.state(cc, 'a')).to.equal(undefined);
      expect(ledger.json('kv', 'b')).to.equal(2);
      expect(ledger.json('kv', 'a')).to.equal(undefined);
      expect(ledger.range('kv').map((entry) => entry.key)).to.deep.equal(['b']);
      expect(ledger.history(cc, 'a').map((entry) => [entry.txId, entry.isDelete])).to.deep.equal([
        [deleted.txId, true],
        [first.txId, false],
      ]);
      expect(ledger.blocks.at(-1)?.transactions[0]?.txId).to.equal(deleted.txId);
    });

    it('snapshots and restores the ledger', async () => {
      await network.deploy({ name: 'kv', contracts: [KvContract] });
      const cc = network.chaincode('kv');
      await cc.submit('Put', 'k', 'before');
      const snapshot = network.snapshot();
      await cc.submit('Put', 'k', 'after');
      network.restore(snapshot);
      expect(cc.state('k')?.toString()).to.equal('before');
    });

    it('undoes a deploy made after the snapshot, as a fresh channel of a real network would not have it', async () => {
      const snapshot = network.snapshot();
      await network.deploy({ name: 'kv', contracts: [KvContract] });
      network.restore(snapshot);
      expect(() => network.chaincode('kv')).to.throw('chaincode kv is not deployed');
      await network.deploy({ name: 'kv', contracts: [KvContract] });
      await network.chaincode('kv').submit('Put', 'k', 'again');
    });
  });

  describe('context', () => {
    beforeEach(async () => {
      await network.deploy({ name: 'kv', contracts: [KvContract] });
    });

    it('calls contract methods directly with a Context bound to a transaction', async () => {
      const contract = new KvContract();
      const alice = network.identity('Org1MSP', 'alice', { attributes: { role: 'reader' } });
      const { value, txId, endorsement, validationCode } = await network.context('kv', { as: alice }, (ctx: Context) =>
        contract.Whoami(ctx),
      );
      expect(value).to.equal('Org1MSP reader');
      expect(txId).to.equal(endorsement.txId);
      expect(validationCode).to.equal(undefined);
    });

    it('commits the writes with commit: true, and only then', async () => {
      const contract = new KvContract();
      const cc = network.chaincode('kv');
      await network.context(cc, {}, (ctx) => contract.Put(ctx, 'k', 'not committed'));
      expect(cc.state('k')).to.equal(undefined);
      const committed = await network.context(cc, { commit: true }, (ctx) => contract.Put(ctx, 'k', 'v'));
      expect(committed.validationCode).to.equal('VALID');
      expect(committed.blockNumber).to.be.a('number');
      expect(cc.state('k')?.toString()).to.equal('v');
    });

    it('rejects with the error the callback threw', async () => {
      const boom = new Error('boom');
      expect(await rejection(network.context('kv', {}, () => Promise.reject(boom)))).to.equal(boom);
    });

    it('builds the context of the named contract and fails for an unknown one', async () => {
      const ctx = (await network.context('kv', { contract: 'Kv' }, (context) => context)).value;
      expect(ctx.clientIdentity.getMSPID()).to.equal('Org1MSP');
      expect(ctx.logging.getLogger('x')).to.be.an('object');
      expect(await rejection(network.context('kv', { contract: 'Nope' }, () => 1))).to.have.property(
        'message',
        'context: the chaincode did not run (Contract name is not known: Nope)',
      );
    });
  });

  it('is AsyncDisposable and unusable once stopped', async () => {
    {
      await using disposable = await new MockNetwork().start();
      expect(disposable.fabric.channels.map((channel) => channel.name)).to.deep.equal(['mychannel']);
      network = disposable;
    }
    expect(() => network.ledger()).to.throw('the mock network is stopped');
    expect(() => network.identity('Org1MSP', 'x')).to.throw('the mock network is stopped');
  });
});

describe('MockNetwork chaincode log level', () => {
  const saved = process.env['CORE_CHAINCODE_LOGGING_LEVEL'];

  afterEach(() => {
    if (saved === undefined) delete process.env['CORE_CHAINCODE_LOGGING_LEVEL'];
    else process.env['CORE_CHAINCODE_LOGGING_LEVEL'] = saved;
  });

  it('sets CORE_CHAINCODE_LOGGING_LEVEL as a peer does', async () => {
    const network = await new MockNetwork().withChaincodeLogLevel('WARNING').start();
    expect(process.env['CORE_CHAINCODE_LOGGING_LEVEL']).to.equal('WARNING');
    await network.stop();
  });
});

describe('MockNetwork G-08 chaincode installed on some organizations only', () => {
  let network: StartedMockNetwork;

  beforeEach(async () => {
    network = await new MockNetwork().withOrganizations('Org1MSP', 'Org2MSP').withChannel('mychannel').start();
  });

  afterEach(() => network.stop());

  it('G-08 an evaluate with the chaincode installed nowhere it may run rejects with 14 UNAVAILABLE, as fabric-gateway shows it', async () => {
    await network.deploy({
      name: 'kv',
      contracts: [KvContract],
      endorsementPolicy: "OR('Org2MSP.peer')",
      installedOn: ['Org2MSP'],
    });
    const cc = network.chaincode('kv', { as: network.identity('Org1MSP', 'g08') });
    await cc.submit('Put', 'k', 'v'); // endorsed by Org2MSP, the only organization with the chaincode
    expect((await cc.evaluate('Get', 'k')).text).to.equal('v');
    const error = await rejection(cc.with({ endorsingOrganizations: ['Org1MSP'] }).evaluate('Get', 'k'));
    expect(error).to.be.instanceOf(GatewayError);
    expect(error).to.include({
      message: '14 UNAVAILABLE: no peers available to evaluate chaincode kv in channel mychannel',
      code: 14,
    });
  });
});
