import { expect } from 'chai';
import { Command } from 'commander';
import { generateKeyPairSync } from 'node:crypto';
import { mkdtemp, readFile, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import * as sinon from 'sinon';
import { CaClient, type FabricNode, type StartedFabricNetwork } from '@fabric-testkit/test-harness';
import {
  labelledContainer,
  listedNetworks,
  type DockerContents,
  type LabelledContainer,
} from '../support/docker-listing';
import {
  DockerUnavailableError,
  ImagesMissingError,
  InvalidFlagError,
  NetworkAlreadyUpError,
} from '../../src/commands/network-errors';
import { NetworkStateStore, type NetworkDescription } from '../../src/commands/network-state';
import {
  planOf,
  registerNetworkUpCommand,
  runNetworkUp,
  type NetworkUpDeps,
  type UpPlan,
} from '../../src/commands/network-up';

const ID = 'ftk0000beef';
const adminKey = generateKeyPairSync('ec', { namedCurve: 'P-256' }).privateKey;
const adminKeyPem = adminKey.export({ type: 'pkcs8', format: 'pem' }).toString();

function node(name: string, kind: FabricNode['kind'], operationsUrl: string): FabricNode {
  const done = (): Promise<void> => Promise.resolve();
  const text = (): Promise<string> => Promise.resolve('');
  return {
    name,
    kind,
    operationsUrl,
    stop: done,
    start: done,
    restart: done,
    pause: done,
    unpause: done,
    logs: text,
    metrics: text,
    disconnect: done,
    reconnect: done,
  };
}

interface FakeNetwork {
  readonly network: StartedFabricNetwork;
  /** The spies on each organization's CA client's `close()`. */
  readonly caCloses: sinon.SinonSpy[];
  readonly stop: sinon.SinonStub<[], Promise<void>>;
}

/** A started network as the harness returns it, for `plan`; records `stop()` and its CA clients. */
function fakeNetwork(plan: UpPlan, sandbox: sinon.SinonSandbox): FakeNetwork {
  const stop = sandbox.stub<[], Promise<void>>().resolves();
  const caCloses: sinon.SinonSpy[] = [];
  const organizations = plan.organizations.map((name, i) => {
    const ca = new CaClient({ url: `https://127.0.0.1:3${i}054`, tlsCaCertificates: '' });
    caCloses.push(sandbox.spy(ca, 'close'));
    const mspId = `Org${i + 1}MSP`;
    return {
      name,
      mspId,
      ca,
      admin: { mspId, certificate: `CERT ${name}`, privateKey: adminKey },
      peers: [
        {
          ...node(`peer0.${name}`, 'peer', `http://127.0.0.1:3${i}443`),
          endpoint: { address: `127.0.0.1:3${i}051`, tlsCaCertificate: `TLSCA ${name}`, serverName: `peer0.${name}` },
        },
      ],
      couchDbs: [],
      registerUser: () => Promise.reject(new Error('not in this test')),
    };
  });
  const network: StartedFabricNetwork = {
    id: plan.id,
    organizations,
    orderers: [node('orderer0.orderer', 'orderer', 'http://127.0.0.1:40443')],
    cas: [node('ca.orderer', 'ca', 'http://127.0.0.1:41443')],
    timings: [{ step: 'plan', ms: 100 }],
    chaincodeServers: [],
    organization: () => {
      throw new Error('not in this test');
    },
    channels: [],
    setChannelCapability: () => Promise.reject(new Error('not used by up')),
    createChannel: () => Promise.reject(new Error('not used by up')),
    installChaincode: () => Promise.reject(new Error('not used by up')),
    approveChaincode: () => Promise.reject(new Error('not used by up')),
    checkCommitReadiness: () => Promise.reject(new Error('not used by up')),
    commitChaincode: () => Promise.reject(new Error('not used by up')),
    deployChaincode: () => Promise.reject(new Error('not used by up')),
    upgradeChaincode: () => Promise.reject(new Error('not used by up')),
    connectGateway: () => {
      throw new Error('not in this test');
    },
    stop,
    [Symbol.asyncDispose]: () => Promise.resolve(),
  };
  return { network, caCloses, stop };
}

function container(networkId: string, nodeName: string, state: string, port?: number): LabelledContainer {
  const ports = port === undefined ? [] : [{ containerPort: port, hostAddress: `127.0.0.1:5${port}` }];
  return labelledContainer(networkId, nodeName, state, ports);
}

class FakeDocker {
  readonly removed: string[] = [];
  readonly started: UpPlan[] = [];
  readonly networks: FakeNetwork[] = [];
  interrupt: (() => Promise<void>) | undefined;
  listening = false;
  resources: DockerContents = {
    containers: [container(ID, 'orderer0.orderer', 'running', 7050), container(ID, 'ca.orderer', 'running', 7054)],
    networks: [],
  };
  missing: () => Promise<string[]> = () => Promise.resolve([]);
  readonly progress: string[] = [];

  constructor(private readonly sandbox: sinon.SinonSandbox) {}

  deps(store: NetworkStateStore, lines: string[]): NetworkUpDeps {
    return {
      write: (line) => lines.push(line),
      missingImages: () => this.missing(),
      listNetworks: (networkId) => Promise.resolve(listedNetworks(this.resources, networkId)),
      newNetworkId: () => ID,
      start: (plan) => {
        this.started.push(plan);
        const started = fakeNetwork(plan, this.sandbox);
        this.networks.push(started);
        return Promise.resolve(started.network);
      },
      remove: (networkId) => {
        this.removed.push(networkId);
        return Promise.resolve();
      },
      onInterrupt: (cleanUp) => {
        this.interrupt = cleanUp;
        this.listening = true;
        return () => {
          this.listening = false;
        };
      },
      store,
      now: () => new Date('2026-01-02T03:04:05.000Z'),
      deployChaincode: (dir) => Promise.reject(new Error(`this test deploys nothing (asked for ${dir})`)),
      progress: (line) => this.progress.push(line),
      environment: {},
    };
  }
}

const defaults = { orgs: '2', channel: 'mychannel', orderers: '1' };

describe('fabric-testkit up', () => {
  const sandbox = sinon.createSandbox();
  let home: string;
  let store: NetworkStateStore;
  let docker: FakeDocker;
  let lines: string[];

  beforeEach(async () => {
    home = await mkdtemp(path.join(tmpdir(), 'ftk-up-'));
    store = new NetworkStateStore(home);
    docker = new FakeDocker(sandbox);
    lines = [];
  });
  afterEach(async () => {
    sandbox.restore();
    await rm(home, { recursive: true, force: true });
  });

  describe('flags', () => {
    it('default to two organizations, channel mychannel and one orderer', async () => {
      const program = new Command().exitOverride();
      registerNetworkUpCommand(program, docker.deps(store, lines));
      await program.parseAsync(['node', 'x', 'up']);
      expect(docker.started).to.deep.equal([
        { id: ID, organizations: ['org1', 'org2'], channel: 'mychannel', orderers: 1 },
      ]);
    });

    it('name organizations org1…orgN and pass the channel and orderers', () => {
      expect(planOf({ orgs: '3', channel: 'trade.v2-ch', orderers: '3' }, ID)).to.deep.equal({
        id: ID,
        organizations: ['org1', 'org2', 'org3'],
        channel: 'trade.v2-ch',
        orderers: 3,
      });
    });

    for (const orgs of ['0', '11', 'two', '1.5', '-1', '']) {
      it(`refuse --orgs ${JSON.stringify(orgs)}, naming the flag and the allowed values`, () => {
        expect(() => planOf({ ...defaults, orgs }, ID))
          .to.throw(InvalidFlagError, `--orgs must be a whole number from 1 to 10, not "${orgs}"`)
          .with.property('flag', '--orgs');
      });
    }

    for (const orderers of ['2', '0', 'three', '5']) {
      it(`refuse --orderers ${orderers}, naming the flag and the allowed values`, () => {
        expect(() => planOf({ ...defaults, orderers }, ID))
          .to.throw(InvalidFlagError, `--orderers must be 1 or 3, not "${orderers}"`)
          .with.property('value', orderers);
      });
    }

    for (const channel of ['MyChannel', '1chan', 'my_channel', '']) {
      it(`refuse --channel ${JSON.stringify(channel)} (Fabric's channel name rule)`, () => {
        expect(() => planOf({ ...defaults, channel }, ID)).to.throw(
          InvalidFlagError,
          `--channel must be lower-case letters, digits, "." and "-", starting with a letter (at most 249 characters), not "${channel}"`,
        );
      });
    }

    for (const orgs of ['0', '11', 'abc']) {
      it(`bad input 7: up --orgs ${orgs} fails before Docker is asked anything, starting nothing`, async () => {
        let asked = false;
        docker.missing = () => {
          asked = true;
          return Promise.resolve([]);
        };
        const error: unknown = await runNetworkUp({ ...defaults, orgs }, docker.deps(store, lines)).catch(
          (e: unknown) => e,
        );
        expect(error).to.be.instanceOf(InvalidFlagError);
        expect(error).to.have.property('message', `--orgs must be a whole number from 1 to 10, not "${orgs}"`);
        expect(asked).to.equal(false);
        expect(docker.started).to.deep.equal([]);
        expect(docker.interrupt).to.equal(undefined);
        expect(lines).to.deep.equal([]);
      });
    }

    it('are checked before Docker is asked anything', async () => {
      docker.missing = () => Promise.reject(new Error('must not be asked'));
      const error: unknown = await runNetworkUp({ ...defaults, orderers: '2' }, docker.deps(store, lines)).catch(
        (e: unknown) => e,
      );
      expect(error).to.be.instanceOf(InvalidFlagError);
      expect(docker.started).to.deep.equal([]);
    });
  });

  describe('--fabric, --chaincode, --mock', () => {
    it('--fabric picks a pinned Fabric line for the images; an unknown version is refused before Docker', async () => {
      expect(planOf({ ...defaults, fabric: '3.1' }, ID)).to.deep.include({ fabric: '3.1' });
      const error: unknown = await runNetworkUp({ ...defaults, fabric: '9.9' }, docker.deps(store, lines)).catch(
        (e: unknown) => e,
      );
      expect(error).to.be.instanceOf(InvalidFlagError);
      expect(String(error)).to.include('--fabric must be a pinned Fabric version');
      expect(docker.started).to.deep.equal([]);
    });

    it('--chaincode that is no contract package is refused before anything starts', async () => {
      const error: unknown = await runNetworkUp(
        { ...defaults, chaincode: path.join(home, 'nothing') },
        docker.deps(store, lines),
      ).catch((e: unknown) => e);
      expect(String(error)).to.include('is not a chaincode: it has neither a package.json nor a go.mod');
      expect(docker.started).to.deep.equal([]);
    });

    it('--chaincode deploys on the network it started', async () => {
      const deployed: string[] = [];
      const program = new Command().exitOverride();
      const contract = path.resolve(__dirname, '..', '..', '..', '..', '..', 'contracts', 'asset-transfer-basic');
      registerNetworkUpCommand(program, {
        ...docker.deps(store, lines),
        deployChaincode: (dir, networkId) => {
          deployed.push(`${dir} on ${networkId}`);
          return Promise.resolve({ name: 'basic', version: '1', sequence: 1, directory: dir, servers: [] });
        },
      });
      await program.parseAsync(['node', 'x', 'up', '--chaincode', contract]);
      expect(deployed).to.deep.equal([`${contract} on ${ID}`]);
    });

    it('--json prints where the network listens (no keys) and the chaincode; progress goes to stderr', async () => {
      const program = new Command().exitOverride();
      const contract = path.resolve(__dirname, '..', '..', '..', '..', '..', 'contracts', 'asset-transfer-basic');
      const deployLines: string[] = [];
      registerNetworkUpCommand(program, {
        ...docker.deps(store, lines),
        deployChaincode: (dir, _id, write) => {
          write('deploying');
          deployLines.push(dir);
          return Promise.resolve({ name: 'basic', version: '1', sequence: 1, directory: dir, servers: [] });
        },
      });
      await program.parseAsync(['node', 'x', 'up', '--orgs', '1', '--chaincode', contract, '--json']);
      expect(lines).to.have.length(1);
      const printed = JSON.parse(lines[0] ?? '') as Record<string, unknown>;
      expect(printed).to.deep.include({
        id: ID,
        target: 'network',
        channel: 'mychannel',
        stateFile: store.fileOf(ID),
        fabricVersion: '2.5.16',
        organizations: [
          { name: 'org1', mspId: 'Org1MSP', peers: [{ name: 'peer0.org1', address: '127.0.0.1:30051' }] },
        ],
        chaincode: { name: 'basic', version: '1', sequence: 1, directory: contract, servers: [] },
      });
      expect(lines[0]).to.not.include('PRIVATE KEY');
      expect(docker.progress).to.include(`[up] network ${ID} is up (0.0 s)`);
      expect(docker.progress[docker.progress.length - 1]).to.equal('deploying');
    });

    for (const [how, flags, environment] of [
      ['--mock', { ...defaults, mock: true }, {}],
      ['FABRIC_TESTKIT_TARGET=mock', defaults, { FABRIC_TESTKIT_TARGET: 'mock' }],
    ] as const) {
      it(`${how} records an in-memory network without asking Docker anything; a second one is refused`, async () => {
        const deps = { ...docker.deps(store, lines), environment };
        docker.missing = () => Promise.reject(new Error('Docker must not be asked'));
        const description = await runNetworkUp(flags, deps);
        expect(description).to.deep.equal({
          id: ID,
          target: 'mock',
          createdAt: '2026-01-02T03:04:05.000Z',
          channel: 'mychannel',
          organizations: [
            { name: 'org1', mspId: 'Org1MSP' },
            { name: 'org2', mspId: 'Org2MSP' },
          ],
          journal: [],
        });
        expect(await store.read(ID)).to.deep.equal(description);
        expect(docker.started).to.deep.equal([]);
        expect(lines[0]).to.equal(
          `[up] in-memory network ${ID} is up: Org1MSP, Org2MSP, channel mychannel (no Docker; state in ${store.fileOf(ID)})`,
        );
        const again: unknown = await runNetworkUp(flags, deps).catch((e: unknown) => e);
        expect(again).to.be.instanceOf(NetworkAlreadyUpError);
      });
    }
  });

  describe('a started network', () => {
    it('is described in networks/<id>.json (0600): peers with TLS details, admins with PEM keys, orderers, CAs', async () => {
      const returned = await runNetworkUp({ ...defaults, orgs: '1' }, docker.deps(store, lines));

      const file = path.join(home, 'networks', `${ID}.json`);
      expect((await stat(file)).mode & 0o777).to.equal(0o600);
      const written: unknown = JSON.parse(await readFile(file, 'utf8'));
      const expected: NetworkDescription = {
        id: ID,
        createdAt: '2026-01-02T03:04:05.000Z',
        channel: 'mychannel',
        organizations: [
          {
            name: 'org1',
            mspId: 'Org1MSP',
            peers: [
              {
                name: 'peer0.org1',
                address: '127.0.0.1:30051',
                tlsCaCertificate: 'TLSCA org1',
                serverName: 'peer0.org1',
              },
            ],
            admin: { mspId: 'Org1MSP', certificate: 'CERT org1', privateKey: adminKeyPem },
          },
        ],
        orderers: [{ name: 'orderer0.orderer', address: '127.0.0.1:57050', operationsUrl: 'http://127.0.0.1:40443' }],
        cas: [{ name: 'ca.orderer', address: '127.0.0.1:57054', operationsUrl: 'http://127.0.0.1:41443' }],
        fabricVersion: '2.5.16',
      };
      expect(written).to.deep.equal(expected);
      expect(returned).to.deep.equal(expected);
      expect(adminKeyPem).to.match(/^-----BEGIN PRIVATE KEY-----\n/);
    });

    it('keeps running: up never stops it, but closes its CA clients so the process can exit', async () => {
      await runNetworkUp(defaults, docker.deps(store, lines));
      const [started] = docker.networks;
      expect(started?.stop.callCount).to.equal(0);
      expect(started?.caCloses.map((close) => close.callCount)).to.deep.equal([1, 1]);
      expect(docker.removed).to.deep.equal([]);
    });

    it('prints progress, then each endpoint and where the description is', async () => {
      await runNetworkUp({ ...defaults, orgs: '1' }, docker.deps(store, lines));
      expect(lines).to.deep.equal([
        `[up] starting network ${ID}: 1 organization(s) (org1), 1 orderer(s), channel mychannel`,
        '[up]   plan: 0.1 s',
        `[up] network ${ID} is up (0.0 s)`,
        `network ${ID}, channel mychannel`,
        '  Org1MSP    peer0.org1         127.0.0.1:30051 (TLS server name peer0.org1)',
        '  orderer    orderer0.orderer   127.0.0.1:57050',
        '  CA         ca.orderer         https://127.0.0.1:57054',
        `[up] connection details (TLS CA certificates, admin certificates and keys): ${path.join(home, 'networks', `${ID}.json`)}`,
        `[up] it keeps running: "fabric-testkit status" lists it, "fabric-testkit down ${ID}" removes it`,
      ]);
    });

    it('says when Docker did not publish an orderer or CA port', async () => {
      docker.resources = { containers: [], networks: [] };
      const description = await runNetworkUp({ ...defaults, orgs: '1' }, docker.deps(store, lines));
      if (description.target === 'mock') throw new Error('up made an in-memory network');
      expect(description.orderers[0]).to.not.have.property('address');
      expect(lines).to.include('  orderer    orderer0.orderer   (not published)');
      expect(lines).to.include('  CA         ca.orderer         (not published)');
    });

    it('is removed when its description cannot be written, so nothing runs unaccounted for', async () => {
      const failing = new NetworkStateStore(home);
      sandbox.stub(failing, 'write').rejects(new Error('disk full'));
      const error: unknown = await runNetworkUp(defaults, docker.deps(failing, lines)).catch((e: unknown) => e);
      expect(error).to.have.property('message', 'disk full');
      expect(docker.networks[0]?.stop.callCount).to.equal(1);
      expect(lines).to.include(`[up] could not record network ${ID}; removing it`);
    });
  });

  describe('while starting', () => {
    it('removes the half-started network on SIGINT/SIGTERM, and stops listening once started', async () => {
      const deps = docker.deps(store, lines);
      let listeningDuringStart = false;
      const start = deps.start;
      await runNetworkUp(defaults, {
        ...deps,
        start: async (plan) => {
          listeningDuringStart = docker.listening;
          await docker.interrupt?.();
          return start(plan);
        },
      });
      expect(listeningDuringStart).to.equal(true);
      expect(docker.listening).to.equal(false);
      expect(docker.removed).to.deep.equal([ID]);
      expect(lines).to.include(`[up] interrupted: removing the containers of ${ID}`);
    });

    it('stops listening when the start fails (the harness removed what it started)', async () => {
      const deps = docker.deps(store, lines);
      const error: unknown = await runNetworkUp(defaults, {
        ...deps,
        start: () => Promise.reject(new Error('orderer0.orderer /healthz: timed out')),
      }).catch((e: unknown) => e);
      expect(error).to.have.property('message', 'orderer0.orderer /healthz: timed out');
      expect(docker.listening).to.equal(false);
      expect(await store.list()).to.deep.equal([]);
    });
  });

  describe('refuses', () => {
    it('when a network it started still runs, telling to run down first', async () => {
      await store.write({ id: 'ftkold', createdAt: '', channel: 'c', organizations: [], orderers: [], cas: [] });
      docker.resources = { containers: [container('ftkold', 'peer0.org1', 'running')], networks: [] };

      const error: unknown = await runNetworkUp(defaults, docker.deps(store, lines)).catch((e: unknown) => e);

      expect(error).to.be.instanceOf(NetworkAlreadyUpError);
      expect(error).to.have.property(
        'message',
        `network ftkold is already up (described in ${path.join(home, 'networks', 'ftkold.json')}); ` +
          'run "fabric-testkit down" first, or "fabric-testkit status" to see it',
      );
      expect(docker.started).to.deep.equal([]);
    });

    it('not when the recorded network no longer runs: it notes it and starts', async () => {
      await store.write({ id: 'ftkold', createdAt: '', channel: 'c', organizations: [], orderers: [], cas: [] });
      docker.resources = { containers: [container('ftkold', 'peer0.org1', 'exited')], networks: [] };
      await runNetworkUp(defaults, docker.deps(store, lines));
      expect(docker.started).to.have.length(1);
      expect(lines[0]).to.equal(
        `[up] note: network ftkold (${path.join(home, 'networks', 'ftkold.json')}) no longer runs; ` +
          '"fabric-testkit down ftkold" forgets it',
      );
    });

    it('bad input 9: when Docker does not answer, telling to start it, starting nothing', async () => {
      docker.missing = () => Promise.reject(new Error('connect ENOENT /var/run/docker.sock'));
      const error: unknown = await runNetworkUp(defaults, docker.deps(store, lines)).catch((e: unknown) => e);
      expect(error).to.be.instanceOf(DockerUnavailableError);
      expect(error).to.have.property(
        'message',
        'cannot reach a Docker engine (connect ENOENT /var/run/docker.sock); ' +
          'start Docker (or set DOCKER_HOST) and run the command again',
      );
      expect(docker.started).to.deep.equal([]);
    });

    it('when images are missing, telling to run fabric-testkit images', async () => {
      docker.missing = () => Promise.resolve(['hyperledger/fabric-peer:2.5.0']);
      const error: unknown = await runNetworkUp(defaults, docker.deps(store, lines)).catch((e: unknown) => e);
      expect(error).to.be.instanceOf(ImagesMissingError);
      expect(error).to.have.property(
        'message',
        'Fabric images missing: hyperledger/fabric-peer:2.5.0; run "fabric-testkit images" first',
      );
      expect(docker.started).to.deep.equal([]);
    });
  });
});
