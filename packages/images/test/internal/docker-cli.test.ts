import { expect } from 'chai';
import { DockerEngineUnavailableError, ImageBuildError } from '../../src/errors';
import { DockerCli } from '../../src/internal/docker-cli';
import { fakeRunner } from '../support/fakes';

describe('DockerCli', () => {
  it('reports a missing docker command and a silent engine as DockerEngineUnavailableError', async () => {
    const missing = new DockerCli(fakeRunner(() => ({ notFound: true, code: -2 })).run);
    const silent = new DockerCli(fakeRunner(() => ({ code: 1, stderr: 'Cannot connect to the Docker daemon' })).run);
    for (const [docker, text] of [
      [missing, 'the docker command is not installed'],
      [silent, 'Cannot connect to the Docker daemon'],
    ] as const) {
      const error = await docker.ping().then(
        () => undefined,
        (caught: unknown) => caught,
      );
      expect(error).to.be.instanceOf(DockerEngineUnavailableError);
      expect(String(error)).to.contain(text);
    }
    await new DockerCli(fakeRunner(() => ({ stdout: '20.10.24' })).run).ping();
  });

  it('checks for an image and reads its labels', async () => {
    const { run, calls } = fakeRunner((call) =>
      call.args.includes('missing:1') ? { code: 1 } : { stdout: '{"a":"b","n":1}\n' },
    );
    const docker = new DockerCli(run);
    expect(await docker.hasImage('present:1')).to.be.true;
    expect(await docker.hasImage('missing:1')).to.be.false;
    expect(await docker.imageLabels('present:1')).to.deep.equal({ a: 'b' });
    expect(await docker.imageLabels('missing:1')).to.deep.equal({});
    expect(calls[0]?.args).to.deep.equal(['image', 'inspect', '--format', '{{.Id}}', 'present:1']);
  });

  it('reads an image id and removes an image without forcing', async () => {
    const { run, calls } = fakeRunner((call) => {
      if (call.args.includes('missing:1') || call.args.includes('sha256:used')) return { code: 1 };
      return { stdout: 'sha256:abc\n' };
    });
    const docker = new DockerCli(run);
    expect(await docker.imageId('present:1')).to.equal('sha256:abc');
    expect(await docker.imageId('missing:1')).to.be.undefined;
    expect(await docker.removeImage('sha256:old')).to.be.true;
    expect(await docker.removeImage('sha256:used')).to.be.false;
    expect(calls[2]?.args).to.deep.equal(['image', 'rm', 'sha256:old']);
  });

  it('reports a failed or timed-out pull with its reason, never throwing', async () => {
    const { run, calls } = fakeRunner((call) =>
      call.args.includes('slow:1') ? { code: null, timedOut: true } : { code: 1, stderr: 'dial tcp: no such host\n' },
    );
    const docker = new DockerCli(run);
    expect(await docker.pull('x:1', 5000)).to.deep.equal({ pulled: false, reason: 'dial tcp: no such host' });
    expect(await docker.pull('slow:1', 5000)).to.deep.equal({ pulled: false, reason: 'no answer within 5 s' });
    expect(calls[0]?.options.timeoutMs).to.equal(5000);
    expect(await new DockerCli(fakeRunner(() => ({})).run).pull('ok:1', 1)).to.deep.equal({ pulled: true });
  });

  it('builds with tags, build args and labels, with the classic builder', async () => {
    const { run, calls } = fakeRunner(() => ({}));
    await new DockerCli(run).build({
      context: '/ctx',
      dockerfile: '/f/peer.Dockerfile',
      tags: ['hyperledger/fabric-peer:2.5.0'],
      buildArgs: { BASE_IMAGE: 'base:1' },
      labels: { 'org.opencontainers.image.version': '2.5.0' },
    });
    expect(calls[0]?.args).to.deep.equal([
      'build',
      '--file',
      '/f/peer.Dockerfile',
      '--tag',
      'hyperledger/fabric-peer:2.5.0',
      '--build-arg',
      'BASE_IMAGE=base:1',
      '--label',
      'org.opencontainers.image.version=2.5.0',
      '/ctx',
    ]);
    expect(calls[0]?.options.env?.DOCKER_BUILDKIT).to.equal('0');
  });

  it('reports failed builds and imports as ImageBuildError with the output', async () => {
    const docker = new DockerCli(fakeRunner(() => ({ code: 1, stderr: 'COPY failed: no such file' })).run);
    const build = await docker
      .build({ context: '/c', dockerfile: '/d', tags: ['t:1'], buildArgs: {}, labels: {} })
      .then(
        () => undefined,
        (caught: unknown) => caught,
      );
    expect(build).to.be.instanceOf(ImageBuildError);
    expect(String(build)).to.contain('COPY failed');
    const imported = await docker.importRootFs('/r.tar', 'base:1', ['CMD ["/bin/bash"]']).then(
      () => undefined,
      (caught: unknown) => caught,
    );
    expect(imported).to.be.instanceOf(ImageBuildError);
    expect(String(imported)).to.contain('docker import base:1');
  });
});
