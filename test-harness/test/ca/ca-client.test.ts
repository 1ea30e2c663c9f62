import { expect } from 'chai';
import { X509Certificate, createPublicKey } from 'node:crypto';
import { CaClient } from '../../src/ca/ca-client';
import type { Enrollment } from '../../src/ca/types';
import { generateEcKeyPair } from '../../src/crypto/ecdsa';
import { CaError, isFabricTestkitError } from '../../src/errors';
import { startTestCaServer, type TestCaServer } from '../support/ca-server';

function attributesOf(certificatePem: string): Record<string, string> {
  const cert = new X509Certificate(certificatePem);
  const der = cert.raw.toString('latin1');
  const start = der.indexOf('{"attrs":');
  if (start < 0) {
    return {};
  }
  const json: unknown = JSON.parse(der.slice(start, der.indexOf('}}', start) + 2));
  if (typeof json === 'object' && json !== null && 'attrs' in json && typeof json.attrs === 'object') {
    return Object.fromEntries(Object.entries(json.attrs ?? {}).map(([k, v]) => [k, String(v)]));
  }
  return {};
}

function expectCaError(error: unknown, code: number): CaError {
  expect(error).to.be.instanceOf(CaError);
  expect(isFabricTestkitError(error)).to.equal(true);
  if (!(error instanceof CaError)) {
    throw new Error('unreachable');
  }
  expect(error.code, error.message).to.equal(code);
  return error;
}

async function rejection(promise: Promise<unknown>): Promise<unknown> {
  try {
    await promise;
  } catch (e) {
    return e;
  }
  throw new Error('expected a rejection');
}

