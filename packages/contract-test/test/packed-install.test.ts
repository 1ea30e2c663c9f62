/*
 * The root README's "Use it in your own project", run as written on a fresh project: the packages are packed with
 * `npm pack` (what a registry would serve), the README's commands and files are followed in a temporary directory,
 * and the project's own `npm test` must pass both of its tests. A README step that stops working fails here.
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { expect } from 'chai';

const repoRoot = path.resolve(__dirname, '../../../..');
const SECTION = '## Use it in your own project';
/** npm installs from the registry (its cache first); a cold cache on a slow runner takes a few minutes. */
const STEP_TIMEOUT_MS = 8 * 60_000;

interface ReadmeStep {
  readonly kind: 'command' | 'file';
  /** The command line, or the file's path in the project. */
  readonly target: string;
  readonly text: string;
}

/** The section's fenced blocks in order: ```sh blocks are commands (one per line), ```LANG PATH blocks are files. */
function readmeSteps(readme: string): ReadmeStep[] {
  const start = readme.indexOf(SECTION);
  if (start < 0) throw new Error(`README.md has no "${SECTION}" section`);
  const end = readme.indexOf('\n## ', start + SECTION.length);
  const section = readme.slice(start, end < 0 ? undefined : end);
  const steps: ReadmeStep[] = [];
  for (const match of section.matchAll(/^```(\w+)(?: (\S+))?\n([\s\S]*?)^```$/gm)) {
    const [, language, file, body = ''] = match;
    if (file !== undefined) steps.push({ kind: 'file', target: file, text: body });
    else if (language === 'sh') {
      for (const line of body.split('\n').filter((l) => l.trim() !== '')) {
        steps.push({ kind: 'command', target: line, text: line });
      }
    }
  }
  return steps;
}

/** The environment of a user's shell: nothing of the npm run, nyc or mocha this test runs under. */
function userEnvironment(): NodeJS.ProcessEnv {
  const inherited = Object.entries(process.env).filter(
    ([name]) => !/^(npm_|NYC_|SPAWN_WRAP|NODE_OPTIONS$|INIT_CWD$)/i.test(name),
  );
  return { ...Object.fromEntries(inherited), npm_config_prefer_offline: 'true' };
}

function run(command: string, cwd: string): string {
  const result = spawnSync('sh', ['-c', command], {
    cwd,
    env: userEnvironment(),
    encoding: 'utf8',
    timeout: STEP_TIMEOUT_MS,
  });
  const output = `${result.stdout}${result.stderr}`;
  if (result.error !== undefined || result.status !== 0) {
    const why = result.error?.message ?? `exit status ${String(result.status)}`;
    throw new Error(`README step failed (${why}) in ${cwd}:\n$ ${command}\n${output.slice(-4000)}`);
  }
  return output;
}

describe('README "Use it in your own project" on a fresh project, with npm pack tarballs', function () {
  this.timeout(4 * STEP_TIMEOUT_MS);
  let work: string;

  before(() => {
    work = mkdtempSync(path.join(tmpdir(), 'fabric-testkit-packed-'));
  });

  after(() => {
    if (work !== undefined) rmSync(work, { recursive: true, force: true });
  });

  it('finds the README steps: install commands, tsconfig, mocha setup, a contract and its test', () => {
    const steps = readmeSteps(readFileSync(path.join(repoRoot, 'README.md'), 'utf8'));
    expect(steps.filter((s) => s.kind === 'file').map((s) => s.target)).to.deep.equal([
      'tsconfig.json',
      '.mocharc.json',
      'src/asset-contract.ts',
      'test/asset-contract.test.ts',
    ]);
    expect(steps.filter((s) => s.kind === 'command').at(-1)?.target).to.equal('npm test');
  });

  it('installs the packed packages and the sample test passes', () => {
    const packs = path.join(work, 'packs');
    mkdirSync(packs);
    run(
      `npm pack --silent --workspace @fabric-testkit/fabric-core --workspace @fabric-testkit/mock-stub --workspace @fabric-testkit/contract-test --pack-destination ${packs}`,
      repoRoot,
    );
    const tarballs = readdirSync(packs)
      .filter((name) => name.endsWith('.tgz'))
      .map((name) => path.join(packs, name));
    expect(tarballs).to.have.length(3);

    const project = path.join(work, 'my-chaincode');
    mkdirSync(project);
    let output = '';
    for (const step of readmeSteps(readFileSync(path.join(repoRoot, 'README.md'), 'utf8'))) {
      if (step.kind === 'file') {
        mkdirSync(path.dirname(path.join(project, step.target)), { recursive: true });
        writeFileSync(path.join(project, step.target), step.text);
      } else {
        // Not yet on the registry: the README's package name becomes this build's tarballs.
        output = run(step.target.replace(/@fabric-testkit\/contract-test(?=\s)/, tarballs.join(' ')), project);
      }
    }
    expect(output).to.match(/2 passing/);
    expect(output).not.to.match(/failing/);
  });
});
