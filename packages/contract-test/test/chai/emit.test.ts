import { expect } from 'chai';
import type { ChaincodeClient, StartedMockNetwork, TransactionResult } from '../../src';
import { failureOf, kvNetwork } from './helpers';

describe('chai: emit', () => {
  let network: StartedMockNetwork;
  let cc: ChaincodeClient;
  let put: TransactionResult;

  beforeEach(async () => {
    ({ network, cc } = await kvNetwork());
    put = await cc.submit('Put', 'k', 'v');
  });

  afterEach(() => network.stop());

  it('passes on the event name, with a JSON, text or bytes payload', async () => {
    await expect(put).to.emit('Put');
    await expect(put).to.emit('Put', { key: 'k', value: 'v' });
    await expect(put).to.emit('Put', '{"key":"k","value":"v"}');
    await expect(put).to.emit('Put', Buffer.from('{"key":"k","value":"v"}'));
    await expect(cc.submit('Put', 'j', 'w')).to.emit('Put', { key: 'j', value: 'w' });
  });

  it('passes negated when there is no such event', async () => {
    await expect(put).not.to.emit('Other');
    await expect(put).not.to.emit('Put', { key: 'k', value: 'other' });
    await expect(await cc.submit('Delete', 'k')).not.to.emit('Put');
    await expect(cc.submit('Delete', 'k')).not.to.emit('Put');
  });

  it('fails with a message naming what was emitted', async () => {
    const deleted = await cc.submit('Delete', 'k');
    expect(await failureOf(() => expect(deleted).to.emit('Put'))).to.equal(
      `Expected transaction ${deleted.txId} to emit event "Put", but it emitted no event`,
    );
    expect(await failureOf(() => expect(put).to.emit('Deleted'))).to.equal(
      `Expected transaction ${put.txId} to emit event "Deleted", but it emitted "Put"`,
    );
    expect(await failureOf(() => expect(put).to.emit('Put', { key: 'x' }))).to.equal(
      `Expected transaction ${put.txId} to emit event "Put" with payload {"key":"x"}, but its payload was "{\\"key\\":\\"k\\",\\"value\\":\\"v\\"}"`,
    );
    expect(await failureOf(() => expect(put).to.emit('Put', 'text'))).to.equal(
      `Expected transaction ${put.txId} to emit event "Put" with payload "text", but its payload was "{\\"key\\":\\"k\\",\\"value\\":\\"v\\"}"`,
    );
  });

  it('fails negated with a message', async () => {
    expect(await failureOf(() => expect(put).not.to.emit('Put'))).to.equal(
      `Expected transaction ${put.txId} not to emit event "Put", but it did`,
    );
    expect(await failureOf(() => expect(put).not.to.emit('Put', { key: 'k', value: 'v' }))).to.equal(
      `Expected transaction ${put.txId} not to emit event "Put" with payload {"key":"k","value":"v"}, but it did`,
    );
  });

  it('passes a rejection through and refuses subjects that are not transactions', async () => {
    const failure = await failureOf(() => expect(cc.submit('Get', 'missing')).to.emit('Put')).catch(
      (error: unknown) => error,
    );
    expect(failure).to.have.property('name', 'EndorseError');
    expect(() => expect('text').to.emit('Put')).to.throw(
      TypeError,
      'emit: expected a transaction result (submit, endorse, block), got string',
    );
  });
});
