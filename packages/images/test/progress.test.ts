import { expect } from 'chai';
import { formatProgress, formatSeconds, type ProgressEvent } from '../src/progress';

describe('progress lines', () => {
  it('show step, subject, status, time and detail', () => {
    expect(formatProgress({ step: 'compile', status: 'done', subject: 'peer', elapsedMs: 41_234 })).to.equal(
      'compile     peer: done (41.2 s)',
    );
    expect(
      formatProgress({ step: 'pull', status: 'failed', subject: 'x:1', elapsedMs: 20, detail: 'no registry' }),
    ).to.equal('pull        x:1: failed (0.0 s) - no registry');
    expect(formatProgress({ step: 'check', status: 'start', subject: 'x:1' })).to.equal('check       x:1: start');
    expect(formatSeconds(90_000)).to.equal('90.0 s');
  });

  it('show a heartbeat of a long step with the time so far and its latest output line', () => {
    const event: ProgressEvent = {
      step: 'compile',
      status: 'running',
      subject: 'couchdb 3.4.3',
      elapsedMs: 60_000,
      detail: '==> couch (compile)',
    };
    expect(formatProgress(event)).to.equal('compile     couchdb 3.4.3: running (60.0 s) - ==> couch (compile)');
  });
});
