import { expect } from 'chai';
import { runCollectionConfigDrill } from '../../src/upgrade/collection-drill';
import { printed, skipWithoutImages, stepOf, withDrillNetwork } from '../support/network';

describe('collection config drill (containers)', function () {
  this.timeout(600_000);

  before(async function () {
    await skipWithoutImages(this);
  });

  it('adds collections in new sequences; a blockToLive change and a dropped collection are refused', async () => {
    await withDrillNetwork({ organizations: 1 }, async (target) => {
      const report = printed(await runCollectionConfigDrill(target));
      expect(report.passed, 'every step passed').to.equal(true);
      expect(
        stepOf(report, 'add collection assetPrivate (sequence 2) commits').evidence.committedCollections,
      ).to.deep.equal(['assetPrivate(blockToLive=0)']);
      const both = ['assetPrivate(blockToLive=0)', 'auditPrivate(blockToLive=100)'];
      expect(
        stepOf(report, 'add collection auditPrivate (sequence 3) commits').evidence.committedCollections,
      ).to.deep.equal(both);
      const btl = stepOf(report, 'change blockToLive of assetPrivate (sequence 4) is refused').evidence;
      expect(String(btl.refused)).to.match(/BlockToLive/i);
      expect(btl.committedCollections).to.deep.equal(both);
      const dropped = stepOf(report, 'drop collection auditPrivate (sequence 4) is refused').evidence;
      expect(String(dropped.refused)).to.match(/auditPrivate/);
      expect(dropped.committedCollections).to.deep.equal(both);
    });
  });
});
