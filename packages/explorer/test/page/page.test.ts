/**
 * The explorer page in headless Chromium (Debian's `chromium`, installed for `npm test` by
 * scripts/ensure-chromium.sh; driven by playwright-core): blocks appear as they are committed, and private data
 * shows as hashes until the viewer picks a member organization of the collection. Screenshots go to
 * `test-output/explorer/`.
 */
import { mkdir } from 'node:fs/promises';
import * as path from 'node:path';
import { expect } from 'chai';
import { chromium, type Browser, type Page } from 'playwright-core';
import { findChromium, mockLedgerSource, startExplorer, type RunningExplorer } from '../../src';
import { testLedger, type TestLedger } from '../fixtures/ledger';

/** `<repo>/test-output/explorer`: this file runs from `packages/explorer/dist/test/page`. */
const SCREENSHOTS = path.resolve(__dirname, '..', '..', '..', '..', '..', 'test-output', 'explorer');
const PAGE_TIMEOUT_MS = 20_000;

describe('the explorer page, in headless Chromium', function () {
  this.timeout(60_000);
  const chromiumPath = findChromium();
  let browser: Browser | undefined;
  let ledger: TestLedger;
  let explorer: RunningExplorer | undefined;
  let page: Page;

  before(async function () {
    if (chromiumPath === undefined) {
      const advice =
        'install it with `apt-get install -y chromium` (bash scripts/ensure-chromium.sh) or set FABRIC_TESTKIT_CHROMIUM';
      // CI installs Chromium first (scripts/test.sh), so there a missing browser is a failure, not a skip.
      if (process.env['CI'] !== undefined && process.env['CI'] !== '') throw new Error(`no Chromium found: ${advice}`);
      console.log(`    (skipped: no Chromium found; ${advice})`);
      this.skip();
    }
    // CI runs as root, where Chromium's sandbox cannot start.
    browser = await chromium.launch({
      executablePath: chromiumPath,
      args: ['--no-sandbox', '--disable-dev-shm-usage'],
    });
    await mkdir(SCREENSHOTS, { recursive: true });
  });

  after(async () => {
    await browser?.close();
  });

  beforeEach(async () => {
    ledger = testLedger();
    await ledger.submit(ledger.alice, 'put', 'k1', 'one');
    explorer = await startExplorer(mockLedgerSource(ledger.fabric));
    page = await (browser as Browser).newPage({ viewport: { width: 1300, height: 900 } });
    page.setDefaultTimeout(PAGE_TIMEOUT_MS);
    await page.goto(explorer.url);
    await page.waitForSelector('body[data-ready="true"]');
  });

  afterEach(async () => {
    await page.close();
    await explorer?.close();
  });

  it('adds a block as it is committed, without a reload', async () => {
    expect(await page.locator('section.block').count()).to.equal(1);
    await ledger.submit(ledger.bob, 'put', 'k2', 'two');
    await page.waitForSelector('section.block[data-block="1"]');
    const call = await page.locator('section.block[data-block="1"] .call').textContent();
    expect(call).to.equal('kv.put("k2", "two")');
    expect(await page.locator('#live').textContent()).to.equal('live');
  });

  it('shows private data as hashes, and the key and value once a member organization is chosen', async () => {
    const transient = { value: 'the-private-value' };
    await ledger.channel.submit({
      chaincode: 'kv',
      fcn: 'putPrivate',
      args: ['p1'],
      transient,
      identity: ledger.alice,
    });
    const collection = page.locator('section.block[data-block="1"] [data-collection="org1only"]');
    await collection.waitFor();
    expect(await collection.textContent()).to.not.contain('the-private-value');
    expect(await collection.locator('.hash').count()).to.be.greaterThan(0);
    await page.selectOption('#viewer', 'Org1MSP');
    await page.waitForSelector('section.block[data-block="1"] [data-collection="org1only"] >> text=the-private-value');
    await page.screenshot({ path: path.join(SCREENSHOTS, 'private-data-as-org1.png'), fullPage: true });
    await page.selectOption('#viewer', 'Org2MSP');
    // Org2MSP is not a member of org1only: the value goes away again.
    await page.locator('text=the-private-value').waitFor({ state: 'detached' });
    expect(await page.locator('#blocks').textContent()).to.not.contain('the-private-value');
  });
});
