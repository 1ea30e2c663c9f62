import { readFile, readdir } from 'node:fs/promises';
import { join } from 'node:path';

/** A Debian/Ubuntu archive to bootstrap a root file system from. */
export interface AptArchive {
  readonly mirror: string;
  readonly suite: string;
}

/** Environment variables that override the archive read from the machine's apt sources. */
export const MIRROR_ENV = 'FABRIC_TESTKIT_DEBIAN_MIRROR';
export const SUITE_ENV = 'FABRIC_TESTKIT_DEBIAN_SUITE';

/**
 * Finds the machine's main archive (not -security, -updates or -backports) in apt's sources, in
 * one-line (`deb URI SUITE COMPONENTS`) or deb822 (`URIs:` / `Suites:`) format. Nothing is hard-coded: the mirror
 * is whatever this machine's apt uses.
 */
export async function findAptArchive(
  env: NodeJS.ProcessEnv = process.env,
  root = '/etc/apt',
): Promise<AptArchive | undefined> {
  const fromEnv = { mirror: env[MIRROR_ENV], suite: env[SUITE_ENV] };
  const texts: string[] = [];
  for (const file of await sourceFiles(root)) texts.push(await readFile(file, 'utf8').catch(() => ''));
  const found = texts.flatMap(parseSources).find(isMainArchive);
  const mirror = fromEnv.mirror ?? found?.mirror;
  const suite = fromEnv.suite ?? found?.suite;
  return mirror !== undefined && suite !== undefined ? { mirror, suite } : undefined;
}

async function sourceFiles(root: string): Promise<string[]> {
  const files = [join(root, 'sources.list')];
  const dir = join(root, 'sources.list.d');
  const entries = await readdir(dir).catch(() => [] as string[]);
  for (const entry of entries.sort()) {
    if (entry.endsWith('.list') || entry.endsWith('.sources')) files.push(join(dir, entry));
  }
  return files;
}

/** Every (mirror, suite) pair of `deb` entries in one sources file of either format. */
export function parseSources(text: string): AptArchive[] {
  const archives: AptArchive[] = [];
  for (const line of text.split('\n')) {
    const match = /^\s*deb\s+(?:\[[^\]]*\]\s+)?(\S+)\s+(\S+)/.exec(line);
    if (match?.[1] !== undefined && match[2] !== undefined) archives.push({ mirror: match[1], suite: match[2] });
  }
  for (const stanza of text.split(/\n\s*\n/)) {
    const field = (name: string): string[] => {
      const match = new RegExp(`^${name}:\\s*(.+)$`, 'mi').exec(stanza);
      return match?.[1]?.trim().split(/\s+/) ?? [];
    };
    if (!field('Types').includes('deb') || /^Enabled:\s*no/im.test(stanza)) continue;
    for (const mirror of field('URIs')) for (const suite of field('Suites')) archives.push({ mirror, suite });
  }
  return archives;
}

function isMainArchive(archive: AptArchive): boolean {
  return /^https?:\/\//.test(archive.mirror) && !archive.suite.includes('-') && !/security/.test(archive.mirror);
}
