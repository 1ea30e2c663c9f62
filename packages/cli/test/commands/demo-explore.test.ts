/**
 * `fabric-testkit demo --explore` in a real browser: headless Chromium (Debian's `chromium`, which
 * `scripts/ensure-chromium.sh` installs for `npm test`) driven by playwright-core, checks that the page shows the
 * demo's MVCC conflict with its key, the version read and the transaction that changed it, and saves screenshots
 * to `test-output/explorer/` (kept by CI as artifacts).
 */
import { spawn } from 'node:child_process';
import { mkdir } from 'node:fs/promises';
import * as path from 'node:path';
import { expect } from 'chai';
import { chromium, type Browser, type Page } from 'playwright-core';
import { findChromium, type RunningExplorer, type TransactionView } from '@fabric-testkit/explorer';
import { runDemo } from '../../src/commands/demo';

/** `<repo>/test-output/explorer`: this file runs from `packages/cli/dist/test/commands`. */
const SCREENSHOTS = path.resolve(__dirname, '..', '..', '..', '..', '..', 'test-output', 'explorer');
const PAGE_TIMEOUT_MS = 20_000;

/** The text of each cell of each body row of the table `selector` finds. */
async function cellTexts(page: Page, selector: string): Promise<string[][]> {
  const rows = await page.locator(`${selector} tbody tr`).all();
  return Promise.all(rows.map((row) => row.locator('td').allTextContents()));
}

describe('fabric-testkit demo --explore, in headless Chromium', function () {
  this.timeout(120_000);
  const chromiumPath = findChromium();
  let browser: Browser | undefined;

  before(function () {
    if (chromiumPath !== undefined) return;
    const advice =
      'install it with `apt-get install -y chromium` (bash scripts/ensure-chromium.sh) or set FABRIC_TESTKIT_CHROMIUM';
    // CI installs Chromium first (scripts/test.sh), so there a missing browser is a failure, not a skip.
    if (process.env['CI'] !== undefined && process.env['CI'] !== '') throw new Error(`no Chromium found: ${advice}`);
    console.log(`    (skipped: no Chromium found; ${advice})`);
    this.skip();
  });

  after(async () => {
    await browser?.close();
  });

  it("shows the demo's MVCC conflict with its key, the version read and the transaction that changed it", async () => {
    const lines: string[] = [];
    let checked = false;
    await runDemo((line) => lines.push(line), {
      explore: {
        until: async (explorer: RunningExplorer) => {
          browser = await chromium.launch({
            executablePath: chromiumPath,
            headless: true,
            // CI runs as root, where Chromium's sandbox cannot start.
            args: ['--no-sandbox', '--disable-dev-shm-usage'],
            timeout: PAGE_TIMEOUT_MS,
          });
          const page = await browser.newPage({ viewport: { width: 1400, height: 1000 } });
          page.setDefaultTimeout(PAGE_TIMEOUT_MS);
          await page.goto(explorer.url);
          await page.waitForSelector('body[data-ready="true"]');
          await mkdir(SCREENSHOTS, { recursive: true });

          // What the ledger holds, read through the model the page is served from.
          const blocks = explorer.explorer.blocks('mychannel');
          const transactions = blocks.flatMap((block) => block.transactions);
          const conflicted = transactions.find((tx) => tx.validationCode === 'MVCC_READ_CONFLICT') as TransactionView;
          const winner = transactions.find(
            (tx) => tx.blockNumber === conflicted.blockNumber && tx.txNumber === 0,
          ) as TransactionView;
          const read = conflicted.namespaces
            .find((ns) => ns.namespace === 'basic')
            ?.reads.find((r) => r.key === 'asset1');
          // Independently of the model: the demo's step 3 transfer wrote asset1, in the block it printed.
          const step3Block = Number(
            /committed: block (\d+)/.exec(lines[lines.indexOf('3. alice transfers asset1 to bob') + 1] ?? '')?.[1],
          );
          expect(read?.version).to.deep.equal({ blockNumber: step3Block, txNumber: 0 });

          await page.waitForSelector(`section.block[data-block="${blocks.length - 1}"]`);
          expect(await page.locator('section.block').count()).to.equal(blocks.length);
          await page.screenshot({ path: path.join(SCREENSHOTS, 'demo-blocks.png'), fullPage: true });

          const article = page.locator(`article[data-validation-code="MVCC_READ_CONFLICT"]`);
          expect(await article.count()).to.equal(1);
          expect(await article.getAttribute('data-tx-id')).to.equal(conflicted.txId);
          const reason = (await article.locator('[data-test="reason"]').textContent()) ?? '';
          expect(reason).to.contain(`asset1 was read at version ${step3Block}:0`);
          expect(reason)
            .to.contain(`transaction ${winner.txId.slice(0, 8)}`)
            .and.contain('earlier in the same block');
          const evidence = await cellTexts(
            page,
            'article[data-validation-code="MVCC_READ_CONFLICT"] [data-test="mvcc-evidence"]',
          );
          const row = evidence.find((cells) => cells[1] === 'asset1');
          expect(row, `the evidence table rows: ${JSON.stringify(evidence)}`).to.not.equal(undefined);
          expect(row?.[2]).to.equal(`${step3Block}:0`);
          expect(row?.[3])
            .to.contain(winner.txId.slice(0, 12))
            .and.contain(`block ${winner.blockNumber}, tx 0, same block`);
          expect(row?.[4]).to.equal(`${winner.blockNumber}:0`);
          const readSet = await cellTexts(
            page,
            'article[data-validation-code="MVCC_READ_CONFLICT"] [data-namespace="basic"] [data-test="reads"]',
          );
          expect(readSet).to.deep.include(['asset1', `${step3Block}:0`]);
          await article.scrollIntoViewIfNeeded();
          await article.screenshot({ path: path.join(SCREENSHOTS, 'demo-mvcc-conflict.png') });
          checked = true;
        },
      },
    });
    expect(checked, 'the demo never handed over its explorer').to.equal(true);
    expect(lines.some((line) => /^explorer {2}http:\/\/127\.0\.0\.1:\d+\/ /.test(line))).to.equal(true);
  });
});