describe('CaClient against a real fabric-ca-server (TLS on)', function () {
  this.timeout(60_000);
  let server: TestCaServer | undefined;
  let ca: CaClient;
  let admin: Enrollment;

  before(async function () {
    server = await startTestCaServer();
    if (!server) {
      console.log('    skipped: set FABRIC_TESTKIT_CA_BIN, or build the Fabric images (CA, orderer, peer)');
      this.skip();
    }
    ca = new CaClient({ url: server.url, tlsCaCertificates: server.tlsCaCertificates });
    admin = await ca.enroll({ enrollmentId: 'admin', secret: 'adminpw' });
  });

  after(async () => {
    ca?.close();
    await server?.stop();
  });

  it('reads cainfo: version and a CA chain that verifies the admin certificate', async () => {
    const info = await ca.getCaInfo();
    expect(info.version).to.match(/^1\.5\./);
    const root = new X509Certificate(info.caChain);
    expect(new X509Certificate(admin.certificate).verify(root.publicKey)).to.equal(true);
  });

  it('enrolls: the certificate names the enrollment ID and holds the generated public key', () => {
    const cert = new X509Certificate(admin.certificate);
    expect(cert.subject).to.include('CN=admin');
    const certKey = cert.publicKey.export({ type: 'spki', format: 'der' });
    const ownKey = createPublicKey(admin.privateKey).export({ type: 'spki', format: 'der' });
    expect(certKey.equals(ownKey)).to.equal(true);
    expect(admin.caChain).to.include('BEGIN CERTIFICATE');
  });

  it('rejects a wrong secret with Fabric CA error 20 (authentication failure)', async () => {
    const error = expectCaError(await rejection(ca.enroll({ enrollmentId: 'admin', secret: 'nope' })), 20);
    expect(error.status).to.equal(401);
    expect(error.endpoint).to.equal('enroll');
    expect(error.message).to.include('Error Code: 20');
  });

  it('registers with type, affiliation and attributes, and enrolls with them in the certificate', async () => {
    const secret = await ca.register(admin, {
      enrollmentId: 'alice',
      type: 'client',
      affiliation: 'org1.department1',
      attributes: [
        { name: 'role', value: 'auditor', ecert: true },
        { name: 'level', value: '3' },
      ],
    });
    expect(secret).to.be.a('string').and.not.equal('');
    const byDefault = await ca.enroll({ enrollmentId: 'alice', secret });
    expect(attributesOf(byDefault.certificate)).to.include({ role: 'auditor' });
    expect(attributesOf(byDefault.certificate)).to.not.have.property('level');
    const requested = await ca.enroll({ enrollmentId: 'alice', secret, attributes: [{ name: 'level' }] });
    expect(attributesOf(requested.certificate)).to.deep.equal({ level: '3' });
    const subject = new X509Certificate(requested.certificate).subject;
    expect(subject).to.include('OU=client');
  });

  it('uses the secret given at registration', async () => {
    const secret = await ca.register(admin, { enrollmentId: 'bob', secret: 'bobpw', type: 'user' });
    expect(secret).to.equal('bobpw');
    const bob = await ca.enroll({ enrollmentId: 'bob', secret: 'bobpw' });
    expect(new X509Certificate(bob.certificate).subject).to.include('CN=bob');
  });

  it('rejects a duplicate registration with error 74', async () => {
    await ca.register(admin, { enrollmentId: 'carol', secret: 'c' });
    expectCaError(await rejection(ca.register(admin, { enrollmentId: 'carol', secret: 'c' })), 74);
  });

  it('rejects a missing required attribute at enrollment', async () => {
    await ca.register(admin, { enrollmentId: 'dave', secret: 'd' });
    const error = await rejection(ca.enroll({ enrollmentId: 'dave', secret: 'd', attributes: [{ name: 'absent' }] }));
    expect(error).to.be.instanceOf(CaError);
    const optional = await ca.enroll({
      enrollmentId: 'dave',
      secret: 'd',
      attributes: [{ name: 'absent', optional: true }],
    });
    expect(attributesOf(optional.certificate)).to.deep.equal({});
  });

  it('rejects a token signed by a key that does not match the certificate (authentication failure, 20)', async () => {
    const forged: Enrollment = { ...admin, privateKey: generateEcKeyPair().privateKey };
    const error = expectCaError(await rejection(ca.register(forged, { enrollmentId: 'eve' })), 20);
    expect(error.status).to.equal(401);
  });

  it('reenrolls: same enrollment ID, new key', async () => {
    const again = await ca.reenroll(admin);
    const before = new X509Certificate(admin.certificate);
    const after = new X509Certificate(again.certificate);
    expect(after.subject).to.equal(before.subject);
    expect(after.serialNumber).to.not.equal(before.serialNumber);
    expect(after.publicKey.export({ type: 'spki', format: 'der' })).to.not.deep.equal(
      before.publicKey.export({ type: 'spki', format: 'der' }),
    );
  });

  it('enrolls with the tls profile and host names in the subject alternative name', async () => {
    await ca.register(admin, { enrollmentId: 'peer0', secret: 'p', type: 'peer' });
    const tls = await ca.enroll({
      enrollmentId: 'peer0',
      secret: 'p',
      profile: 'tls',
      hosts: ['peer0.org1.example.com', 'localhost', '127.0.0.1'],
    });
    const cert = new X509Certificate(tls.certificate);
    expect(cert.subjectAltName).to.include('DNS:peer0.org1.example.com');
    expect(cert.subjectAltName).to.include('IP Address:127.0.0.1');
  });

  it('addresses a named CA: an unknown name is error 19', async () => {
    const named = new CaClient({
      url: server?.url ?? '',
      tlsCaCertificates: server?.tlsCaCertificates ?? '',
      caName: 'nope',
    });
    try {
      expectCaError(await rejection(named.getCaInfo()), 19);
    } finally {
      named.close();
    }
  });

  it('enrolls 16 identities in parallel', async () => {
    const ids = Array.from({ length: 16 }, (_, i) => `parallel${i}`);
    await Promise.all(ids.map((id) => ca.register(admin, { enrollmentId: id, secret: 'pw' })));
    const started = process.hrtime.bigint();
    const enrollments = await Promise.all(ids.map((id) => ca.enroll({ enrollmentId: id, secret: 'pw' })));
    const ms = Number(process.hrtime.bigint() - started) / 1e6;
    console.log(`      16 parallel enrollments: ${ms.toFixed(0)} ms`);
    expect(enrollments.map((e) => new X509Certificate(e.certificate).subject.match(/CN=(\w+)/)?.[1])).to.deep.equal(
      ids,
    );
  });
});
