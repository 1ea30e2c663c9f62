import { MissingToolError } from '../errors';
import type { ProgressListener } from '../progress';
import type { Runner } from './run';

/** A host tool the build needs, and the Debian/Ubuntu packages that provide it. */
export interface ToolRequirement {
  readonly command: string;
  readonly aptPackages: readonly string[];
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
  if (await hasCommand(run, tool.command)) return;
  if (!isRoot || !(await hasCommand(run, 'apt-get'))) throw new MissingToolError(tool.command, tool.remedy);
  const subject = tool.aptPackages.join(' ');
  onProgress({ step: 'install', status: 'start', subject, detail: `${tool.command} not found; apt-get install` });
  const started = Date.now();
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  const update = await run('apt-get', ['update', '-qq'], { env });
  const install =
    update.code === 0 ? await run('apt-get', ['install', '-y', '-qq', ...tool.aptPackages], { env }) : update;
  if (install.code !== 0 || !(await hasCommand(run, tool.command))) {
    onProgress({ step: 'install', status: 'failed', subject, elapsedMs: Date.now() - started });
    throw new MissingToolError(tool.command, `apt-get could not install ${subject}; ${tool.remedy}`);
  }
  onProgress({ step: 'install', status: 'done', subject, elapsedMs: Date.now() - started });
}

async function hasCommand(run: Runner, command: string): Promise<boolean> {
  const result = await run('sh', ['-c', 'command -v "$1"', 'sh', command]);
  return result.code === 0 && result.stdout.trim() !== '';
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
