import { expect } from 'chai';
import {
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
    expect(error.message).to.equal('go was not found, and building the Fabric images needs it: install Go.');
  });

  it('tell an unreachable proxy from a refused module version', () => {
    const unreachable = new GoProxyUnreachableError('m@v1', 'https://proxy.example', 'dial tcp: no such host');
    expect(unreachable.message).to.match(/^Cannot reach the Go module proxy \(GOPROXY=https:\/\/proxy.example\)/);
    expect(unreachable.message).to.contain('dial tcp: no such host');
    const refused = new ModuleNotServedError('m@v1', 'direct', '403 Forbidden');
    expect(refused.message).to.match(/^The Go module proxy \(GOPROXY=direct\) does not serve m@v1/);
    expect(refused.moduleVersion).to.equal('m@v1');
  });

  it('name the images and the reason when a pin is pull-only', () => {
    const one = new ImageNotBuildableError(['hyperledger/fabric-peer:3.1.5'], 'no module');
    expect(one.message).to.equal(
      'hyperledger/fabric-peer:3.1.5 is not present and could not be pulled, and cannot be built here: no module. ' +
        'Pull or `docker load` it on a machine that reaches a registry, or choose a buildable version ' +
        '(fabric-testkit images --fabric 2.5).',
    );
    expect(new ImageNotBuildableError(['a', 'b'], 'r').message).to.match(/^a, b are not present .* load` them/);
  });

  it('say which build step failed, keep the cause, and are recognised by the guard', () => {
    const cause = new Error('exit 2');
    const error = new ImageBuildError('go build ./cmd/peer', 'undefined: x', { cause });
    expect(error.message).to.equal('Building the Fabric images failed at "go build ./cmd/peer".\nundefined: x');
    expect(error.cause).to.equal(cause);
    expect(isFabricImagesError(error)).to.be.true;
    expect(error).to.be.instanceOf(FabricImagesError);
    expect(isFabricImagesError(new Error('other'))).to.be.false;
  });
});
