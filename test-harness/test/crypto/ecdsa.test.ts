import { expect } from 'chai';
import { verify } from 'node:crypto';
import {
  decodeDerSignature,
  encodeDerSignature,
  generateEcKeyPair,
  isLowS,
  keyPairFromPem,
  privateKeyToPem,
  signLowS,
} from '../../src/crypto/ecdsa';
import { createAuthToken } from '../../src/ca/token';

describe('ECDSA signing', () => {
  it('always produces low-S DER signatures that verify', () => {
    const keys = generateEcKeyPair();
    for (let i = 0; i < 64; i++) {
      const data = Buffer.from(`message ${i}`);
      const signature = signLowS(keys.privateKey, data);
      expect(isLowS(signature)).to.equal(true);
      expect(verify('sha256', data, keys.publicKey, signature)).to.equal(true);
    }
  });

  it('round-trips r and s through DER, including values with the high bit set', () => {
    const r = BigInt('0x80' + '11'.repeat(31));
    const s = 5n;
    const der = encodeDerSignature(r, s);
    expect(der[3]).to.equal(33);
    expect(decodeDerSignature(der)).to.deep.equal({ r, s });
    expect(() => decodeDerSignature(Buffer.from([0x31, 0]))).to.throw('not a DER ECDSA signature');
  });

  it('reads back a PKCS#8 PEM key', () => {
    const keys = generateEcKeyPair();
    const pem = privateKeyToPem(keys.privateKey);
    expect(pem).to.include('BEGIN PRIVATE KEY');
    const again = keyPairFromPem(pem);
    const data = Buffer.from('x');
    expect(verify('sha256', data, keys.publicKey, signLowS(again.privateKey, data))).to.equal(true);
  });
});

describe('Fabric CA auth token', () => {
  it('is base64(cert).base64(sig) with the signature over method.b64(uri).b64(body).b64(cert)', () => {
    const keys = generateEcKeyPair();
    const cert = '-----BEGIN CERTIFICATE-----\nabc\n-----END CERTIFICATE-----\n';
    const body = Buffer.from('{"id":"x"}');
    const token = createAuthToken(cert, keys.privateKey, 'POST', '/api/v1/register', body);
    const [b64cert, b64sig] = token.split('.');
    expect(Buffer.from(b64cert ?? '', 'base64').toString()).to.equal(cert);
    const payload = `POST.${Buffer.from('/api/v1/register').toString('base64')}.${body.toString('base64')}.${b64cert}`;
    const signature = Buffer.from(b64sig ?? '', 'base64');
    expect(verify('sha256', Buffer.from(payload), keys.publicKey, signature)).to.equal(true);
    expect(verify('sha256', Buffer.from(payload + 'x'), keys.publicKey, signature)).to.equal(false);
  });
});
