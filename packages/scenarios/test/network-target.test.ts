import * as path from 'node:path';
import { expect } from 'chai';
import { fabricImages, missingImages } from '@fabric-testkit/test-harness';
import {
  chaincodeModule,
  compareRuns,
  formatComparison,
  loadScenarioFile,
  MockTarget,
  NetworkTarget,
  orgNameOf,
  runScenario,
  TargetUnavailableError,
} from '../src';
import { CORPUS_DIR } from './support/paths';
import { ReadYourWritesTarget } from './support/read-your-writes-target';

describe('NetworkTarget definition', () => {
  it('maps MSP IDs to harness organization names, refusing ones it cannot create', () => {
    expect(orgNameOf('Org1MSP')).to.equal('org1');
    expect(orgNameOf('BankB')).to.equal('bankb');
    expect(() => orgNameOf('1stMSP')).to.throw(TargetUnavailableError, 'MSP ID 1stMSP does not name an organization');
    expect(() => orgNameOf('OrdererMSP')).to.throw(TargetUnavailableError);
  });

  it('serves the probe as a raw chaincode and the samples as contract packages', () => {
    expect(chaincodeModule({ name: 'p', channel: 'c', sample: 'probe' })).to.deep.equal({
      modulePath: require.resolve('@fabric-testkit/probe'),
      exportName: 'ProbeChaincode',
    });
    const basic = chaincodeModule({ name: 'b', channel: 'c', sample: 'asset-transfer-basic' });
    expect(basic).to.deep.equal({
      contractPackage: path.dirname(require.resolve('@fabric-testkit/asset-transfer-basic/package.json')),
    });
    expect(chaincodeModule({ name: 'x', channel: 'c', path: '/contracts/x' })).to.deep.equal({
      contractPackage: '/contracts/x',
    });
  });

  it('runs LevelDB scenarios always, CouchDB ones where the CouchDB image is present', () => {
    const spec = { organizations: ['Org1MSP'], channels: [], stateDatabase: 'leveldb' as const, chaincodes: [] };
    expect(new NetworkTarget().unsupported(spec)).to.equal(undefined);
    const couch = new NetworkTarget().unsupported({ ...spec, stateDatabase: 'couchdb' });
    if (couch !== undefined) expect(couch).to.include('couchdb:3.4.3 is not present');
  });
});

describe('NetworkTarget on a real Fabric network (containers)', function () {
  this.timeout(240_000);

  before(async function () {
    const missing = await missingImages(fabricImages()).catch((e: unknown) => [`(docker: ${String(e)})`]);
    if (missing.length > 0) {
      console.log(`    skipped: images missing: ${missing.join(', ')}`);
      this.skip();
    }
  });

  it('agrees with the mock on S-01, and a read-your-writes mock fails against it naming the step and the key', async () => {
    const scenario = await loadScenarioFile(path.join(CORPUS_DIR, 'S-01-no-read-your-writes.yaml'));
    const network = await runScenario(scenario, new NetworkTarget());
    expect(network.error).to.equal(undefined);
    expect(network.passed).to.equal(true);
    expect(network.steps.map((step) => step.calls[0]?.outcome.validationCode)).to.deep.equal(['VALID', 'VALID']);

    const mock = await runScenario(scenario, new MockTarget());
    expect(compareRuns(mock, network).differences).to.deep.equal([]);

    // A deliberately wrong mock: reads see the transaction's own writes.
    const wrong = await runScenario(scenario, new ReadYourWritesTarget(new MockTarget()));
    const comparison = compareRuns(wrong, network);
    expect(comparison.differences.map(({ where, key, op }) => ({ where, key, op }))).to.deep.equal([
      { where: 'step 1 "write then read in one transaction"', key: 'k1', op: 'getState' },
      { where: 'step 2 "the last write counts; a later transaction reads it"', key: 'k1', op: 'getState' },
    ]);
    expect(formatComparison(comparison).slice(0, 5)).to.deep.equal([
      'S-01 no read-your-writes: rw-mock and network differ in 2 places',
      '  step 1 "write then read in one transaction" (submit probe Exec as user1@Org1MSP)',
      '    payload[1].result  [getState key "k1"]',
      '      rw-mock: "first"',
      '      network: ""',
    ]);
  });

  it('commits a block step in one block, in order: the second read-modify-write is an MVCC conflict', async () => {
    const scenario = await loadScenarioFile(path.join(CORPUS_DIR, 'S-04-mvcc-and-phantom-conflicts.yaml'));
    const run = await runScenario(scenario, new NetworkTarget());
    expect(run.error).to.equal(undefined);
    const [first, second] = run.steps[1]?.calls ?? [];
    expect(first?.outcome.validationCode).to.equal('VALID');
    expect(second?.outcome.validationCode).to.equal('MVCC_READ_CONFLICT');
    expect(first?.outcome.blockNumber).to.be.a('number').and.equal(second?.outcome.blockNumber);
    expect(run.passed).to.equal(true);
  });
});
