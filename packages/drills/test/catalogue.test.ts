import { expect } from 'chai';
import { DRILLS, runNamedDrill } from '../src/catalogue';

describe('drill catalogue', () => {
  it('names each drill once, with a description', () => {
    const names = DRILLS.map((d) => d.name);
    expect(names).to.include('upgrade');
    expect(new Set(names).size).to.equal(names.length);
    for (const drill of DRILLS) expect(drill.description).to.not.equal('');
  });

  it('rejects an unknown drill naming the known ones, before starting anything', async () => {
    let error: unknown;
    try {
      await runNamedDrill('nope');
    } catch (e) {
      error = e;
    }
    expect(error).to.be.instanceOf(Error);
    expect(error)
      .to.have.property('message')
      .that.matches(/^unknown drill "nope"; drills: upgrade/);
  });
});
