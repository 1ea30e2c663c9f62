import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { expect } from 'chai';
import { Command } from 'commander';
import * as sinon from 'sinon';
import {
  createTarget,
  MockTarget,
  ScenarioFailedError,
  ScenarioFileError,
  type Target,
} from '@fabric-testkit/scenarios';
import { registerScenarioCommand, runScenarioCommand, scenarioFiles } from '../../src/commands/scenario';
import { main } from '../../src/main';

const passing = `
name: passing
rules: [S-01]
network:
  chaincodes: [{ name: probe, sample: probe }]
steps:
  - submit:
      chaincode: probe
      ops: [{ op: putState, key: k1, value: v1 }, { op: getState, key: k1 }]
    expect:
      payload: [{ op: putState, result: null }, { op: getState, result: '' }]
`;

const failing = `
name: failing
network:
  chaincodes: [{ name: probe, sample: probe }]
steps:
  - evaluate: { chaincode: probe, ops: [{ op: getState, key: k1 }] }
    expect: { payload: [{ op: getState, result: something }] }
`;

describe('fabric-testkit scenario run', () => {
  let dir: string;
  let lines: string[];
  const sandbox = sinon.createSandbox();
  const deps = (make: (name: string) => Target = createTarget) => ({
    write: (line: string) => lines.push(line),
    createTarget: make,
  });

  before(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'scenario-cli-'));
    await writeFile(path.join(dir, 'a-passing.yaml'), passing);
    await writeFile(path.join(dir, 'b-failing.yml'), failing);
    await writeFile(path.join(dir, 'notes.txt'), 'not a scenario');
  });

  after(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  beforeEach(() => {
    lines = [];
  });

  afterEach(() => sandbox.restore());

  it('runs a scenario on the mock and prints each step, its result and the read/write set', async () => {
    const result = await runScenarioCommand([path.join(dir, 'a-passing.yaml')], { target: 'mock' }, deps());
    expect(result).to.deep.equal({ passed: ['passing'], failed: [], skipped: [] });
    expect(lines[0]).to.match(/^scenario passing \[S-01\] on mock \(.*a-passing\.yaml\)$/);
    expect(lines).to.include('  1. submit probe Exec as user1@Org1MSP');
    expect(lines).to.include(
      '       → status 200, payload [{"op":"putState","result":null},{"op":"getState","result":""}]',
    );
    expect(lines).to.include('       VALID in block 0');
    expect(lines).to.include('       rwset probe: read "k1"@none; write "k1"="v1"');
    expect(lines.at(-1)).to.equal('1 scenario: 1 passed, 0 failed');
  });

  it('runs every scenario of a directory and rejects naming the failed ones', async () => {
    const error = await runScenarioCommand([dir], { target: 'mock' }, deps()).then(
      () => undefined,
      (caught: unknown) => caught,
    );
    expect(error).to.be.instanceOf(ScenarioFailedError);
    expect((error as ScenarioFailedError).message).to.equal('1 of 2 scenarios failed: failing');
    expect(lines).to.include(
      '       ✗ payload: expected [{"op":"getState","result":"something"}], got [{"op":"getState","result":""}]',
    );
    expect(lines.at(-1)).to.equal('2 scenarios: 1 passed, 1 failed');
  });

  it('with --target both, runs on both targets and prints the comparison', async () => {
    const make = (name: string): Target => new MockTarget({ name });
    await runScenarioCommand([path.join(dir, 'a-passing.yaml')], { target: 'both' }, deps(make));
    expect(lines).to.include('passing: mock and network agree');
    expect(lines.filter((line) => line.startsWith('scenario passing'))).to.have.length(2);
  });

  it('with a list of targets, compares every target after the first with the first (mock-wire: over the wire)', async () => {
    await runScenarioCommand([path.join(dir, 'a-passing.yaml')], { target: 'mock,mock-wire' }, deps());
    expect(lines).to.include('passing: mock and mock-wire agree');
    expect(
      lines.filter((line) => line.startsWith('scenario passing') && line.includes(' on mock-wire')),
    ).to.have.length(1);
  });

  it('reports a scenario one target cannot run as skipped, with the reason, and does not compare it', async () => {
    const make = (name: string): Target =>
      name === 'network'
        ? Object.assign(new MockTarget({ name }), { unsupported: () => 'no CouchDB here' })
        : new MockTarget({ name });
    const result = await runScenarioCommand([path.join(dir, 'a-passing.yaml')], { target: 'both' }, deps(make));
    expect(result).to.deep.equal({ passed: [], failed: [], skipped: ['passing'] });
    expect(lines).to.include('  SKIPPED: no CouchDB here');
    expect(lines.some((line) => line.includes('agree'))).to.equal(false);
    expect(lines.at(-1)).to.equal('1 scenario: 0 passed, 0 failed, 1 skipped');
  });

  it('with --quiet, prints one line per passing scenario and every step of a failing one', async () => {
    const error = await runScenarioCommand([dir], { target: 'mock', quiet: true }, deps()).catch((e: unknown) => e);
    expect(error).to.be.instanceOf(ScenarioFailedError);
    expect(lines[0]).to.equal('PASS passing on mock');
    expect(lines.filter((line) => line.startsWith('scenario '))).to.deep.equal([
      lines.find((line) => line.startsWith('scenario failing on mock')),
    ]);
    expect(lines).to.include(
      '       ✗ payload: expected [{"op":"getState","result":"something"}], got [{"op":"getState","result":""}]',
    );
    expect(lines.at(-1)).to.equal('2 scenarios: 1 passed, 1 failed');
  });

  it('with --quiet, says why a scenario was skipped', async () => {
    const make = (name: string): Target =>
      name === 'network'
        ? Object.assign(new MockTarget({ name }), { unsupported: () => 'no CouchDB here' })
        : new MockTarget({ name });
    await runScenarioCommand([path.join(dir, 'a-passing.yaml')], { target: 'both', quiet: true }, deps(make));
    expect(lines).to.deep.equal([
      'SKIP passing on mock and network (no CouchDB here)',
      '1 scenario: 0 passed, 0 failed, 1 skipped',
    ]);
  });

  it('refuses an unknown target, an empty directory and a bad file', async () => {
    const unknown = await runScenarioCommand([dir], { target: 'cloud' }, deps()).catch((e: unknown) => e);
    expect((unknown as Error).message).to.equal(
      '--target must be mock, mock-wire, network, both, or a comma-separated list of them, not "cloud"',
    );
    const empty = await mkdtemp(path.join(tmpdir(), 'scenario-empty-'));
    try {
      const none = await runScenarioCommand([empty], { target: 'mock' }, deps()).catch((e: unknown) => e);
      expect((none as Error).message).to.equal(`no scenario files (.yaml, .yml, .json) in ${empty}`);
    } finally {
      await rm(empty, { recursive: true, force: true });
    }
    const bad = await runScenarioCommand([path.join(dir, 'notes.txt')], { target: 'mock' }, deps()).catch(
      (e: unknown) => e,
    );
    expect(bad).to.be.instanceOf(ScenarioFileError);
  });

  it('lists a directory by name and keeps files as given', async () => {
    expect(await scenarioFiles([dir, 'x.yaml'])).to.deep.equal([
      path.join(dir, 'a-passing.yaml'),
      path.join(dir, 'b-failing.yml'),
      'x.yaml',
    ]);
  });

  it('is registered as `scenario run`, and main exits 1 with the message when a scenario fails', async () => {
    const program = new Command().exitOverride();
    registerScenarioCommand(program, deps());
    await program.parseAsync(['node', 'fabric-testkit', 'scenario', 'run', path.join(dir, 'a-passing.yaml')]);
    expect(lines.at(-1)).to.equal('1 scenario: 1 passed, 0 failed');
    const stdout = sandbox.stub(process.stdout, 'write').returns(true);
    const stderr = sandbox.stub(process.stderr, 'write').returns(true);
    const code = await main(['node', 'fabric-testkit', 'scenario', 'run', path.join(dir, 'b-failing.yml')]);
    sandbox.restore();
    expect(code).to.equal(1);
    expect(stdout.args.map(([text]) => String(text)).join('')).to.contain('✗ payload');
    expect(stderr.args.map(([text]) => String(text)).join('')).to.equal(
      'fabric-testkit: 1 of 1 scenarios failed: failing\n',
    );
  });
});
