import { expect } from 'chai';
import { createHash } from 'node:crypto';
import { computeTransactionId, newNonce } from '../../src';

describe('transaction IDs (protoutil.ComputeTxID)', () => {
  it('computes the transaction ID as hex sha256(nonce + creator)', () => {
    const nonce = Buffer.from('nonce');
    const creator = Buffer.from('creator');
    expect(computeTransactionId(nonce, creator)).to.equal(
      createHash('sha256')
        .update(Buffer.concat([nonce, creator]))
        .digest('hex'),
    );
  });

  it('makes fresh 24-byte nonces', () => {
    const nonce = newNonce();
    expect(nonce.length).to.equal(24);
    expect(nonce.equals(newNonce())).to.equal(false);
  });
});
