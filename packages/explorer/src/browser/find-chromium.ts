import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';

/**
 * The system Chromium, to look at the explorer page with (the browser tests drive it with playwright-core):
 * `FABRIC_TESTKIT_CHROMIUM`, else `chromium` or `chromium-browser` on the PATH; undefined when there is none.
 */
export function findChromium(): string | undefined {
  const configured = process.env['FABRIC_TESTKIT_CHROMIUM'];
  if (configured !== undefined && configured !== '') return configured;
  for (const name of ['chromium', 'chromium-browser']) {
    try {
      const found = execFileSync('sh', ['-c', `command -v ${name}`], { encoding: 'utf8' }).trim();
      if (found !== '' && existsSync(found)) return found;
    } catch {
      // not on the PATH: try the next name
    }
  }
  return undefined;
}
