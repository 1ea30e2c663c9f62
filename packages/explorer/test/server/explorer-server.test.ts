import { request } from 'node:http';
import { expect } from 'chai';
import {
  LedgerReadError,
  mockLedgerSource,
  startExplorer,
  type BlockView,
  type LedgerSource,
  type OverviewView,
  type RunningExplorer,
} from '../../src';
import { testLedger, type TestLedger } from '../fixtures/ledger';

async function getJson<T>(url: string): Promise<{ status: number; body: T }> {
  const response = await fetch(url);
  return { status: response.status, body: (await response.json()) as T };
}

/** A GET with a chosen Host header (fetch does not let a caller set it). */
function getWithHost(url: string, host: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = request(url, { headers: { host } }, (response) => {
      response.resume();
      resolve(response.statusCode ?? 0);
    });
    req.on('error', reject);
    req.end();
  });
}

/** The first `data:` frame of the event stream, or a rejection naming what did not come within `ms`. */
function nextEvent(url: string, ms: number, trigger: () => Promise<void>): Promise<unknown> {
  return new Promise((resolve, reject) => {
    const req = request(url, (response) => {
      let text = '';
      response.setEncoding('utf8');
      response.on('data', (chunk: string) => {
        text += chunk;
        const data = /^data: (.*)$/m.exec(text);
        if (data?.[1] === undefined) return;
        clearTimeout(timer);
        req.destroy();
        resolve(JSON.parse(data[1]));
      });
      trigger().catch(reject);
    });
    const timer = setTimeout(() => {
      req.destroy();
      reject(new Error(`no block update on ${url} within ${ms} ms`));
    }, ms);
    req.on('error', reject);
    req.end();
  });
}

describe('startExplorer (the page server)', () => {
  let ledger: TestLedger;
  let explorer: RunningExplorer;

  beforeEach(async () => {
    ledger = testLedger();
    await ledger.submit(ledger.alice, 'put', 'k1', 'one');
    explorer = await startExplorer(mockLedgerSource(ledger.fabric));
  });

  afterEach(async () => {
    await explorer.close();
  });

  it('listens on 127.0.0.1 on a free port and serves the page, its script and style', async () => {
    expect(explorer.url).to.match(/^http:\/\/127\.0\.0\.1:\d+\/$/);
    const page = await fetch(explorer.url);
    expect(page.headers.get('content-type')).to.contain('text/html');
    expect(await page.text()).to.contain('<script type="module" src="/app.js">');
    const script = await fetch(new URL('/app.js', explorer.url));
    expect(script.status).to.equal(200);
    expect(await script.text()).to.contain('/api/overview');
    expect((await fetch(new URL('/style.css', explorer.url))).status).to.equal(200);
  });

  it('answers the overview and the blocks of a channel as JSON', async () => {
    const overview = await getJson<OverviewView>(new URL('/api/overview', explorer.url).href);
    expect(overview.body).to.deep.include({ source: 'in-memory network', organizations: ['Org1MSP', 'Org2MSP'] });
    expect(overview.body.channels.map((c) => [c.name, c.height])).to.deep.equal([['mychannel', 1]]);
    const blocks = await getJson<BlockView[]>(new URL('/api/channels/mychannel/blocks?from=0', explorer.url).href);
    expect(blocks.body[0]?.transactions[0]).to.deep.include({ function: 'put', args: ['k1', 'one'] });
  });

  it('answers 404 for an unknown channel, 400 for an unknown organization or a bad block number', async () => {
    const unknown = await getJson<{ error: string }>(new URL('/api/channels/nope/blocks', explorer.url).href);
    expect(unknown.status).to.equal(404);
    expect(unknown.body.error).to.contain('channel "nope" is not on this network');
    expect((await fetch(new URL('/api/overview?org=Org9MSP', explorer.url))).status).to.equal(400);
    expect((await fetch(new URL('/api/channels/mychannel/blocks?from=-1', explorer.url))).status).to.equal(400);
  });

  it('refuses a request whose Host is not this machine (DNS rebinding)', async () => {
    expect(await getWithHost(explorer.url, 'evil.example:80')).to.equal(403);
    expect(await getWithHost(explorer.url, new URL(explorer.url).host)).to.equal(200);
  });

  it('streams a height update when a block is committed', async () => {
    const update = await nextEvent(new URL('/api/events', explorer.url).href, 5000, () =>
      ledger.submit(ledger.bob, 'put', 'k2', 'two'),
    );
    expect(update).to.deep.equal({ channel: 'mychannel', height: 2 });
    expect(explorer.explorer.blocks('mychannel')).to.have.length(2);
  });

  it('reports a failing read on the overview, and recovers when the source answers again', async () => {
    await explorer.close();
    const source = mockLedgerSource(ledger.fabric);
    let failing = false;
    const flaky: LedgerSource = {
      name: source.name,
      organizations: () => source.organizations(),
      channels: () => source.channels(),
      height: (channel) => (failing ? Promise.reject(new Error('peer gone')) : source.height(channel)),
      blocks: (channel, from, to) => source.blocks(channel, from, to),
      chaincodeDefinitions: (channel) => source.chaincodeDefinitions(channel),
    };
    explorer = await startExplorer(flaky);
    failing = true;
    const failure = await explorer.refresh().then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(failure).to.be.instanceOf(LedgerReadError);
    const overview = await getJson<{ problem?: string }>(new URL('/api/overview', explorer.url).href);
    expect(overview.body.problem).to.equal('could not read the ledger of in-memory network: Error: peer gone');
    failing = false;
    await explorer.refresh();
    expect(
      (await getJson<{ problem?: string }>(new URL('/api/overview', explorer.url).href)).body,
    ).to.not.have.property('problem');
  });
});
