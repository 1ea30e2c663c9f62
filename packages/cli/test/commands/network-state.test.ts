import { expect } from 'chai';
import { mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { homedir, tmpdir } from 'node:os';
import * as path from 'node:path';
import { NetworkCommandError } from '../../src/commands/network-errors';
import {
  checkNetworkId,
  NetworkStateStore,
  stateHome,
  type NetworkDescription,
} from '../../src/commands/network-state';

function description(id: string): NetworkDescription {
  return { id, createdAt: '2026-01-02T03:04:05.000Z', channel: 'mychannel', organizations: [], orderers: [], cas: [] };
}

describe('network state files', () => {
  let home: string;
  beforeEach(async () => {
    home = await mkdtemp(path.join(tmpdir(), 'ftk-state-'));
  });
  afterEach(async () => {
    await rm(home, { recursive: true, force: true });
  });

  it('lives in $FABRIC_TESTKIT_HOME, else ~/.fabric-testkit', () => {
    expect(stateHome({ FABRIC_TESTKIT_HOME: '/srv/ftk' })).to.equal(path.resolve('/srv/ftk'));
    expect(stateHome({})).to.equal(path.join(homedir(), '.fabric-testkit'));
    expect(stateHome({ FABRIC_TESTKIT_HOME: '' })).to.equal(path.join(homedir(), '.fabric-testkit'));
  });

  it('reads FABRIC_TESTKIT_HOME when used, not when made', () => {
    const saved = process.env['FABRIC_TESTKIT_HOME'];
    const store = new NetworkStateStore();
    try {
      process.env['FABRIC_TESTKIT_HOME'] = home;
      expect(store.fileOf('ftk01')).to.equal(path.join(home, 'networks', 'ftk01.json'));
    } finally {
      if (saved === undefined) delete process.env['FABRIC_TESTKIT_HOME'];
      else process.env['FABRIC_TESTKIT_HOME'] = saved;
    }
  });

  it('writes networks/<id>.json with mode 0600 in a 0700 directory, and reads it back', async () => {
    const store = new NetworkStateStore(home);
    const file = await store.write(description('ftk01'));

    expect(file).to.equal(path.join(home, 'networks', 'ftk01.json'));
    expect((await stat(file)).mode & 0o777).to.equal(0o600);
    expect((await stat(path.dirname(file))).mode & 0o777).to.equal(0o700);
    expect(JSON.parse(await readFile(file, 'utf8'))).to.deep.equal(description('ftk01'));
    expect(await store.read('ftk01')).to.deep.equal(description('ftk01'));
  });

  it('lists state files by ID, with the problem of one it cannot read', async () => {
    const store = new NetworkStateStore(home);
    await store.write(description('ftk02'));
    await store.write(description('ftk01'));
    await writeFile(path.join(store.directory, 'ftk03.json'), '{"id": 3}');
    await writeFile(path.join(store.directory, 'notes.txt'), 'not a state file');

    const listed = await store.list();

    expect(listed.map((s) => [s.id, s.description?.id])).to.deep.equal([
      ['ftk01', 'ftk01'],
      ['ftk02', 'ftk02'],
      ['ftk03', undefined],
    ]);
    expect(listed[2]?.problem).to.equal(
      `${path.join(store.directory, 'ftk03.json')} is not a network description (no string "id"); ` +
        'remove it with "fabric-testkit down ftk03"',
    );
  });

  it('lists nothing when the directory does not exist', async () => {
    expect(await new NetworkStateStore(path.join(home, 'absent')).list()).to.deep.equal([]);
  });

  it('removes a state file once, then says there was none', async () => {
    const store = new NetworkStateStore(home);
    await store.write(description('ftk01'));
    expect(await store.remove('ftk01')).to.equal(true);
    expect(await store.remove('ftk01')).to.equal(false);
    expect(await store.list()).to.deep.equal([]);
  });

  it('refuses IDs that are not plain names', () => {
    expect(checkNetworkId('ftk1a2b3c4d')).to.equal('ftk1a2b3c4d');
    for (const bad of ['../etc/passwd', 'a/b', '', '.hidden', 'x y']) {
      expect(() => checkNetworkId(bad), bad)
        .to.throw(NetworkCommandError)
        .with.property('message', `"${bad}" is not a network ID (letters, digits, - and _, as "ftk1a2b3c4d")`);
    }
  });
});