describe('fabric-testkit demo --explore (the command)', function () {
  this.timeout(60_000);

  it('prints the URL, serves the page until SIGINT, then stops and exits 0', async () => {
    const bin = path.resolve(__dirname, '..', '..', '..', 'bin', 'fabric-testkit.js');
    const child = spawn(process.execPath, [bin, 'demo', '--explore'], { stdio: ['ignore', 'pipe', 'inherit'] });
    try {
      let output = '';
      const url = await new Promise<string>((resolve, reject) => {
        const timer = setTimeout(
          () => reject(new Error(`no "serves URL until stopped" line within 30 s:\n${output}`)),
          30_000,
        );
        child.stdout.setEncoding('utf8');
        child.stdout.on('data', (chunk: string) => {
          output += chunk;
          const serving = /the explorer serves (http:\/\/127\.0\.0\.1:\d+\/) until stopped/.exec(output);
          if (serving?.[1] === undefined) return;
          clearTimeout(timer);
          resolve(serving[1]);
        });
        child.once('exit', (code) => reject(new Error(`the demo exited (${code}) before serving:\n${output}`)));
      });
      const overview = (await (await fetch(new URL('/api/overview', url))).json()) as {
        channels: { height: number }[];
      };
      expect(overview.channels[0]?.height).to.equal(3);
      const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
      child.kill('SIGINT');
      expect(await exited).to.equal(0);
      await fetch(url).then(
        () => expect.fail('the explorer still answers after the demo stopped'),
        () => undefined,
      );
    } finally {
      if (child.exitCode === null) child.kill('SIGKILL');
    }
  });
});
