import * as path from 'node:path';
import { expect } from 'chai';
import {
  compareRuns,
  formatComparison,
  formatRun,
  loadScenarioFile,
  MockTarget,
  Normaliser,
  parseScenario,
  runScenario,
  type ScenarioRun,
} from '../src';
import { MERKLE_SUMMARY, privateHash } from '../src/endorsed-rwset';
import { CORPUS_DIR } from './support/paths';
import { ReadYourWritesTarget } from './support/read-your-writes-target';

describe('compareRuns', () => {
  it('fails the differential run against a read-your-writes mock, naming the step, the op and the key', async () => {
    const scenario = await loadScenarioFile(path.join(CORPUS_DIR, 'S-01-no-read-your-writes.yaml'));
    const good = await runScenario(scenario, new MockTarget());
    const wrong = await runScenario(scenario, new ReadYourWritesTarget(new MockTarget()));
    expect(good.passed).to.equal(true);
    expect(wrong.passed).to.equal(false);
    const comparison = compareRuns(good, wrong);
    expect(comparison.differences).to.deep.equal([
      {
        where: 'step 1 "write then read in one transaction"',
        call: 'submit probe Exec as user1@Org1MSP',
        path: 'payload[1].result',
        key: 'k1',
        op: 'getState',
        left: '',
        right: 'first',
      },
      {
        where: 'step 2 "the last write counts; a later transaction reads it"',
        call: 'submit probe Exec as user1@Org1MSP',
        path: 'payload[2].result',
        key: 'k1',
        op: 'getState',
        left: 'second',
        right: '',
      },
    ]);
    expect(formatComparison(comparison)).to.deep.equal([
      'S-01 no read-your-writes: mock and rw-mock differ in 2 places',
      '  step 1 "write then read in one transaction" (submit probe Exec as user1@Org1MSP)',
      '    payload[1].result  [getState key "k1"]',
      '      mock:    ""',
      '      rw-mock: "first"',
      '  step 2 "the last write counts; a later transaction reads it" (submit probe Exec as user1@Org1MSP)',
      '    payload[2].result  [getState key "k1"]',
      '      mock:    "second"',
      '      rw-mock: ""',
    ]);
  });

  it('normalises tx ids, timestamps, certificates and issuers, so two independent mocks agree', async () => {
    const scenario = parseScenario(
      {
        name: 'context',
        network: {
          organizations: ['Org1MSP', 'Org2MSP'],
          chaincodes: [{ name: 'probe', sample: 'probe', endorsementPolicy: "OR('Org1MSP.peer','Org2MSP.peer')" }],
        },
        identities: { alice: { org: 'Org1MSP' } },
        steps: [
          {
            submit: {
              chaincode: 'probe',
              as: 'alice',
              endorsingOrgs: ['Org1MSP', 'Org2MSP'],
              ops: [
                { op: 'getTxID' },
                { op: 'getTxTimestamp' },
                { op: 'getDateTimestamp' },
                { op: 'getCreator' },
                { op: 'getClientID' },
                { op: 'putState', key: 'k', value: 'v' },
              ],
            },
          },
          {
            submit: { chaincode: 'probe', ops: [{ op: 'getHistoryForKey', key: 'k', txIds: true, timestamps: true }] },
          },
          { evaluate: { chaincode: 'probe', function: 'Nope' }, expect: { status: 500 } },
        ],
      },
      '<inline>',
    );
    const left = await runScenario(scenario, new MockTarget());
    const right = await runScenario(scenario, new MockTarget({ name: 'other', peerOptions: { deterministic: false } }));
    expect(left.passed, formatRun(left).join('\n')).to.equal(true);
    expect(right.passed, formatRun(right).join('\n')).to.equal(true);
    const [txId] = (left.steps[0]?.calls[0]?.outcome.payload as { result: string }[]).map((entry) => entry.result);
    expect(txId).to.not.equal(
      (right.steps[0]?.calls[0]?.outcome.payload as { result: string }[])[0]?.result,
      'the two mocks should use different tx ids, or this test shows nothing',
    );
    expect(compareRuns(left, right).differences).to.deep.equal([]);
    expect(formatComparison(compareRuns(left, right))).to.deep.equal(['context: mock and other agree']);
  });

  it('ignores what a gateway client cannot see or a real network numbers differently', () => {
    const normaliser = new Normaliser({ steps: [], observations: [] } as unknown as ScenarioRun);
    // An error response's payload never reaches a gateway client (internal/pkg/gateway/apiutils.go).
    expect(normaliser.outcome({ status: 500, message: 'no', payload: [{ op: 'status' }] })).to.deep.equal({
      status: 500,
      message: 'no',
    });
    expect(normaliser.outcome({ status: 201, message: '', payload: 'kept' })).to.deep.equal({
      status: 201,
      message: '',
      payload: 'kept',
    });
    expect(
      normaliser.text('Public hash version = {BlockNum: 3, TxNum: 1}, Private data version = {BlockNum: 0, TxNum: 0}'),
    ).to.equal(
      'Public hash version = {BlockNum: <block>, TxNum: 1}, Private data version = {BlockNum: <block>, TxNum: 0}',
    );
  });

  it('compares private data by hash, x509 ids inside keys by common name, and long ranges as a Merkle summary', () => {
    const normaliser = new Normaliser({ steps: [], observations: [] } as unknown as ScenarioRun);
    const namespace = {
      reads: {},
      ranges: [] as { startKey: string; endKey: string; itrExhausted: boolean; keys: string[] }[],
      writes: {},
      metadataWrites: [],
    };
    const manyKeys = Array.from({ length: 51 }, (_, index) => `k${index}`);
    const mock = normaliser.outcome({
      status: 200,
      message: '',
      payload: '',
      readWriteSet: {
        cc: {
          ...namespace,
          ranges: [{ startKey: 'k', endKey: 'l', itrExhausted: true, keys: manyKeys }],
          writes: {
            '\u0000balance\u0000x509::/C=US/O=Hyperledger/OU=client/CN=minter::/C=US/CN=ca.org1.example.com\u0000': 1,
          },
          collections: {
            pdc: { reads: { secret: '0:0' }, writes: { price: '100', old: { delete: true } }, purges: ['old'] },
          },
        },
      },
    });
    const network = normaliser.outcome({
      status: 200,
      message: '',
      payload: '',
      readWriteSet: {
        cc: {
          ...namespace,
          ranges: [{ startKey: 'k', endKey: 'l', itrExhausted: true, keys: [MERKLE_SUMMARY] }],
          writes: { '\u0000balance\u0000x509::/OU=client/CN=minter::/CN=ca.org1/O=Org1MSP\u0000': 1 },
          collections: {
            pdc: {
              hashed: true,
              reads: { [privateHash('secret')]: '5:0' },
              writes: {
                [privateHash('price')]: { valueHash: privateHash('100') },
                [privateHash('old')]: { delete: true },
              },
              purges: [privateHash('old')],
            },
          },
        },
      },
    });
    expect(network).to.deep.equal(mock);
    expect(JSON.stringify(mock)).to.include('x509::CN=minter::<issuer>');
  });

  it('reports a step that only one target ran', async () => {
    const scenario = parseScenario(
      {
        name: 'one',
        network: { chaincodes: [{ name: 'probe', sample: 'probe' }] },
        steps: [{ evaluate: { chaincode: 'probe', ops: [] } }],
      },
      '<inline>',
    );
    const run = await runScenario(scenario, new MockTarget());
    const broken: ScenarioRun = {
      ...run,
      target: 'broken',
      steps: [],
      error: 'step 1: the target failed: down',
      passed: false,
    };
    expect(compareRuns(run, broken).differences).to.deep.equal([
      {
        where: 'step 1 "evaluate probe Exec as user1@Org1MSP"',
        call: '',
        path: 'ran',
        left: true,
        right: 'step 1: the target failed: down',
      },
    ]);
  });

  it('compares read/write sets key by key when both targets report them', async () => {
    const scenario = parseScenario(
      {
        name: 'rwset',
        network: { chaincodes: [{ name: 'probe', sample: 'probe' }] },
        steps: [{ submit: { chaincode: 'probe', ops: [{ op: 'putState', key: 'a', value: '1' }] } }],
      },
      '<inline>',
    );
    const run = await runScenario(scenario, new MockTarget());
    const [step] = run.steps;
    const [record] = step?.calls ?? [];
    const summary = record?.outcome.readWriteSet?.['probe'];
    if (step === undefined || record === undefined || summary === undefined) throw new Error('no read/write set');
    const changed: ScenarioRun = {
      ...run,
      target: 'changed',
      steps: [
        {
          ...step,
          calls: [
            {
              ...record,
              outcome: { ...record.outcome, readWriteSet: { probe: { ...summary, writes: { a: '2' } } } },
            },
          ],
        },
      ],
    };
    const lines = formatComparison(compareRuns(run, changed));
    expect(lines).to.include('    readWriteSet["probe"].writes["a"]  [key "a"]');
  });
});
