import { expect } from 'chai';
import { UnknownVersionError } from '../src/errors';
import {
  DEFAULT_FABRIC_CA_TAG,
  DEFAULT_FABRIC_TAG,
  FABRIC_CA_PINS,
  FABRIC_CA_VERSION_ENV,
  FABRIC_PINS,
  FABRIC_VERSION_ENV,
  resolveVersions,
} from '../src/versions';

describe('versions (the pin file)', () => {
  it('defaults to Fabric 2.5.16 (from its release archive) and Fabric CA 1.5.21 (from its Go module)', () => {
    const versions = resolveVersions({}, {});
    expect(versions.fabric.tag).to.equal(DEFAULT_FABRIC_TAG).and.equal('2.5.16');
    expect(versions.ca.tag).to.equal(DEFAULT_FABRIC_CA_TAG).and.equal('1.5.21');
    expect(versions.fabric.release?.archive).to.equal('fabric-v2.5.16.tar.gz');
    expect(versions.ca.build.version).to.equal('v1.5.21');
    expect(resolveVersions({ fabric: '2.5.0' }, {}).fabric.build?.version).to.equal(
      'v1.4.0-rc1.0.20230401164317-bd8e24856939',
    );
  });

  it('resolves a line (2.5, 3.1, 1.5) to its newest pin, and ignores a leading v', () => {
    expect(resolveVersions({ fabric: '2.5' }, {}).fabric.tag).to.equal('2.5.16');
    expect(resolveVersions({ fabric: '2.5.0' }, {}).fabric.tag).to.equal('2.5.0');
    expect(resolveVersions({ fabric: '3.1' }, {}).fabric.tag).to.equal('3.1.5');
    expect(resolveVersions({ fabric: 'v2.5.16' }, {}).fabric.tag).to.equal('2.5.16');
    expect(resolveVersions({ ca: '1.5' }, {}).ca.tag).to.equal('1.5.21');
  });

  it('takes the version from the environment when no option is given, the option first', () => {
    const env = { [FABRIC_VERSION_ENV]: '3.1', [FABRIC_CA_VERSION_ENV]: ' 1.5.21 ' };
    expect(resolveVersions({}, env).fabric.tag).to.equal('3.1.5');
    expect(resolveVersions({}, env).ca.tag).to.equal('1.5.21');
    expect(resolveVersions({ fabric: '2.5' }, env).fabric.tag).to.equal('2.5.16');
    expect(resolveVersions({}, { [FABRIC_VERSION_ENV]: '' }).fabric.tag).to.equal('2.5.16');
  });

  it('throws UnknownVersionError naming the pinned tags for a version that is not pinned', () => {
    const attempt = (): unknown => resolveVersions({ fabric: '2.4' }, {});
    expect(attempt).to.throw(UnknownVersionError);
    try {
      attempt();
    } catch (error) {
      if (!(error instanceof UnknownVersionError)) throw error;
      expect(error.product).to.equal('Fabric');
      expect(error.requested).to.equal('2.4');
      expect(error.pinned).to.deep.equal(['2.5.0', '2.5.16', '3.1.5']);
      expect(error.message).to.equal(
        'Fabric version 2.4 is not pinned; pick one of 2.5.0, 2.5.16, 3.1.5 (or a line such as 2.5).',
      );
    }
    expect(() => resolveVersions({ ca: '9' }, {})).to.throw(UnknownVersionError, 'Fabric CA version 9');
  });

  it('bad input 8: names the environment variable an unpinned version came from, and what to set it to', () => {
    expect(() => resolveVersions({}, { [FABRIC_VERSION_ENV]: '2.4' })).to.throw(
      UnknownVersionError,
      'Fabric version 2.4 (from FABRIC_TESTKIT_FABRIC_VERSION) is not pinned; set FABRIC_TESTKIT_FABRIC_VERSION to ' +
        'one of 2.5.0, 2.5.16, 3.1.5 (or a line such as 2.5), or unset it for the default.',
    );
    expect(() => resolveVersions({}, { [FABRIC_CA_VERSION_ENV]: '1.4' })).to.throw(
      UnknownVersionError,
      'Fabric CA version 1.4 (from FABRIC_TESTKIT_CA_VERSION) is not pinned; set FABRIC_TESTKIT_CA_VERSION to ' +
        'one of 1.5.21 (or a line such as 1.5), or unset it for the default.',
    );
  });

  it('gives every Fabric pin exactly one source: a release archive (2.5.16, 3.1.5) or a Go module (2.5.0)', () => {
    for (const pin of FABRIC_PINS) {
      expect(pin.build === undefined, pin.tag).to.equal(pin.release !== undefined);
      expect(pin.fabricVer).to.equal(`v${pin.tag}`);
    }
    const fromRelease = FABRIC_PINS.filter((pin) => pin.release !== undefined);
    expect(fromRelease.map((pin) => `${pin.tag} ${pin.release?.archive}`)).to.deep.equal([
      '2.5.16 fabric-v2.5.16.tar.gz',
      '3.1.5 fabric-v3.1.5.tar.gz',
    ]);
    for (const pin of fromRelease) {
      expect(pin.release?.commit).to.match(/^[0-9a-f]{40}$/);
      expect(pin.release?.sha256).to.match(/^[0-9a-f]{64}$/);
    }
    for (const pin of FABRIC_CA_PINS) expect(pin.build.module).to.equal('github.com/hyperledger/fabric-ca');
  });
});
