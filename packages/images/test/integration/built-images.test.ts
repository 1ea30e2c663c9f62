/**
 * Starts the Fabric images (built from Go modules by `fabric-testkit images`, or pulled) and checks that they are
 * working Fabric nodes: `peer version` / `orderer version` / the CA report the pinned versions, peer and orderer
 * answer their operations /healthz, the CA answers /cainfo, and the peer's ccaas builder works.
 * Needs the images: `npm test` (scripts/test.sh) makes them before the tests run.
 */
import { expect } from 'chai';
import { randomBytes } from 'node:crypto';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { BUILD_LABELS, imageRef } from '../../src/images';
import { DockerCli } from '../../src/internal/docker-cli';
import { outputTail, runCommand, type RunResult } from '../../src/internal/run';
import { resolveVersions } from '../../src/versions';

const versions = resolveVersions();
const PEER = imageRef('peer', versions);
const ORDERER = imageRef('orderer', versions);
const CA = imageRef('ca', versions);
const WAIT_MS = 60_000;

/** Reads one property of a JSON object without casting. */
function field(json: string, ...path: string[]): unknown {
  let value: unknown = JSON.parse(json);
  for (const key of path) {
    value =
      value !== null && typeof value === 'object' ? Object.entries(value).find(([k]) => k === key)?.[1] : undefined;
  }
  return value;
}

async function docker(...args: string[]): Promise<RunResult> {
  const result = await runCommand('docker', args, { timeoutMs: 60_000 });
  if (result.code !== 0) throw new Error(`docker ${args.join(' ')} failed:\n${outputTail(result)}`);
  return result;
}

