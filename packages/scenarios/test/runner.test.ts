import { expect } from 'chai';
import * as sinon from 'sinon';
import {
  checkExpectation,
  createTarget,
  formatRun,
  MockTarget,
  NetworkTarget,
  parseScenario,
  runScenario,
  TargetUnavailableError,
  type CallOutcome,
  type NetworkSpec,
  type StartedTarget,
  type Target,
} from '../src';

const ok: CallOutcome = { status: 200, message: '', payload: '', validationCode: 'VALID' };

describe('checkExpectation', () => {
  it('passes a successful call without expectations and a VALID submit', () => {
    expect(checkExpectation('evaluate', undefined, { status: 200, message: '', payload: 'x' })).to.deep.equal([]);
    expect(checkExpectation('submit', undefined, ok)).to.deep.equal([]);
  });

  it('fails an unexpected error and an unexpected validation code', () => {
    expect(checkExpectation('evaluate', undefined, { status: 500, message: 'boom', payload: '' })).to.deep.equal([
      'unexpected error: status 500 ("boom")',
    ]);
    expect(checkExpectation('submit', {}, { ...ok, validationCode: 'MVCC_READ_CONFLICT' })).to.deep.equal([
      'validationCode: expected VALID, got MVCC_READ_CONFLICT',
    ]);
  });

  it('checks status, error text, payload, event and validation code, one line each', () => {
    const rejected: CallOutcome = { status: 500, message: 'nope', payload: '' };
    expect(checkExpectation('evaluate', { status: 200 }, rejected)).to.deep.equal([
      'status: expected 200, got 500 ("nope")',
    ]);
    expect(checkExpectation('evaluate', { error: 'yes' }, rejected)).to.deep.equal([
      'error: expected a message containing "yes", got "nope"',
    ]);
    expect(checkExpectation('evaluate', { error: 'yes' }, { ...ok, validationCode: undefined })).to.deep.equal([
      'error: expected an error containing "yes", got status 200',
    ]);
    expect(checkExpectation('submit', { error: 'no', validationCode: 'VALID' }, rejected)).to.deep.equal([
      'validationCode: expected VALID, but the transaction was not committed (status 500)',
    ]);
    expect(checkExpectation('submit', { payload: [1] }, { ...ok, payload: [2] })).to.deep.equal([
      'payload: expected [1], got [2]',
    ]);
    const withEvent = { ...ok, event: { name: 'E', payload: { a: 1 } } };
    expect(checkExpectation('submit', { event: null }, withEvent)).to.deep.equal([
      'event: expected none, got {"name":"E","payload":{"a":1}}',
    ]);
    expect(checkExpectation('submit', { event: { name: 'E' } }, ok)).to.deep.equal([
      'event: expected {"name":"E"}, got none',
    ]);
    expect(checkExpectation('submit', { event: { name: 'F' } }, withEvent)).to.deep.equal([
      'event: expected name "F", got "E"',
    ]);
    expect(checkExpectation('submit', { event: { name: 'E', payload: { a: 2 } } }, withEvent)).to.deep.equal([
      'event E: expected payload {"a":2}, got {"a":1}',
    ]);
    expect(
      checkExpectation('submit', { event: { name: 'E', payload: { a: 1 } }, status: 200 }, withEvent),
    ).to.deep.equal([]);
    expect(checkExpectation('submit', { event: null }, ok)).to.deep.equal([]);
    expect(
      checkExpectation('submit', { validationCode: 'VALID' }, { status: 200, message: '', payload: '' }),
    ).to.deep.equal(['validationCode: expected VALID, got none']);
  });
});

describe('checkExpectation results', () => {
  const payload = [
    { op: 'getState', result: 'v' },
    { op: 'getState', error: 'GET_STATE failed: transaction ID: abc: boom' },
  ];
  const outcome: CallOutcome = { ...ok, payload };

  it('compares results deeply and errors by substring, skipping {}', () => {
    expect(checkExpectation('submit', { results: [{ result: 'v' }, { error: 'boom' }] }, outcome)).to.deep.equal([]);
    expect(checkExpectation('submit', { results: [{}, {}] }, outcome)).to.deep.equal([]);
  });

  it('names the operation that differs', () => {
    expect(checkExpectation('submit', { results: [{ result: 'w' }, { error: 'bang' }] }, outcome)).to.deep.equal([
      'results[0]: expected result "w", got {"op":"getState","result":"v"}',
      'results[1]: expected an error containing "bang", got "GET_STATE failed: transaction ID: abc: boom"',
    ]);
    expect(checkExpectation('submit', { results: [{ error: 'x' }, { result: 'v' }] }, outcome)).to.deep.equal([
      'results[0]: expected an error containing "x", got {"op":"getState","result":"v"}',
      'results[1]: expected result "v", got {"op":"getState","error":"GET_STATE failed: transaction ID: abc: boom"}',
    ]);
    expect(checkExpectation('submit', { results: [{}] }, outcome)).to.deep.equal([
      'results: expected 1 operation results, got 2',
    ]);
    expect(checkExpectation('submit', { results: [] }, { ...ok, payload: 'text' })).to.deep.equal([
      'results: expected probe results, got "text"',
    ]);
    expect(checkExpectation('submit', { results: [{ result: null }] }, { ...ok, payload: [7] })).to.deep.equal([
      'results[0]: expected result null, got 7',
    ]);
  });
});

