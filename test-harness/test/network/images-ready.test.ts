import { expect } from 'chai';
import * as sinon from 'sinon';
import { fabricImages, type FabricImages } from '../../src/containers/images';
import { fabricImagesMissing, skipWithoutFabricImages } from '../../src/network/images-ready';

/** A stand-in for the docker engine's answer: these images are missing (or it cannot be reached). */
function engineLacking(missing: string[] | Error): sinon.SinonStub<[FabricImages, boolean], Promise<string[]>> {
  const stub = sinon.stub<[FabricImages, boolean], Promise<string[]>>();
  if (missing instanceof Error) stub.rejects(missing);
  else stub.resolves(missing);
  return stub;
}

/** Mocha's skip throws (a Pending), so nothing after it runs; this one throws too, and counts. */
function skippable(): { skip: () => never; skipped: () => number } {
  let skipped = 0;
  return {
    skip: () => {
      skipped += 1;
      throw new Error('skipped');
    },
    skipped: () => skipped,
  };
}

describe('fabricImagesMissing', () => {
  it('gives no reason when every image is there, asking about the default images', async () => {
    const missingImages = engineLacking([]);
    expect(await fabricImagesMissing({ missingImages })).to.equal(undefined);
    expect(missingImages.calledOnceWithExactly(fabricImages(), false)).to.equal(true);
  });

  it('names the missing images', async () => {
    const missingImages = engineLacking(['hyperledger/fabric-peer:2.5.0', 'hyperledger/fabric-ca:1.5.21']);
    expect(await fabricImagesMissing({ missingImages })).to.equal(
      'images missing: hyperledger/fabric-peer:2.5.0, hyperledger/fabric-ca:1.5.21',
    );
  });

  it('asks about the images it is given', async () => {
    const images: FabricImages = { ...fabricImages(), peer: 'example/peer:dev' };
    const missingImages = engineLacking(['example/peer:dev']);
    expect(await fabricImagesMissing({ images, missingImages })).to.equal('images missing: example/peer:dev');
    expect(missingImages.calledOnceWithExactly(images, false)).to.equal(true);
  });

  it('asks about the CouchDB image too when told the network needs it', async () => {
    const missingImages = engineLacking(['couchdb:3.4.3']);
    expect(await fabricImagesMissing({ couchdb: true, missingImages })).to.equal('images missing: couchdb:3.4.3');
    expect(missingImages.calledOnceWithExactly(fabricImages(), true)).to.equal(true);
  });

  it("gives the docker engine's error as the reason instead of throwing", async () => {
    const missingImages = engineLacking(new Error('connect ENOENT /var/run/docker.sock'));
    expect(await fabricImagesMissing({ missingImages })).to.equal('docker: connect ENOENT /var/run/docker.sock');
  });
});

describe('skipWithoutFabricImages', () => {
  let log: sinon.SinonStub;

  beforeEach(() => {
    log = sinon.stub(console, 'log');
  });

  afterEach(() => {
    sinon.restore();
  });

  it('skips with the reason on the console when images are missing', async () => {
    const test = skippable();
    const missingImages = engineLacking(['hyperledger/fabric-orderer:2.5.0']);
    const error = await skipWithoutFabricImages(test, { missingImages }).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(error, "skip()'s throw reaches the caller").to.be.instanceOf(Error);
    expect(test.skipped()).to.equal(1);
    expect(log.calledOnceWithExactly('    skipped: images missing: hyperledger/fabric-orderer:2.5.0')).to.equal(true);
  });

  it('neither skips nor logs when every image is there', async () => {
    const test = skippable();
    await skipWithoutFabricImages(test, { missingImages: engineLacking([]) });
    expect(test.skipped()).to.equal(0);
    expect(log.called).to.equal(false);
  });
});
