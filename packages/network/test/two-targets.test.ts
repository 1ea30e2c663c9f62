/**
 * The two-target API's own conformance: every case runs on the mock and, where the Fabric images are present, on a
 * real network, and must give the same results, the same error classes and the same texts on both.
 */
import * as path from 'node:path';
import chai, { expect } from 'chai';
import { fabricImagesMissing } from '@fabric-testkit/test-harness';
import {
  createNetwork,
  isFabricError,
  TargetUnsupportedError,
  type ChaincodeClient,
  type StartedNetwork,
  type TargetName,
} from '../src';
import { fabricMatchers } from '../src/chai';
import { contracts } from './fixtures/kv-contract';

chai.use(fabricMatchers);

const modulePath = path.resolve(__dirname, '..', '..', 'test', 'fixtures', 'kv-package');

/** The fixture of most cases: kv deployed, `k` = `fixture`, a client of alice (Org1MSP, role auditor). */
async function kvWithAKey(network: StartedNetwork): Promise<ChaincodeClient> {
  await network.deploy({ name: 'kv', modulePath });
  const alice = await network.identity('Org1MSP', 'alice', { attributes: { role: 'auditor' } });
  const cc = network.chaincode('kv', { as: alice });
  await cc.submit('Put', 'k', 'fixture');
  return cc;
}

async function rejection(promise: Promise<unknown>): Promise<unknown> {
  return promise.then(
    () => new Error('resolved'),
    (e: unknown) => e,
  );
}