/** Polls an HTTP endpoint on 127.0.0.1 until it answers 200, and returns the body. */
async function waitForHttp(container: string, port: string, path: string): Promise<string> {
  const mapping = (await docker('port', container, `${port}/tcp`)).stdout.split('\n')[0]?.trim() ?? '';
  const hostPort = mapping.split(':').pop();
  const url = `http://127.0.0.1:${hostPort}${path}`;
  const deadline = Date.now() + WAIT_MS;
  let last = 'no answer';
  while (Date.now() < deadline) {
    try {
      const response = await fetch(url, { signal: AbortSignal.timeout(2000) });
      const body = await response.text();
      if (response.status === 200) return body;
      last = `${response.status} ${body}`;
    } catch (error) {
      last = error instanceof Error ? error.message : String(error);
    }
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
  const logs = await runCommand('docker', ['logs', '--tail', '20', container]);
  throw new Error(
    `${container} did not answer 200 on ${path} within ${WAIT_MS / 1000} s (last: ${last}):\n${outputTail(logs, 20)}`,
  );
}

describe('Fabric images are working Fabric nodes (integration, real containers)', function () {
  this.timeout(240_000);
  const id = randomBytes(4).toString('hex');
  const network = `fabric-testkit-images-test-${id}`;
  const containers: string[] = [];
  let work = '';

  async function start(name: string, args: readonly string[]): Promise<string> {
    const container = `fabric-testkit-images-test-${name}-${id}`;
    containers.push(container);
    await docker('run', '--detach', '--name', container, '--network', network, ...args);
    return container;
  }

  before(async () => {
    const engine = new DockerCli();
    await engine.ping();
    for (const ref of [PEER, ORDERER, CA]) {
      if (!(await engine.hasImage(ref))) {
        throw new Error(`${ref} is missing: run \`fabric-testkit images\` first (npm test does).`);
      }
    }
    work = await mkdtemp(join(tmpdir(), 'fabric-testkit-images-test-'));
    await docker('network', 'create', network);
  });

  after(async () => {
    for (const container of containers) await runCommand('docker', ['rm', '--force', '--volumes', container]);
    await runCommand('docker', ['network', 'rm', network]);
    if (work !== '') await rm(work, { recursive: true, force: true });
  });

  it('labels a built image with the version and the source it was built from', async function () {
    const labels = await new DockerCli().imageLabels(PEER);
    if (labels[BUILD_LABELS.builtFrom] === undefined) this.skip(); // a pulled official image
    expect(labels[BUILD_LABELS.version]).to.equal(versions.fabric.tag);
    const { release, build } = versions.fabric;
    expect(labels[BUILD_LABELS.source]).to.equal(release?.archive ?? `${build?.module}@${build?.version}`);
    expect(labels[BUILD_LABELS.revision]).to.equal(release?.commit ?? build?.commit);
    const caLabels = await new DockerCli().imageLabels(CA);
    expect(caLabels[BUILD_LABELS.version]).to.equal(versions.ca.tag);
  });

  it('reports the pinned versions from peer version, orderer version and fabric-ca-server version', async () => {
    const peer = await docker('run', '--rm', PEER, 'peer', 'version');
    expect(peer.stdout).to.match(/^peer:\n/);
    expect(peer.stdout).to.contain(`Version: ${versions.fabric.fabricVer}\n`);
    const orderer = await docker('run', '--rm', ORDERER, 'orderer', 'version');
    expect(orderer.stdout).to.contain(`Version: ${versions.fabric.fabricVer}\n`);
    const ca = await docker('run', '--rm', CA, 'fabric-ca-server', 'version');
    expect(ca.stdout).to.contain(`Version: ${versions.ca.tag}\n`);
  });

  it('has the layout of the official images (paths, environment, ports, command)', async () => {
    const config = async (ref: string): Promise<string> =>
      (await docker('image', 'inspect', '--format', '{{json .Config}}', ref)).stdout;
    const peer = await config(PEER);
    expect(field(peer, 'Env')).to.include('FABRIC_CFG_PATH=/etc/hyperledger/fabric');
    expect(field(peer, 'Cmd')).to.deep.equal(['peer', 'node', 'start']);
    expect(field(peer, 'ExposedPorts')).to.deep.equal({ '7051/tcp': {} });
    expect(field(peer, 'Volumes')).to.deep.equal({ '/etc/hyperledger/fabric': {}, '/var/hyperledger': {} });
    const orderer = await config(ORDERER);
    expect(field(orderer, 'ExposedPorts')).to.deep.equal({ '7050/tcp': {} });
    expect(field(orderer, 'Cmd')).to.deep.equal(['orderer']);
    const ca = await config(CA);
    expect(field(ca, 'Env')).to.include('FABRIC_CA_HOME=/etc/hyperledger/fabric-ca-server');
    expect(field(ca, 'Cmd')).to.deep.equal(['fabric-ca-server', 'start', '-b', 'admin:adminpw']);
    expect(field(ca, 'ExposedPorts')).to.deep.equal({ '7054/tcp': {} });
    const files = await docker(
      'run',
      '--rm',
      '--entrypoint',
      'ls',
      PEER,
      '/usr/local/bin/peer',
      '/etc/hyperledger/fabric/core.yaml',
      '/etc/hyperledger/fabric/msp',
      '/opt/hyperledger/ccaas_builder/bin/detect',
      '/opt/hyperledger/ccaas_builder/bin/build',
      '/opt/hyperledger/ccaas_builder/bin/release',
    );
    expect(files.stdout).to.contain('/usr/local/bin/peer');
  });

  it('starts an orderer (no system channel, channel participation on) that answers /healthz', async () => {
    // An etcdraft orderer refuses to start without TLS; the image's sample MSP has a certificate and key.
    const msp = '/etc/hyperledger/fabric/msp';
    const orderer = await start('orderer', [
      '--env',
      'ORDERER_GENERAL_TLS_ENABLED=true',
      '--env',
      `ORDERER_GENERAL_TLS_PRIVATEKEY=${msp}/keystore/key.pem`,
      '--env',
      `ORDERER_GENERAL_TLS_CERTIFICATE=${msp}/signcerts/peer.pem`,
      '--env',
      `ORDERER_GENERAL_TLS_ROOTCAS=[${msp}/cacerts/cacert.pem]`,
      '--publish',
      '127.0.0.1::8443',
      '--env',
      'ORDERER_GENERAL_LISTENADDRESS=0.0.0.0',
      '--env',
      'ORDERER_GENERAL_BOOTSTRAPMETHOD=none',
      '--env',
      'ORDERER_CHANNELPARTICIPATION_ENABLED=true',
      '--env',
      'ORDERER_ADMIN_LISTENADDRESS=0.0.0.0:9443',
      '--env',
      'ORDERER_OPERATIONS_LISTENADDRESS=0.0.0.0:8443',
      ORDERER,
    ]);
    expect(field(await waitForHttp(orderer, '8443', '/healthz'), 'status')).to.equal('OK');
  });

  it('starts a peer that answers /healthz (docker chaincode runtime off, ccaas builder configured)', async () => {
    // The image's core.yaml points at a Docker socket, whose health check fails without one; turn that off the
    // way a harness does: its own core.yaml with vm.endpoint empty (the peer then relies on external builders).
    const creator = `fabric-testkit-images-test-cfg-${id}`;
    await docker('create', '--name', creator, PEER);
    try {
      await docker('cp', `${creator}:/etc/hyperledger/fabric/core.yaml`, join(work, 'core.yaml'));
    } finally {
      await runCommand('docker', ['rm', '--force', '--volumes', creator]);
    }
    const core = await readFile(join(work, 'core.yaml'), 'utf8');
    const noDocker = core.replace(/^(\s+endpoint:) unix:\/\/\/var\/run\/docker\.sock$/m, '$1 ""');
    expect(noDocker).to.not.equal(core);
    await writeFile(join(work, 'core.yaml'), noDocker);

    const peer = await start('peer', [
      '--publish',
      '127.0.0.1::9443',
      '--volume',
      `${join(work, 'core.yaml')}:/etc/hyperledger/fabric/core.yaml:ro`,
      '--env',
      'CORE_PEER_LISTENADDRESS=0.0.0.0:7051',
      '--env',
      'CORE_OPERATIONS_LISTENADDRESS=0.0.0.0:9443',
      PEER,
    ]);
    expect(field(await waitForHttp(peer, '9443', '/healthz'), 'status')).to.equal('OK');
  });

  it('starts a CA with its default command that answers /cainfo with its version', async () => {
    const ca = await start('ca', ['--publish', '127.0.0.1::7054', CA]);
    const body = await waitForHttp(ca, '7054', '/cainfo');
    expect(field(body, 'success')).to.equal(true);
    expect(field(body, 'result', 'Version')).to.equal(versions.ca.tag);
  });

  it("runs the peer image's ccaas builder: detect, build, release of a ccaas package", async () => {
    const dir = join(work, 'ccaas');
    for (const sub of ['src', 'md', 'out', 'rel']) await mkdir(join(dir, sub), { recursive: true });
    await writeFile(join(dir, 'md', 'metadata.json'), '{"type":"ccaas","label":"basic_1.0"}');
    await writeFile(
      join(dir, 'src', 'connection.json'),
      '{"address":"{{.peername}}_basic:9999","dial_timeout":"10s","tls_required":false}',
    );
    const step = (name: string, ...args: string[]): Promise<RunResult> =>
      docker(
        'run',
        '--rm',
        '--volume',
        `${dir}:/w`,
        '--env',
        'CHAINCODE_AS_A_SERVICE_BUILDER_CONFIG={"peername":"peer0org1"}',
        '--entrypoint',
        `/opt/hyperledger/ccaas_builder/bin/${name}`,
        PEER,
        ...args,
      );
    await step('detect', '/w/src', '/w/md');
    await step('build', '/w/src', '/w/md', '/w/out');
    await step('release', '/w/out', '/w/rel');
    const released = await readFile(join(dir, 'rel', 'chaincode', 'server', 'connection.json'), 'utf8');
    expect(field(released, 'address')).to.equal('peer0org1_basic:9999');
    expect(field(released, 'dial_timeout')).to.equal('10s');
    expect(field(released, 'tls_required')).to.equal(false);

    await writeFile(join(dir, 'md', 'metadata.json'), '{"type":"golang"}');
    const rejected = await runCommand('docker', [
      'run',
      '--rm',
      '--volume',
      `${dir}:/w`,
      '--entrypoint',
      '/opt/hyperledger/ccaas_builder/bin/detect',
      PEER,
      '/w/src',
      '/w/md',
    ]);
    expect(rejected.code).to.equal(1);
    expect(rejected.stderr).to.contain('chaincode type not supported');
  });
});
