import { readdirSync } from 'node:fs';
import * as path from 'node:path';
import { expect } from 'chai';
import { compareRuns, formatRun, loadScenarioFile, MockTarget, runScenario } from '../src';
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

describe('the mock over the wire (mock-wire): each chaincode served per organization, the chaincode protocol between', () => {
  // S-06: what the chaincode reads from its own process (CORE_PEER_LOCALMSPID) is each organization's; the sample
  // is a contract package served as `fabric-chaincode-node server` serves it. `npm test` runs the whole corpus so.
  for (const file of ['S-06-mspid-of-the-peer.yaml', 'sample-asset-transfer-basic.yaml']) {
    it(`${file} agrees with the in-process mock`, async function () {
      this.timeout(120_000);
      const scenario = await loadScenarioFile(path.join(CORPUS_DIR, file));
      const wire = await runScenario(scenario, new MockTarget({ name: 'mock-wire', wire: true }));
      expect(wire.passed, formatRun(wire).join('\n')).to.equal(true);
      const inProcess = await runScenario(scenario, new MockTarget());
      expect(compareRuns(inProcess, wire).differences).to.deep.equal([]);
    });
  }
});