for (const target of ['mock', 'network'] as const satisfies readonly TargetName[]) {
  describe(`two targets, one API: ${target}`, function () {
    let network: StartedNetwork;
    let cc: ChaincodeClient;

    before(async function () {
      if (target === 'network') {
        this.timeout(300_000);
        const missing = await fabricImagesMissing();
        if (missing !== undefined) this.skip();
      }
      network = await createNetwork({ target })
        .withOrganizations('Org1MSP', 'Org2MSP')
        .withChannel('mychannel')
        .start();
    });

    after(async function () {
      this.timeout(60_000);
      await network?.stop();
    });

    beforeEach(async function () {
      this.timeout(120_000);
      cc = await network.loadFixture(kvWithAKey);
    });

    function slow(test: Mocha.Context): void {
      test.timeout(target === 'network' ? 60_000 : 5_000);
    }

    it('submits: result, transaction id, event, validation code, block; every organization reads it', async function () {
      slow(this);
      const result = await cc.submit('Put', 'a', '1');
      expect(result.text).to.equal('1');
      expect(result.txId).to.match(/^[0-9a-f]{64}$/);
      expect(result.validationCode).to.equal('VALID');
      expect(result.blockNumber).to.be.a('number');
      await expect(result).to.emit('Put', { key: 'a', value: '1' });
      const bob = await network.identity('Org2MSP', 'bob');
      expect((await cc.with({ as: bob }).evaluate('Get', 'a')).text).to.equal('1');
      expect(await network.transaction(result.txId)).to.deep.equal({
        txId: result.txId,
        validationCode: 'VALID',
        blockNumber: result.blockNumber,
        endorsingOrganizations: ['Org1MSP', 'Org2MSP'],
      });
    });

    it("rejects with the gateway's error classes and the chaincode's status and message", async function () {
      slow(this);
      await expect(cc.evaluate('Get', 'missing')).to.be.rejectedWithChaincodeError(500, 'missing not found');
      const evaluated = await rejection(cc.evaluate('Get', 'missing'));
      expect(isFabricError(evaluated, 'GatewayError') && evaluated.name).to.equal('GatewayError');
      const submitted = await rejection(cc.submit('Get', 'missing'));
      expect(
        isFabricError(submitted, 'EndorseError') && [submitted.name, submitted.code, submitted.status],
      ).to.deep.equal(['EndorseError', 10, 500]);
    });

    it('orders endorsed transactions into one block and reports each validation code', async function () {
      slow(this);
      const [first, second] = await network.block([cc.endorse('Append', 'k', '+1'), cc.endorse('Append', 'k', '+2')]);
      expect(first?.blockNumber).to.equal(second?.blockNumber);
      await expect(first).to.have.validationCode('VALID');
      await expect(second).to.have.validationCode('MVCC_READ_CONFLICT');
      await expect(second).not.to.emit('Put');
      expect((await cc.evaluate('Get', 'k')).text).to.equal('fixture+1');
    });

    it("gives each test the fixture's state, whatever the last test wrote", async function () {
      slow(this);
      expect((await cc.evaluate('Get', 'k')).text).to.equal('fixture');
      await cc.submit('Put', 'k', 'changed by a test');
      cc = await network.loadFixture(kvWithAKey);
      expect((await cc.evaluate('Get', 'k')).text).to.equal('fixture');
    });

    it('carries identities with CA attributes, transient data and endorsing organizations', async function () {
      slow(this);
      expect((await cc.evaluate('Caller')).text).to.equal('Org1MSP:auditor');
      const withTransient = cc.with({ transient: { secret: 's3' }, endorsingOrganizations: ['Org1MSP'] });
      expect((await withTransient.evaluate('Transient', 'secret')).text).to.equal('s3');
      expect((await network.identity('Org1MSP', 'alice')).attributes).to.deep.equal({ role: 'auditor' });
      expect(await rejection(network.identity('Org1MSP', 'alice', { attributes: { role: 'other' } }))).to.be.an(
        'error',
      );
    });

    it('streams chaincode events of valid transactions from a block on', async function () {
      slow(this);
      const put = await cc.submit('Put', 'e', '1');
      const events = network.events('kv', { startBlock: put.blockNumber });
      for await (const event of events) {
        expect([event.eventName, event.transactionId, event.blockNumber]).to.deep.equal([
          'Put',
          put.txId,
          put.blockNumber,
        ]);
        expect(JSON.parse(event.payload.toString())).to.deep.equal({ key: 'e', value: '1' });
        break;
      }
    });

    it('upgrades a definition with the next sequence', async function () {
      this.timeout(target === 'network' ? 120_000 : 5_000);
      const upgraded = await network.upgrade({ name: 'kv', modulePath, version: '2.0' });
      expect(upgraded).to.deep.equal({ name: 'kv', channel: 'mychannel', version: '2.0', sequence: 2 });
      expect((await cc.evaluate('Get', 'k')).text).to.equal('fixture');
    });

    it('requires init first with initRequired, then calls Init once (chaincode_support.go CheckInvocation)', async function () {
      this.timeout(target === 'network' ? 120_000 : 5_000);
      await network.deploy({ name: 'kvinit', modulePath, initRequired: true });
      const client = network.chaincode('kvinit');
      // The peer's own refusal, with the transaction id (core/chaincode/chaincode_support.go, endorser.go).
      await expect(client.submit('Put', 'i', '0')).to.be.rejectedWithChaincodeError(
        500,
        /^error in simulation: failed to execute transaction [0-9a-f]{64}: invalid invocation: chaincode 'kvinit' has not been initialized for this version, must call as init first$/,
      );
      expect((await client.init('Put', 'i', '1')).validationCode).to.equal('VALID');
      expect((await client.submit('Put', 'i', '2')).text).to.equal('2');
    });

    it('refuses, with TargetUnsupportedError, what this target cannot do', async () => {
      const refused = (call: () => unknown): unknown => {
        try {
          call();
          return undefined;
        } catch (e) {
          return e;
        }
      };
      if (target === 'mock') {
        expect(cc.state('k')?.toString()).to.equal('fixture');
        expect(refused(() => network.fabric)).to.be.instanceOf(TargetUnsupportedError);
        expect(network.mock.fabric.organizations).to.have.length(2);
      } else {
        expect(refused(() => cc.state('k'))).to.be.instanceOf(TargetUnsupportedError);
        expect(refused(() => network.mock)).to.be.instanceOf(TargetUnsupportedError);
        expect(network.fabric.organizations).to.have.length(2);
        const classes = await rejection(network.deploy({ name: 'classes', contracts }));
        expect(classes).to.be.instanceOf(TargetUnsupportedError);
        expect(String(classes)).to.match(/give modulePath/);
      }
    });
  });
}
