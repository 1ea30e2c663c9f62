import { expect } from 'chai';
import { FabricTestkitError } from '../../src/errors';
import { FabricNodeHandle } from '../../src/network/node-handle';
import type { NodePlan, RunningNode } from '../../src/network/runtime';

const PLAN: NodePlan = {
  name: 'ca.org1',
  kind: 'ca',
  host: '127.0.0.1',
  listenHost: '127.0.0.1',
  port: 7054,
  operationsPort: 9443,
  adminPort: 0,
  configDir: '/tmp/c',
  dataDir: '/tmp/d',
};

function fakeNode(calls: string[], withNetwork: boolean): RunningNode {
  const done = (name: string) => (): Promise<void> => {
    calls.push(name);
    return Promise.resolve();
  };
  return {
    name: PLAN.name,
    hostAddress: (port) => `127.0.0.1:${port + calls.length}`,
    isRunning: () => Promise.resolve(true),
    stop: done('stop'),
    start: done('start'),
    restart: done('restart'),
    pause: done('pause'),
    unpause: done('unpause'),
    logs: () => Promise.resolve(''),
    remove: done('remove'),
    ...(withNetwork ? { disconnect: done('disconnect'), reconnect: done('reconnect') } : {}),
  };
}

describe('node handles', () => {
  it('refuse to partition a node whose runtime has no networks, naming the node', async () => {
    const handle = new FabricNodeHandle(fakeNode([], false), PLAN, 1000);
    for (const action of [() => handle.disconnect(), () => handle.reconnect()]) {
      const error: unknown = await action().then(
        () => undefined,
        (e: unknown) => e,
      );
      expect(error).to.be.instanceOf(FabricTestkitError);
      expect(error)
        .to.have.property('message')
        .that.matches(/^ca\.org1: this runtime cannot (dis|re)connect nodes/);
    }
  });

  it('disconnect and reconnect through the runtime; reconnect and restart wait until the node serves again', async () => {
    const calls: string[] = [];
    const handle = new FabricNodeHandle(fakeNode(calls, true), PLAN, 1000, () => {
      calls.push('serving');
      return Promise.resolve();
    });
    await handle.disconnect();
    await handle.reconnect();
    await handle.restart();
    expect(calls).to.deep.equal(['disconnect', 'reconnect', 'serving', 'restart', 'serving']);
    expect(handle.operationsUrl).to.equal('http://127.0.0.1:9448');
  });
});
