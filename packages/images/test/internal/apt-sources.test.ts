import { expect } from 'chai';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { findAptArchive, parseSources } from '../../src/internal/apt-sources';

const DEB822 = `Types: deb
# a comment
URIs: http://mirror.invalid/debian
Suites: bookworm bookworm-updates
Components: main

Types: deb
URIs: http://mirror.invalid/debian-security
Suites: bookworm-security
Components: main

Types: deb-src
URIs: http://src.invalid/debian
Suites: trixie
`;

describe('apt sources', () => {
  it('reads one-line and deb822 entries, deb only', () => {
    expect(
      parseSources('# deb http://x.invalid/ubuntu old main\ndeb [arch=amd64] http://archive.invalid/ubuntu jammy main'),
    ).to.deep.equal([{ mirror: 'http://archive.invalid/ubuntu', suite: 'jammy' }]);
    expect(parseSources(DEB822)).to.deep.equal([
      { mirror: 'http://mirror.invalid/debian', suite: 'bookworm' },
      { mirror: 'http://mirror.invalid/debian', suite: 'bookworm-updates' },
      { mirror: 'http://mirror.invalid/debian-security', suite: 'bookworm-security' },
    ]);
  });

  it("finds the machine's main archive, skipping security and updates, and lets the environment override it", async () => {
    const root = await mkdtemp(join(tmpdir(), 'apt-sources-test-'));
    try {
      await mkdir(join(root, 'sources.list.d'));
      await writeFile(join(root, 'sources.list.d', 'debian.sources'), DEB822);
      await writeFile(join(root, 'sources.list.d', 'ignored.txt'), 'deb http://wrong.invalid/ x main');
      expect(await findAptArchive({}, root)).to.deep.equal({
        mirror: 'http://mirror.invalid/debian',
        suite: 'bookworm',
      });
      expect(await findAptArchive({ FABRIC_TESTKIT_DEBIAN_SUITE: 'trixie' }, root)).to.deep.equal({
        mirror: 'http://mirror.invalid/debian',
        suite: 'trixie',
      });
      expect(await findAptArchive({}, join(root, 'none'))).to.be.undefined;
    } finally {
      await rm(root, { recursive: true, force: true });
    }
  });
});
