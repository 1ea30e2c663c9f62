import { expect } from 'chai';
import { Command } from 'commander';
import { missingDrillImages, type DrillReport } from '@fabric-testkit/drills';
import { defaultDrillDeps, registerDrillCommand } from '../../src/commands/drill';

function report(passed: boolean): DrillReport {
  return {
    drill: 'upgrade',
    passed,
    startedAt: '2026-01-02T03:04:05.000Z',
    totalMs: 1500,
    steps: [
      { name: 'install v2', ms: 500, passed: true, evidence: { packageId: 'asset-upgrade_v2:ab' } },
      ...(passed ? [] : [{ name: 'v2 answers', ms: 30, passed: false, evidence: {}, error: 'got v1' }]),
    ],
    figures: { upgradeSeconds: 0.7 },
    metrics: [],
  };
}

async function run(argv: readonly string[], result: DrillReport): Promise<{ out: string[]; ran: string[] }> {
  const out: string[] = [];
  const ran: string[] = [];
  const program = new Command().exitOverride();
  registerDrillCommand(program, {
    run: (name) => {
      ran.push(name);
      return Promise.resolve(result);
    },
    write: (text) => out.push(text),
  });
  await program.parseAsync(['node', 'x', 'drill', ...argv]);
  return { out, ran };
}

describe('fabric-testkit drill', () => {
  it('prints the report as a table', async () => {
    const { out, ran } = await run(['upgrade'], report(true));
    expect(ran).to.deep.equal(['upgrade']);
    expect(out).to.have.length(1);
    expect(out[0]).to.match(/^drill upgrade: PASSED in 1\.5 s/);
    expect(out[0]).to.include('  upgradeSeconds: 0.7');
    expect(out[0]).to.include('install v2  500  pass    packageId=asset-upgrade_v2:ab');
  });

  it('prints one JSON object with upgradeSeconds at the top level with --json', async () => {
    const { out } = await run(['upgrade', '--json'], report(true));
    const json: unknown = JSON.parse(out[0] ?? '');
    expect(json).to.deep.include({ upgradeSeconds: 0.7, drill: 'upgrade', passed: true, totalMs: 1500 });
  });

  it('prints the report, then fails naming the failed step', async () => {
    let error: unknown;
    const out: string[] = [];
    const program = new Command().exitOverride();
    registerDrillCommand(program, { run: () => Promise.resolve(report(false)), write: (t) => out.push(t) });
    try {
      await program.parseAsync(['node', 'x', 'drill', 'upgrade']);
    } catch (e) {
      error = e;
    }
    expect(out[0]).to.include('FAILED');
    expect(error).to.be.instanceOf(Error).with.property('message', 'drill upgrade failed at "v2 answers": got v1');
  });

  it('lists the drills in its help', () => {
    const program = new Command();
    registerDrillCommand(program);
    const help = program.commands.find((c) => c.name() === 'drill')?.helpInformation() ?? '';
    expect(help).to.include('the drill: upgrade, rolling-upgrade, rollback,');
    expect(help).to.include('partition');
  });
});

describe('fabric-testkit drill upgrade --json (containers)', function () {
  this.timeout(600_000);

  before(async function () {
    const missing = await missingDrillImages().catch((e: unknown) => [`(docker: ${String(e)})`]);
    if (missing.length > 0) {
      console.log(`    skipped: images missing: ${missing.join(', ')}`);
      this.skip();
    }
  });

  it('runs the upgrade drill on a real network and prints upgradeSeconds', async () => {
    const out: string[] = [];
    const program = new Command().exitOverride();
    registerDrillCommand(program, { ...defaultDrillDeps, write: (text) => out.push(text) });
    await program.parseAsync(['node', 'x', 'drill', 'upgrade', '--json']);
    const json: unknown = JSON.parse(out[0] ?? '');
    console.log(
      `      upgradeSeconds: ${JSON.stringify(json && typeof json === 'object' ? Reflect.get(json, 'upgradeSeconds') : null)}`,
    );
    expect(json).to.have.property('passed', true);
    expect(json).to.have.property('upgradeSeconds').that.is.a('number').greaterThan(0);
    expect(json).to.have.property('steps').with.length(13);
  });
});
