import { expect } from 'chai';
import {
  FabricSourceMismatchError,
  FabricSourceNotFoundError,
  DockerEngineUnavailableError,
  FabricImagesError,
  GoProxyUnreachableError,
  ImageBuildError,
  ImageNotBuildableError,
  isFabricImagesError,
  MissingToolError,
  ModuleNotServedError,
} from '../src/errors';

describe('errors', () => {
  it('name the missing engine and what to do', () => {
    const error = new DockerEngineUnavailableError('the docker command is not installed');
    expect(error.name).to.equal('DockerEngineUnavailableError');
    expect(error.message).to.equal(
      'No Docker engine answers (the docker command is not installed). Start Docker, or run ' +
        'scripts/ensure-docker.sh as root (it installs and starts dockerd on Debian/Ubuntu), then try again.',
    );
  });

  it('name a missing tool and its remedy', () => {
    const error = new MissingToolError('go', 'install Go.');
    expect(error.name).to.equal('MissingToolError');
    expect(error.tool).to.equal('go');
    expect(error.message).to.equal('go was not found, and building the images needs it: install Go.');
  });

  it('tell an unreachable proxy from a refused module version', () => {
    const unreachable = new GoProxyUnreachableError('m@v1', 'https://proxy.example', 'dial tcp: no such host');
    expect(unreachable.message).to.match(/^Cannot reach the Go module proxy \(GOPROXY=https:\/\/proxy.example\)/);
    expect(unreachable.message).to.contain('dial tcp: no such host');
    const refused = new ModuleNotServedError('m@v1', 'direct', '403 Forbidden');
    expect(refused.message).to.match(/^The Go module proxy \(GOPROXY=direct\) does not serve m@v1/);
    expect(refused.moduleVersion).to.equal('m@v1');
  });

  it('name the images and the reason when an image cannot be built', () => {
    const one = new ImageNotBuildableError(['hyperledger/fabric-peer:3.1.5'], 'no source');
    expect(one.message).to.equal(
      'hyperledger/fabric-peer:3.1.5 is not present and could not be pulled, and cannot be built: no source.',
    );
    expect(new ImageNotBuildableError(['a', 'b'], 'r').message).to.match(/^a, b are not present /);
  });

  it('say where release source was looked for, and what did not match', () => {
    expect(new FabricSourceNotFoundError('/src', 'fabric-v3.1.5.tar.gz').message).to.equal(
      '/src holds neither fabric-v3.1.5.tar.gz nor a Fabric source tree (fabric-v3.1.5/, or the directory itself ' +
        "with Fabric's Makefile). Point --fabric-source (or FABRIC_TESTKIT_FABRIC_SOURCE) at a directory with the " +
        'release archive, as `git archive` of the release tag with its vendor/ tree.',
    );
    const mismatch = new FabricSourceMismatchError('/src/fabric', 'FABRIC_VER 2.5.16', 'FABRIC_VER 3.1.5');
    expect(mismatch.message).to.match(
      /^\/src\/fabric is not the pinned Fabric release: expected FABRIC_VER 2\.5\.16, found FABRIC_VER 3\.1\.5\./,
    );
  });

  it('say which build step failed, keep the cause, and are recognised by the guard', () => {
    const cause = new Error('exit 2');
    const error = new ImageBuildError('go build ./cmd/peer', 'undefined: x', { cause });
    expect(error.message).to.equal('Building the images failed at "go build ./cmd/peer".\nundefined: x');
    expect(error.cause).to.equal(cause);
    expect(isFabricImagesError(error)).to.be.true;
    expect(error).to.be.instanceOf(FabricImagesError);
    expect(isFabricImagesError(new Error('other'))).to.be.false;
  });
});
