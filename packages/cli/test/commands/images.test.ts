import { expect } from 'chai';
import { Command } from 'commander';
import {
  resolveVersions,
  type EnsureCouchDbImageOptions,
  type EnsureCouchDbImageResult,
  UnknownVersionError,
  type EnsureImagesOptions,
  type EnsureImagesResult,
} from '@fabric-testkit/images';
import { registerImagesCommand, runImagesCommand, summaryLine } from '../../src/commands/images';

const versions = resolveVersions({}, {});
const refs = ['peer', 'orderer', 'tools'].map((c) => `hyperledger/fabric-${c}:2.5.16`);

function result(outcomes: readonly ('present' | 'pulled' | 'built')[], elapsedMs = 1234): EnsureImagesResult {
  const components = ['peer', 'orderer', 'tools', 'ca'] as const;
  return {
    versions,
    elapsedMs,
    images: outcomes.map((outcome, i) => ({
      component: components[i] ?? 'peer',
      ref: [...refs, 'hyperledger/fabric-ca:1.5.21'][i] ?? '',
      outcome,
    })),
  };
}

describe('fabric-testkit images', () => {
  it('passes the flags to ensureImages, prints each step and a summary line', async () => {
    const lines: string[] = [];
    let seen: EnsureImagesOptions | undefined;
    const program = new Command().exitOverride();
    registerImagesCommand(program, {
      ensure: (options) => {
        seen = options;
        options.onProgress?.({ step: 'compile', status: 'done', subject: 'peer', elapsedMs: 2000 });
        return Promise.resolve(result(['built', 'built', 'pulled', 'present'], 61_500));
      },
      write: (line) => lines.push(line),
    });
    await program.parseAsync([
      'node',
      'x',
      'images',
      '--fabric',
      '2.5',
      '--ca',
      '1.5',
      '--no-pull',
      '--pull-timeout',
      '5',
    ]);

    expect(seen).to.include({ fabric: '2.5', ca: '1.5', pull: false, rebuild: false, pullTimeoutMs: 5000 });
    expect(lines).to.deep.equal([
      '[images] making sure the Fabric images exist (present locally, else pulled, else built from source)',
      '[images] compile     peer: done (2.0 s)',
      '[images] Fabric 2.5.16 / Fabric CA 1.5.21: 1 present, 1 pulled, 2 built (took 61.5 s)',
    ]);
  });

  it('pulls by default and rebuilds only when asked', async () => {
    const seen: EnsureImagesOptions[] = [];
    const deps = {
      ensure: (options: EnsureImagesOptions): Promise<EnsureImagesResult> => {
        seen.push(options);
        return Promise.resolve(result(['present']));
      },
      write: (): void => undefined,
    };
    for (const args of [[], ['--rebuild']]) {
      const program = new Command().exitOverride();
      registerImagesCommand(program, deps);
      await program.parseAsync(['node', 'x', 'images', ...args]);
    }
    expect(seen.map((o) => [o.pull, o.rebuild, o.pullTimeoutMs, o.fabric])).to.deep.equal([
      [true, false, 30_000, undefined],
      [true, true, 30_000, undefined],
    ]);
  });

  it('also ensures the CouchDB image with --couchdb-source (or --couchdb), with the same pull settings', async () => {
    const lines: string[] = [];
    const seen: EnsureCouchDbImageOptions[] = [];
    const deps = {
      ensure: (): Promise<EnsureImagesResult> => Promise.resolve(result(['present'], 100)),
      ensureCouchDb: (options: EnsureCouchDbImageOptions): Promise<EnsureCouchDbImageResult> => {
        seen.push(options);
        options.onProgress?.({ step: 'compile', status: 'running', subject: 'couchdb 3.4.3', elapsedMs: 30_000 });
        return Promise.resolve({ ref: 'couchdb:3.4.3', outcome: 'built', elapsedMs: 181_000 });
      },
      write: (line: string) => lines.push(line),
    };
    for (const args of [['--couchdb-source', '/src/couchdb', '--no-pull'], ['--couchdb'], []]) {
      const program = new Command().exitOverride();
      registerImagesCommand(program, deps);
      await program.parseAsync(['node', 'x', 'images', ...args]);
    }
    expect(seen.map((o) => [o.source, o.pull, o.rebuild, o.pullTimeoutMs])).to.deep.equal([
      ['/src/couchdb', false, false, 30_000],
      [undefined, true, false, 30_000],
    ]);
    expect(lines.filter((line) => line.includes('couchdb'))).to.deep.equal([
      '[images] compile     couchdb 3.4.3: running (30.0 s)',
      '[images] couchdb:3.4.3: built (took 181.0 s)',
      '[images] compile     couchdb 3.4.3: running (30.0 s)',
      '[images] couchdb:3.4.3: built (took 181.0 s)',
    ]);
  });

  it('says so when every image is present', () => {
    expect(summaryLine(result(['present', 'present', 'present', 'present'], 300))).to.equal(
      'Fabric 2.5.16 / Fabric CA 1.5.21: all 4 images present, nothing to build (took 0.3 s)',
    );
  });

  it('bad input 8: refuses a Fabric version that is not pinned, listing the pinned ones, before doing anything', async () => {
    const lines: string[] = [];
    let ensured = false;
    const program = new Command().exitOverride();
    registerImagesCommand(program, {
      ensure: () => {
        ensured = true;
        return Promise.resolve(result(['present', 'present', 'present', 'present']));
      },
      write: (line) => lines.push(line),
    });
    const error: unknown = await program
      .parseAsync(['node', 'x', 'images', '--fabric', '2.4'])
      .catch((e: unknown) => e);
    expect(error).to.be.instanceOf(UnknownVersionError);
    expect(error).to.have.property(
      'message',
      'Fabric version 2.4 is not pinned; pick one of 2.5.0, 2.5.16, 3.1.5 (or a line such as 2.5).',
    );
    expect(ensured).to.equal(false);
    expect(lines).to.deep.equal([]);
  });

  it('bad input 8: refuses an unpinned FABRIC_TESTKIT_FABRIC_VERSION, naming the variable', async () => {
    const saved = process.env['FABRIC_TESTKIT_FABRIC_VERSION'];
    process.env['FABRIC_TESTKIT_FABRIC_VERSION'] = '2.4.9';
    try {
      const error: unknown = await runImagesCommand(
        { pull: true, pullTimeout: '30' },
        { ensure: () => Promise.reject(new Error('must not be called')), write: () => undefined },
      ).catch((e: unknown) => e);
      expect(error).to.have.property(
        'message',
        'Fabric version 2.4.9 (from FABRIC_TESTKIT_FABRIC_VERSION) is not pinned; set FABRIC_TESTKIT_FABRIC_VERSION ' +
          'to one of 2.5.0, 2.5.16, 3.1.5 (or a line such as 2.5), or unset it for the default.',
      );
    } finally {
      if (saved === undefined) delete process.env['FABRIC_TESTKIT_FABRIC_VERSION'];
      else process.env['FABRIC_TESTKIT_FABRIC_VERSION'] = saved;
    }
  });

  it('rejects a pull timeout that is not a positive number', async () => {
    const error = await runImagesCommand(
      { pull: true, pullTimeout: 'soon' },
      { ensure: () => Promise.reject(new Error('not called')), write: () => undefined },
    ).then(
      () => undefined,
      (caught: unknown) => caught,
    );
    expect(String(error)).to.contain('--pull-timeout must be a positive number of seconds, not soon');
  });
});
