import { expect } from 'chai';
import type { ChaincodeClient, StartedMockNetwork } from '../../src';
import { failureOf, kvNetwork } from './helpers';

describe('chai: state', () => {
  let network: StartedMockNetwork;
  let cc: ChaincodeClient;

  beforeEach(async () => {
    ({ network, cc } = await kvNetwork());
    await cc.submit('Put', 'json', '{"b":2,"a":1}');
    await cc.submit('Put', 'text', 'hello');
  });

  afterEach(() => network.stop());

  it('passes when the key is set, or equals JSON, text or bytes', () => {
    expect(cc).to.have.state('text');
    expect(cc).to.have.state('json', { a: 1, b: 2 });
    expect(cc).to.have.state('text', 'hello');
    expect(cc).to.have.state('text', Buffer.from('hello'));
  });

  it('passes negated when the key is absent or differs', () => {
    expect(cc).not.to.have.state('missing');
    expect(cc).not.to.have.state('json', { a: 1 });
    expect(cc).not.to.have.state('text', { a: 1 });
    expect(cc).not.to.have.state('missing', 'hello');
  });

  it('fails with the actual value', async () => {
    expect(await failureOf(() => expect(cc).to.have.state('missing'))).to.equal(
      'Expected the world state of kv at "missing" to be set, but it is absent',
    );
    expect(await failureOf(() => expect(cc).to.have.state('text', 'bye'))).to.equal(
      'Expected the world state of kv at "text" to equal "bye", but it is "hello"',
    );
    expect(await failureOf(() => expect(cc).to.have.state('missing', { a: 1 }))).to.equal(
      'Expected the world state of kv at "missing" to equal {"a":1}, but it is absent',
    );
  });

  it('fails negated', async () => {
    expect(await failureOf(() => expect(cc).not.to.have.state('text'))).to.equal(
      'Expected the world state of kv at "text" to be absent, but it is "hello"',
    );
    expect(await failureOf(() => expect(cc).not.to.have.state('json', { b: 2, a: 1 }))).to.equal(
      'Expected the world state of kv at "json" not to equal {"b":2,"a":1}, but it does',
    );
  });

  it('refuses subjects that are not chaincode clients', () => {
    expect(() => expect(42).to.have.state('k')).to.throw(
      TypeError,
      'state: expected a chaincode client (network.chaincode()), got number',
    );
  });
});
