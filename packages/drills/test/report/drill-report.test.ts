import { expect } from 'chai';
import { DrillFailedError, DrillRecorder, DrillStepError, type DrillReport } from '../../src/report/drill-report';
import { formatEvidence, formatReport, reportToJson } from '../../src/report/format';

async function rejection(promise: Promise<unknown>): Promise<unknown> {
  try {
    await promise;
  } catch (e) {
    return e;
  }
  throw new Error('expected a rejection');
}

/** A clock that advances by the given steps on each read. */
function clock(...advances: number[]): () => number {
  let t = Date.UTC(2026, 0, 2, 3, 4, 5);
  let i = 0;
  return () => {
    t += advances[i++] ?? 0;
    return t;
  };
}

describe('DrillRecorder', () => {
  it('times each step, keeps its evidence and value, and reports figures and metrics', async () => {
    const recorder = new DrillRecorder('upgrade', clock(0, 0, 120, 0, 30, 0));
    const tx = await recorder.step('submit', () =>
      Promise.resolve({ value: 'tx1', evidence: { txId: 'tx1', block: 5 } }),
    );
    await recorder.step('read', () => Promise.resolve({ value: undefined, evidence: { version: 'v2' } }));
    recorder.figure('upgradeSeconds', 1.25);
    recorder.addMetrics([
      {
        peer: 'peer0.org1',
        ledgerHeight: { c: 6 },
        endorsement: { count: 3, meanMs: 4 },
        commit: { count: 5, meanMs: 2 },
      },
    ]);
    const report = recorder.finish();

    expect(tx).to.equal('tx1');
    expect(report).to.deep.include({
      drill: 'upgrade',
      passed: true,
      startedAt: '2026-01-02T03:04:05.000Z',
      totalMs: 150,
    });
    expect(report.steps).to.deep.equal([
      { name: 'submit', ms: 120, passed: true, evidence: { txId: 'tx1', block: 5 } },
      { name: 'read', ms: 30, passed: true, evidence: { version: 'v2' } },
    ]);
    expect(report.figures).to.deep.equal({ upgradeSeconds: 1.25 });
    expect(report.metrics).to.have.length(1);
  });

  it('marks a failed step with its error and evidence and rethrows as DrillFailedError', async () => {
    const recorder = new DrillRecorder('partial-approval', clock(0, 0, 10));
    const failing = recorder.step('commit', () =>
      Promise.reject(new DrillStepError('v1 still answers', { version: 'v1' })),
    );
    const error = await rejection(failing);
    expect(error).to.be.instanceOf(DrillFailedError).with.property('message', 'step "commit" failed: v1 still answers');
    expect(error).to.have.property('step', 'commit');
    const report = recorder.finish();
    expect(report.passed).to.equal(false);
    expect(report.steps).to.deep.equal([
      { name: 'commit', ms: 10, passed: false, evidence: { version: 'v1' }, error: 'v1 still answers' },
    ]);
  });

  it('records a non-Error rejection as text, and a drill without steps has not passed', async () => {
    const recorder = new DrillRecorder('x');
    expect(recorder.finish().passed).to.equal(false);
    // eslint-disable-next-line @typescript-eslint/prefer-promise-reject-errors
    const error = await rejection(recorder.step('s', () => Promise.reject('plain')));
    expect(error).to.have.property('message', 'step "s" failed: plain');
    expect(recorder.finish().steps[0]?.error).to.equal('plain');
    expect(recorder.now()).to.be.a('number');
  });
});

describe('formatReport and reportToJson', () => {
  const report: DrillReport = {
    drill: 'upgrade',
    passed: false,
    startedAt: '2026-01-02T03:04:05.000Z',
    totalMs: 2500,
    steps: [
      { name: 'install v2', ms: 900, passed: true, evidence: { packageId: `asset-upgrade_v2:${'ab'.repeat(32)}` } },
      { name: 'v2 answers', ms: 35, passed: false, evidence: { peers: ['peer0.org1', 'peer0.org2'] }, error: 'got v1' },
    ],
    figures: { upgradeSeconds: 0.94 },
    metrics: [
      {
        peer: 'peer0.org1',
        ledgerHeight: { mychannel: 9 },
        endorsement: { count: 12, meanMs: 3.5 },
        commit: { count: 8, meanMs: 11 },
      },
      { peer: 'peer9.org9', ledgerHeight: {}, endorsement: { count: 0, meanMs: 0 }, commit: { count: 0, meanMs: 0 } },
    ],
  };

  it('renders a text table of steps and metrics', () => {
    expect(formatReport(report).split('\n')).to.deep.equal([
      'drill upgrade: FAILED in 2.5 s (started 2026-01-02T03:04:05.000Z)',
      '  upgradeSeconds: 0.94',
      '',
      '#  step         ms  result  evidence',
      '-  ----------  ---  ------  ------------------------------------------',
      '1  install v2  900  pass    packageId=asset-upgrade_v2:abababababab…',
      '2  v2 answers   35  FAIL    peers=peer0.org1 peer0.org2; error: got v1',
      '',
      'peer        ledger height  endorsements  endorse mean ms  blocks committed  commit mean ms',
      '----------  -------------  ------------  ---------------  ----------------  --------------',
      'peer0.org1  mychannel=9              12              3.5                 8              11',
      'peer9.org9  -                         0                0                 0               0',
    ]);
  });

  it('leaves out the metrics table when nothing was sampled', () => {
    expect(formatReport({ ...report, passed: true, metrics: [] })).to.not.include('ledger height');
  });

  it('puts the figures at the top level of the JSON', () => {
    const json = reportToJson(report);
    expect(json).to.deep.include({ upgradeSeconds: 0.94, drill: 'upgrade', passed: false, totalMs: 2500 });
    expect(JSON.parse(JSON.stringify(json)))
      .to.have.property('steps')
      .with.length(2);
  });

  it('formats evidence as key=value pairs on one line', () => {
    expect(formatEvidence({ a: 1, b: true, c: 'x\ny', d: ['p', 'q'] })).to.equal('a=1, b=true, c=x y, d=p q');
    expect(formatEvidence({ m: 'y'.repeat(200) })).to.equal(`m=${'y'.repeat(159)}…`);
  });
});
