import { expect } from 'chai';
import { FabricTestkitError, WaitTimeoutError, isFabricTestkitError } from '../../src/errors';
import { NodeExitedError, isConsensusLeader, waitForHealthz, waitUntil } from '../../src/network/wait';

describe('readiness waits', () => {
  it('reads the Raft leader gauge for one channel only', () => {
    const metrics = [
      '# TYPE consensus_etcdraft_is_leader gauge',
      'consensus_etcdraft_is_leader{channel="other"} 1',
      'consensus_etcdraft_is_leader{channel="mychannel"} 0',
    ].join('\n');
    expect(isConsensusLeader(metrics, 'mychannel')).to.equal(false);
    expect(isConsensusLeader(metrics, 'other')).to.equal(true);
    expect(isConsensusLeader('consensus_etcdraft_is_leader{channel="a.b"} 1', 'aXb')).to.equal(false);
  });

  it('times out with a message naming the target and the last problem', async () => {
    let error: unknown;
    await waitUntil('peer0.org1 /healthz', 120, () => Promise.resolve('HTTP 503'), 20).catch(
      (e: unknown) => (error = e),
    );
    expect(error).to.be.instanceOf(WaitTimeoutError);
    expect(isFabricTestkitError(error)).to.equal(true);
    expect(String(error)).to.include('Timed out after 120 ms waiting for peer0.org1 /healthz (last: HTTP 503)');
  });

  it('resolves once the check passes, retrying thrown errors', async () => {
    let calls = 0;
    await waitUntil(
      'x',
      2000,
      () => {
        calls += 1;
        if (calls < 3) {
          return Promise.reject(new Error('not yet'));
        }
        return Promise.resolve(true);
      },
      5,
    );
    expect(calls).to.equal(3);
  });

  it('fails at once when the node exited', async () => {
    const started = Date.now();
    let error: unknown;
    await waitForHealthz('http://127.0.0.1:1', 'peer0.org1', 30_000, () => Promise.resolve(false)).catch(
      (e: unknown) => (error = e),
    );
    expect(error).to.be.instanceOf(NodeExitedError);
    expect(String(error)).to.include('peer0.org1 exited before it became ready');
    expect(Date.now() - started).to.be.lessThan(30_000);
  });

  it('tells harness errors from others', () => {
    expect(isFabricTestkitError(new FabricTestkitError('x'))).to.equal(true);
    expect(isFabricTestkitError(new Error('x'))).to.equal(false);
    expect(isFabricTestkitError('x')).to.equal(false);
  });
});
