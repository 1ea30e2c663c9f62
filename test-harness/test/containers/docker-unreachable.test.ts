import { expect } from 'chai';
import { fork } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { ContainerRuntime } from '../../src/containers/container-runtime';
import { DockerUnreachableError } from '../../src/errors';
import { FabricNetwork, newNetworkId } from '../../src/network/fabric-network';

const NO_DOCKER = 'unix:///tmp/no-such-docker.sock';
const REMEDY =
  'start Docker, or set DOCKER_HOST to a running engine (for example unix:///var/run/docker.sock), and try again';

describe('bad input 9: a Docker engine that is not reachable', () => {
  const saved = process.env['DOCKER_HOST'];
  afterEach(() => {
    if (saved === undefined) delete process.env['DOCKER_HOST'];
    else process.env['DOCKER_HOST'] = saved;
  });

  it('FabricNetwork.start() fails with DockerUnreachableError naming DOCKER_HOST, asks once, creates nothing', async () => {
    process.env['DOCKER_HOST'] = NO_DOCKER;
    let connects = 0;
    const runtime = new ContainerRuntime(newNetworkId(), {
      connect: () => {
        connects++;
        return Promise.reject(new Error('Could not find a working container runtime strategy'));
      },
    });
    const error: unknown = await new FabricNetwork({ runtime, cleanupOnSignal: false })
      .withOrganization({ name: 'org1' })
      .withChannel({ name: 'c1' })
      .start()
      .catch((e: unknown) => e);
    expect(error).to.be.instanceOf(DockerUnreachableError);
    expect(error).to.have.property(
      'message',
      `Docker is not reachable at DOCKER_HOST=${NO_DOCKER} (Could not find a working container runtime strategy); ${REMEDY}`,
    );
    expect(error).to.have.property('dockerHost', NO_DOCKER);
    // The failed start's clean-up did not ask the engine again (it would only repeat testcontainers' error).
    expect(connects).to.equal(1);
  });

  it('with testcontainers itself, in a process where DOCKER_HOST names a missing socket and no socket exists', async function () {
    this.timeout(20_000);
    const home = await mkdtemp(path.join(tmpdir(), 'ftk-no-docker-'));
    try {
      const child = fork(path.join(__dirname, '..', 'fixtures', 'start-without-docker.js'), [], {
        stdio: ['ignore', 'pipe', 'inherit', 'ipc'],
        // A fresh HOME and runtime directory: no ~/.testcontainers.properties, no rootless sockets.
        env: { ...process.env, DOCKER_HOST: NO_DOCKER, HOME: home, XDG_RUNTIME_DIR: home },
      });
      let output = '';
      child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
      await new Promise((resolve) => child.once('close', resolve));
      expect(JSON.parse(output)).to.deep.equal({
        name: 'DockerUnreachableError',
        message: `Docker is not reachable at DOCKER_HOST=${NO_DOCKER} (Could not find a working container runtime strategy); ${REMEDY}`,
      });
    } finally {
      await rm(home, { recursive: true, force: true });
    }
  });
});