describe('runScenario', () => {
  const scenario = parseScenario(
    {
      name: 'runner',
      network: { chaincodes: [{ name: 'probe', sample: 'probe' }] },
      steps: [
        { name: 'fails', evaluate: { chaincode: 'probe', ops: [] }, expect: { payload: ['x'] } },
        { submit: { chaincode: 'probe', ops: [{ op: 'setEvent', name: 'E', payload: 'p' }] } },
        {
          block: [
            { submit: { chaincode: 'probe', ops: [{ op: 'throw', message: 'no' }] }, expect: { error: 'no' } },
            { submit: { chaincode: 'probe', ops: [{ op: 'putState', key: 'k', value: 'v' }] } },
          ],
        },
      ],
    },
    '<inline>',
  );

  it('records every call and reports failed expectations without stopping', async () => {
    const run = await runScenario(scenario, new MockTarget());
    expect(run.passed).to.equal(false);
    expect(run.steps.map((step) => step.calls.map((call) => call.failures))).to.deep.equal([
      [['payload: expected ["x"], got []']],
      [[]],
      [[], []],
    ]);
    const lines = formatRun(run);
    expect(lines[0]).to.equal('scenario runner on mock (<inline>)');
    expect(lines).to.include('  1. fails');
    expect(lines).to.include('       ✗ payload: expected ["x"], got []');
    expect(lines).to.include('       event E "p"');
    expect(lines).to.include('  3. block of 2 submits');
    expect(lines).to.include('       → status 500 "no", payload ""');
    expect(lines).to.include('       rwset probe: write "k"="v"');
    expect(lines.at(-1)).to.equal('  FAIL (1 call failed)');
  });

  function failingTarget(failAt: 'start' | 'submit' | 'block'): Target {
    const inner = new MockTarget();
    return {
      name: 'flaky',
      async start(network: NetworkSpec): Promise<StartedTarget> {
        if (failAt === 'start') throw new Error('no network');
        const started = await inner.start(network);
        return {
          ...started,
          evaluate: (call) => started.evaluate(call),
          submit: (call) => (failAt === 'submit' ? Promise.reject(new Error('peer down')) : started.submit(call)),
          block: () => Promise.resolve([]),
          stop: () => started.stop(),
          [Symbol.asyncDispose]: () => started.stop(),
        };
      },
    };
  }

  it('stops at a target failure and records it with the step', async () => {
    const atStart = await runScenario(scenario, failingTarget('start'));
    expect(atStart).to.deep.include({ passed: false, error: 'the target failed: Error: no network' });
    const atSubmit = await runScenario(scenario, failingTarget('submit'));
    expect(atSubmit).to.deep.include({ passed: false, error: 'step 2: the target failed: Error: peer down' });
    expect(atSubmit.steps).to.have.length(1);
    expect(formatRun(atSubmit).slice(-2)).to.deep.equal([
      '  ✗ step 2: the target failed: Error: peer down',
      '  FAIL (1 call failed, target error)',
    ]);
    const atBlock = await runScenario(scenario, failingTarget('block'));
    expect(atBlock.error).to.equal('step 3: the target failed: Error: the target returned 0 outcomes for a block of 2');
  });
});

describe('createTarget', () => {
  it('makes the mock target, in process or over the wire', () => {
    expect(createTarget('mock')).to.be.instanceOf(MockTarget);
    expect(createTarget('mock-wire')).to.deep.include({ name: 'mock-wire' });
  });

  it('makes the network target, and names the targets it knows', () => {
    expect(createTarget('network')).to.be.instanceOf(NetworkTarget);
    expect(() => createTarget('cloud')).to.throw(
      TargetUnavailableError,
      'unknown target "cloud": use mock, mock-wire, network or both',
    );
  });
});

describe('runScenario on a target that cannot run the scenario', () => {
  it('records the run as skipped with the reason, without starting the target', async () => {
    const scenario = parseScenario(
      {
        name: 'rich',
        network: { stateDatabase: 'couchdb', chaincodes: [{ name: 'probe', sample: 'probe' }] },
        steps: [{ evaluate: { chaincode: 'probe', ops: [] } }],
      },
      '/inline.yaml',
    );
    const reason = 'the scenario needs CouchDB peers (stateDatabase: couchdb), which this target cannot start';
    const start = sinon.stub().rejects(new Error('must not start'));
    const target = { name: 'network', unsupported: () => reason, start };
    const run = await runScenario(scenario, target);
    expect(start.called).to.equal(false);
    expect(run).to.deep.include({ passed: true, steps: [], observations: [] });
    expect(run.skipped).to.equal(reason);
    expect(formatRun(run)).to.deep.equal(['scenario rich on network (/inline.yaml)', `  SKIPPED: ${run.skipped}`]);
  });
});
