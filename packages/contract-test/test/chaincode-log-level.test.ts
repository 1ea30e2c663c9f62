import { spawnSync } from 'node:child_process';
import { expect } from 'chai';

const PACKAGE = require.resolve('../src/index.js');
const CONTRACT = require.resolve('./fixtures/ledger-contract.js');

/** The lines fabric-contract-api and fabric-shim log at INFO while `modules` are loaded in this order. */
function infoLines(modules: readonly string[], env: NodeJS.ProcessEnv = {}): string[] {
  const environment: NodeJS.ProcessEnv = { ...process.env, ...env };
  if (!('CORE_CHAINCODE_LOGGING_LEVEL' in env)) delete environment['CORE_CHAINCODE_LOGGING_LEVEL'];
  const result = spawnSync(process.execPath, ['-e', modules.map((m) => `require(${JSON.stringify(m)});`).join('')], {
    env: environment,
  });
  // winston colours the level name: strip the escape codes first.
  return `${result.stdout.toString()}${result.stderr.toString()}`
    .replace(new RegExp(`${String.fromCharCode(27)}\\[\\d+m`, 'g'), '')
    .split('\n')
    .filter((line) => / info /.test(line));
}

describe('chaincode logging is quiet by default in tests (fabric-contract-api logs decorators at import)', function () {
  this.timeout(30_000);

  it('logs nothing at INFO when a decorated contract is loaded after the package', () => {
    expect(infoLines([PACKAGE, CONTRACT])).to.deep.equal([]);
  });

  it('keeps the level the user set with CORE_CHAINCODE_LOGGING_LEVEL', () => {
    expect(infoLines([PACKAGE, CONTRACT], { CORE_CHAINCODE_LOGGING_LEVEL: 'INFO' })).to.not.deep.equal([]);
  });

  it('(without the package, the same contract logs at INFO: what users saw)', () => {
    expect(infoLines([CONTRACT])).to.not.deep.equal([]);
  });
});
