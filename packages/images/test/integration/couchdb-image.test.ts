/**
 * Makes sure couchdb:3.4.3 exists (built from FABRIC_TESTKIT_COUCHDB_SOURCE where it cannot be pulled) and checks it
 * behaves like the official image: COUCHDB_USER/COUCHDB_PASSWORD make an admin, `GET /_up` answers, `GET /` reports
 * 3.4.3, and a request without credentials is refused. Skipped without a Docker engine, and when the image is
 * neither present nor buildable (FABRIC_TESTKIT_COUCHDB_SOURCE unset).
 */
import { expect } from 'chai';
import { randomBytes } from 'node:crypto';
import { ensureCouchDbImage } from '../../src/couchdb';
import { DockerCli } from '../../src/internal/docker-cli';
import { outputTail, runCommand } from '../../src/internal/run';
import { COUCHDB_IMAGE, COUCHDB_SOURCE_ENV, COUCHDB_TAG } from '../../src/versions';

const WAIT_MS = 60_000;
const ADMIN = { user: 'admin', password: `pw-${randomBytes(4).toString('hex')}` };

/** Reads one string property of a JSON object without casting. */
function stringField(json: string, key: string): string | undefined {
  const parsed: unknown = JSON.parse(json);
  if (parsed === null || typeof parsed !== 'object') return undefined;
  const value: unknown = Object.entries(parsed).find(([k]) => k === key)?.[1];
  return typeof value === 'string' ? value : undefined;
}

describe(`${COUCHDB_IMAGE} behaves like the official image (integration, a real container)`, function () {
  this.timeout(900_000); // a cold build compiles CouchDB: minutes
  const container = `fabric-testkit-couchdb-test-${randomBytes(4).toString('hex')}`;
  let base = '';

  before(async function () {
    const engine = new DockerCli();
    const up = await engine.ping().then(
      () => true,
      () => false,
    );
    const source = process.env[COUCHDB_SOURCE_ENV];
    const buildable = source !== undefined && source.trim() !== '';
    if (!up || (!buildable && !(await engine.hasImage(COUCHDB_IMAGE)))) this.skip();
    await ensureCouchDbImage({ pullTimeoutMs: 20_000 });
    const run = await runCommand('docker', [
      'run',
      '--detach',
      '--name',
      container,
      '--env',
      `COUCHDB_USER=${ADMIN.user}`,
      '--env',
      `COUCHDB_PASSWORD=${ADMIN.password}`,
      '--publish',
      '127.0.0.1::5984',
      COUCHDB_IMAGE,
    ]);
    if (run.code !== 0) throw new Error(`docker run ${COUCHDB_IMAGE} failed:\n${outputTail(run)}`);
    const port = await runCommand('docker', ['port', container, '5984/tcp']);
    base = `http://127.0.0.1:${port.stdout.split('\n')[0]?.trim().split(':').pop() ?? ''}`;
    await waitForUp();
  });

  after(async () => {
    await runCommand('docker', ['rm', '--force', '--volumes', container]);
  });

  /** Polls `GET /_up` (CouchDB's readiness endpoint) until it answers 200. */
  async function waitForUp(): Promise<void> {
    const deadline = Date.now() + WAIT_MS;
    let last = 'no answer';
    while (Date.now() < deadline) {
      try {
        const response = await fetch(`${base}/_up`, { signal: AbortSignal.timeout(2000) });
        if (response.status === 200) return;
        last = `${response.status} ${await response.text()}`;
      } catch (error) {
        last = error instanceof Error ? error.message : String(error);
      }
      await new Promise((resolve) => setTimeout(resolve, 500));
    }
    const logs = await runCommand('docker', ['logs', '--tail', '20', container]);
    throw new Error(
      `${container} did not answer 200 on /_up within ${WAIT_MS / 1000} s (last: ${last}):\n${outputTail(logs, 20)}`,
    );
  }

  function authorization(): Record<string, string> {
    return { authorization: `Basic ${Buffer.from(`${ADMIN.user}:${ADMIN.password}`).toString('base64')}` };
  }

  it(`reports version ${COUCHDB_TAG} on GET /`, async () => {
    const response = await fetch(`${base}/`);
    expect(response.status).to.equal(200);
    const body = await response.text();
    expect(stringField(body, 'couchdb')).to.equal('Welcome');
    expect(stringField(body, 'version')).to.equal(COUCHDB_TAG);
  });

  it('refuses a request without credentials and serves the admin from COUCHDB_USER / COUCHDB_PASSWORD', async () => {
    const anonymous = await fetch(`${base}/_all_dbs`);
    expect(anonymous.status).to.equal(401);
    const admin = await fetch(`${base}/_all_dbs`, { headers: authorization() });
    expect(admin.status).to.equal(200);
    expect(JSON.parse(await admin.text())).to.be.an('array');
  });

  it('creates a database, stores a document and finds it with a Mango query', async () => {
    const headers = { ...authorization(), 'content-type': 'application/json' };
    expect((await fetch(`${base}/assets`, { method: 'PUT', headers })).status).to.equal(201);
    const doc = { _id: 'asset1', color: 'blue', size: 5 };
    expect(
      (await fetch(`${base}/assets/asset1`, { method: 'PUT', headers, body: JSON.stringify(doc) })).status,
    ).to.equal(201);
    const find = await fetch(`${base}/assets/_find`, {
      method: 'POST',
      headers,
      body: JSON.stringify({ selector: { color: 'blue' }, fields: ['_id', 'size'] }),
    });
    expect(find.status).to.equal(200);
    expect(await find.text()).to.contain('"_id":"asset1","size":5');
  });
});
