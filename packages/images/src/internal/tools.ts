import { MissingToolError } from '../errors';
import type { ProgressListener } from '../progress';
import type { Runner } from './run';

/** A host tool the build needs, and the Debian/Ubuntu packages that provide it. */
export interface ToolRequirement {
  readonly command: string;
  readonly aptPackages: readonly string[];
  /**
   * Other commands, and absolute paths of files (headers, libraries), that the packages provide and the build needs
   * too: the tool counts as installed only when all of them are there.
   */
  readonly alsoNeeds?: readonly string[];
  /** What to tell a user who must install it themselves. */
  readonly remedy: string;
}

/**
 * Makes sure a command exists. Where it does not, and we are root on a machine with apt-get (a fresh CI
 * machine), installs its packages the way scripts/ensure-docker.sh installs docker.io; otherwise throws
 * {@link MissingToolError} with the remedy.
 */
export async function ensureTool(
  run: Runner,
  tool: ToolRequirement,
  onProgress: ProgressListener,
  isRoot: boolean = process.getuid?.() === 0,
): Promise<void> {
  if (await isInstalled(run, tool)) return;
  if (!isRoot || !(await hasCommand(run, 'apt-get'))) throw new MissingToolError(tool.command, tool.remedy);
  const subject = tool.aptPackages.join(' ');
  onProgress({ step: 'install', status: 'start', subject, detail: `${tool.command} not found; apt-get install` });
  const started = Date.now();
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  const update = await run('apt-get', ['update', '-qq'], { env });
  const install =
    update.code === 0 ? await run('apt-get', ['install', '-y', '-qq', ...tool.aptPackages], { env }) : update;
  if (install.code !== 0 || !(await isInstalled(run, tool))) {
    onProgress({ step: 'install', status: 'failed', subject, elapsedMs: Date.now() - started });
    throw new MissingToolError(tool.command, `apt-get could not install ${subject}; ${tool.remedy}`);
  }
  onProgress({ step: 'install', status: 'done', subject, elapsedMs: Date.now() - started });
}

async function isInstalled(run: Runner, tool: ToolRequirement): Promise<boolean> {
  if (!(await hasCommand(run, tool.command))) return false;
  const also = tool.alsoNeeds ?? [];
  if (also.length === 0) return true;
  const script = 'for x; do case $x in /*) test -e "$x" ;; *) command -v "$x" >/dev/null ;; esac || exit 1; done';
  return (await run('sh', ['-c', script, 'sh', ...also])).code === 0;
}

async function hasCommand(run: Runner, command: string): Promise<boolean> {
  return (await commandPath(run, command)) !== undefined;
}

/** Where a command is (`command -v`), or `undefined` when it is not installed. */
export async function commandPath(run: Runner, command: string): Promise<string | undefined> {
  const result = await run('sh', ['-c', 'command -v "$1"', 'sh', command]);
  const path = result.stdout.trim();
  return result.code === 0 && path !== '' ? path : undefined;
}

/** The C toolchain cgo needs to link fabric-ca statically (sqlite). */
export const GCC: ToolRequirement = {
  command: 'gcc',
  aptPackages: ['gcc', 'libc6-dev'],
  remedy: 'install gcc and the C library headers (Debian/Ubuntu: apt-get install gcc libc6-dev).',
};

/** Makes the minimal Debian root file system the built images are based on. */
export const DEBOOTSTRAP: ToolRequirement = {
  command: 'debootstrap',
  aptPackages: ['debootstrap'],
  remedy: 'install debootstrap (Debian/Ubuntu: apt-get install debootstrap) and run as root.',
};

/**
 * What compiling CouchDB needs, as its build recipe on Debian: Erlang/OTP with headers, reltool and eunit, rebar and
 * rebar3 (used instead of the ones `configure` would download), ICU headers for its collation driver, a C/C++ compiler
 * for the NIFs and QuickJS, pkg-config, and git (the build runs `git describe`).
 */
export const COUCHDB_BUILD_TOOLS: ToolRequirement = {
  command: 'rebar3',
  aptPackages: [
    'erlang-nox',
    'erlang-dev',
    'erlang-reltool',
    'erlang-eunit',
    'rebar',
    'rebar3',
    'libicu-dev',
    'build-essential',
    'pkg-config',
    'git',
  ],
  alsoNeeds: [
    'erl',
    'rebar',
    'g++',
    'make',
    'pkg-config',
    'git',
    '/usr/lib/erlang/usr/include/erl_nif.h',
    '/usr/include/unicode/ucol.h',
  ],
  remedy:
    'install Erlang/OTP 25 or later with its headers, rebar, rebar3, the ICU headers and a C/C++ toolchain ' +
    '(Debian/Ubuntu: apt-get install erlang-nox erlang-dev erlang-reltool erlang-eunit rebar rebar3 libicu-dev ' +
    'build-essential pkg-config git).',
};
