import { expect } from 'chai';
import { deployAnyOrg, twoOrgNetwork } from '../fixtures/network';
import { ScriptChaincode, kvFunctions } from '../fixtures/script-chaincode';
import { chaincodeNamespaces } from '../fixtures/chaincode-namespaces';

const functions = {
  ...kvFunctions,
  history: async (stub: Parameters<(typeof kvFunctions)['put']>[0], [key = '']: string[]) => {
    const entries: unknown[] = [];
    for await (const entry of stub.getHistoryForKey(key)) {
      entries.push({
        txId: entry.txId,
        value: Buffer.from(entry.value).toString(),
        isDelete: entry.isDelete,
        seconds: Number(entry.timestamp.seconds),
        keys: Object.keys(entry).sort(),
      });
    }
    return JSON.stringify(entries);
  },
  historyAwait: async (stub: Parameters<(typeof kvFunctions)['put']>[0], [key = '']: string[]) => {
    await stub.getHistoryForKey(key);
  },
  twoEvents: (stub: Parameters<(typeof kvFunctions)['put']>[0]) => {
    stub.setEvent('first', Buffer.from('1'));
    stub.setEvent('second', Buffer.from('2'));
  },
  emptyEvent: (stub: Parameters<(typeof kvFunctions)['put']>[0]) => {
    stub.setEvent('', Buffer.from('1'));
  },
};

describe('S-30 history (kvledger/history)', () => {
  it('returns valid transactions newest first with {txId, value, isDelete, timestamp}; adds no reads', async () => {
    const { channel, user1 } = twoOrgNetwork({ deterministic: true });
    deployAnyOrg(channel, 'cc', new ScriptChaincode(functions));
    const put1 = await channel.submit({ chaincode: 'cc', fcn: 'put', args: ['k', 'one'], identity: user1 });
    const del = await channel.submit({ chaincode: 'cc', fcn: 'del', args: ['k'], identity: user1 });
    const put2 = await channel.submit({ chaincode: 'cc', fcn: 'put', args: ['k', 'two'], identity: user1 });
    const e = await channel.endorse({ chaincode: 'cc', fcn: 'history', args: ['k'], identity: user1 });
    const entries = JSON.parse(e.response.payload.toString()) as { txId: string; value: string; isDelete: boolean }[];
    expect(entries.map((x) => [x.txId, x.value, x.isDelete])).to.deep.equal([
      [put2.txId, 'two', false],
      [del.txId, '', true],
      [put1.txId, 'one', false],
    ]);
    expect(entries[0]).to.have.property('keys').that.deep.equals(['isDelete', 'timestamp', 'txId', 'value']);
    expect(chaincodeNamespaces(e.readWriteSet)).to.deep.equal([]);
    expect(channel.getHistory('cc', 'k').map((h) => h.txId)).to.deep.equal(entries.map((x) => x.txId));
  });

  it('leaves invalid transactions out', async () => {
    const { channel, user1 } = twoOrgNetwork();
    deployAnyOrg(
      channel,
      'cc',
      new ScriptChaincode({
        ...functions,
        rmw: async (stub) => {
          const v = Buffer.from(await stub.getState('k')).toString();
          await stub.putState('k', Buffer.from(`${v}+`));
        },
      }),
    );
    const a = await channel.endorse({ chaincode: 'cc', fcn: 'rmw', identity: user1 });
    const b = await channel.endorse({ chaincode: 'cc', fcn: 'rmw', identity: user1 });
    await channel.commit([a, b]);
    expect(channel.getHistory('cc', 'k').map((h) => h.txId)).to.deep.equal([a.txId]);
  });

  it('fails with "history database is not enabled" when history is off', async () => {
    const { channel, user1 } = twoOrgNetwork({ historyDatabase: false });
    deployAnyOrg(channel, 'cc', new ScriptChaincode(functions));
    const e = await channel.endorse({ chaincode: 'cc', fcn: 'historyAwait', args: ['k'], identity: user1 });
    expect(e.response.message).to.equal(
      `GET_HISTORY_FOR_KEY failed: transaction ID: ${e.txId}: history database is not enabled`,
    );
  });
});

describe('S-40 one event per transaction (stub.js setEvent, chaincode_support.go)', () => {
  it('keeps the last event, with the chaincode and tx id filled in by the peer', async () => {
    const { channel, user1 } = twoOrgNetwork();
    deployAnyOrg(channel, 'cc', new ScriptChaincode(functions));
    const tx = await channel.submit({ chaincode: 'cc', fcn: 'twoEvents', identity: user1 });
    expect(tx.endorsement.event).to.deep.equal({
      chaincode: 'cc',
      txId: tx.txId,
      name: 'second',
      payload: Buffer.from('2'),
    });
  });

  it('an empty name throws the shim’s error', async () => {
    const { channel, user1 } = twoOrgNetwork();
    deployAnyOrg(channel, 'cc', new ScriptChaincode(functions));
    const response = await channel.evaluate({ chaincode: 'cc', fcn: 'emptyEvent', identity: user1 });
    expect(response).to.include({ status: 500, message: 'Event name must be a non-empty string' });
  });
});

describe('G-07 block notifications (onBlock), what the gateway event stream is built on', () => {
  it('tells each committed block after its state is applied, until the listener is removed', async () => {
    const { channel, user1 } = twoOrgNetwork();
    deployAnyOrg(channel, 'cc', new ScriptChaincode(functions));
    const seen: string[] = [];
    const remove = channel.onBlock((block) => seen.push(`${block.number} ${String(channel.getState('cc', 'k'))}`));
    await channel.submit({ chaincode: 'cc', fcn: 'put', args: ['k', 'v1'], identity: user1 });
    remove();
    await channel.submit({ chaincode: 'cc', fcn: 'put', args: ['k', 'v2'], identity: user1 });
    expect(seen).to.deep.equal(['0 v1']);
  });

  it('a listener that throws does not fail the commit that already happened: it becomes a process warning', async () => {
    const { channel, user1 } = twoOrgNetwork();
    deployAnyOrg(channel, 'cc', new ScriptChaincode(functions));
    const warnings: Error[] = [];
    const onWarning = (warning: Error): void => void warnings.push(warning);
    process.on('warning', onWarning);
    try {
      channel.onBlock(() => {
        throw new Error('listener broke');
      });
      const tx = await channel.submit({ chaincode: 'cc', fcn: 'put', args: ['k', 'v'], identity: user1 });
      expect(tx.validationCode).to.equal('VALID');
      await new Promise((resolve) => setImmediate(resolve));
      expect(warnings.map((w) => w.message)).to.deep.equal(['listener broke']);
    } finally {
      process.off('warning', onWarning);
    }
  });
});
