import { expect } from 'chai';
import { createProgram, main } from '../src/main';

describe('fabric-testkit CLI', () => {
  it('exits 1 with commander help text for an unknown command', async () => {
    const code = await main(['node', 'fabric-testkit', 'no-such-command']);
    expect(code).to.equal(1);
  });

  it('prints its version from package.json', () => {
    expect(createProgram().version()).to.match(/^\d+\.\d+\.\d+/);
  });
});
