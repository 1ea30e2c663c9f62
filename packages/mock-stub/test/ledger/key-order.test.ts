import { expect } from 'chai';
import { compareKeys } from '../../src/ledger/key-order';

function utf8Order(a: string, b: string): number {
  return Buffer.compare(Buffer.from(a, 'utf8'), Buffer.from(b, 'utf8'));
}

describe('S-12 key order is UTF-8 byte order (stateleveldb.go)', () => {
  it('puts U+E000..U+FFFF before astral characters, unlike JavaScript string comparison', () => {
    const bmpPrivateUse = '\uE000';
    const astral = '\u{1F600}';
    expect(bmpPrivateUse < astral).to.equal(false, 'JavaScript compares UTF-16 code units');
    expect(compareKeys(bmpPrivateUse, astral)).to.be.lessThan(0);
  });

  it('orders prefixes first and equal keys as equal', () => {
    expect(compareKeys('a', 'ab')).to.be.lessThan(0);
    expect(compareKeys('ab', 'a')).to.be.greaterThan(0);
    expect(compareKeys('same', 'same')).to.equal(0);
  });

  it('agrees with Buffer.compare of the UTF-8 encodings on a mixed corpus', () => {
    const corpus = [
      '',
      'a',
      'b',
      'Z',
      '\u0000',
      '\u0001',
      '\u007f',
      '\u0080',
      '\u07ff',
      '\u0800',
      '\ud7ff',
      '\ue000',
      '\uffff',
      '\u{10000}',
      '\u{10ffff}',
      'a\u{1F600}',
      'a\uFFFD',
      '\u0000asset\u00001\u0000',
    ];
    for (const a of corpus) {
      for (const b of corpus) {
        expect(Math.sign(compareKeys(a, b))).to.equal(
          Math.sign(utf8Order(a, b)),
          `${JSON.stringify(a)} vs ${JSON.stringify(b)}`,
        );
      }
    }
  });
});
