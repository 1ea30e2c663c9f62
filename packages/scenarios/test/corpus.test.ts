import { readdirSync } from 'node:fs';
import * as path from 'node:path';
import { expect } from 'chai';
import { formatRun, loadScenarioFile, MockTarget, runScenario } from '../src';
import { CORPUS_DIR } from './support/paths';

const files = readdirSync(CORPUS_DIR)
  .filter((name) => /\.(ya?ml|json)$/.test(name))
  .sort();

describe('the conformance corpus (fixtures/scenarios) on the mock', () => {
  it('has scenarios', () => {
    expect(files.length).to.be.greaterThan(0);
  });

  for (const file of files) {
    it(file, async () => {
      const scenario = await loadScenarioFile(path.join(CORPUS_DIR, file));
      const run = await runScenario(scenario, new MockTarget());
      expect(run.passed, formatRun(run).join('\n')).to.equal(true);
    });
  }

  it('names each file by the S- or G-rule (or sample) it shows', async () => {
    for (const file of files) {
      const scenario = await loadScenarioFile(path.join(CORPUS_DIR, file));
      const prefix = /^([SG]-\d\d|sample)-/.exec(file)?.[1];
      expect(prefix, file).to.not.equal(undefined);
      if (prefix !== 'sample') expect(scenario.rules, file).to.include(prefix);
    }
  });
});
