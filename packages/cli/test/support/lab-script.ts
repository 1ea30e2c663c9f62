/**
 * Reads a lab's commands out of its markdown, as a student reads them: every line of a fenced `sh` block is a
 * command, except `# expect: TEXT` (the command's output shows TEXT) and `# exit: N` (its exit code, default 0)
 * lines, which belong to the command above them. Other comments and blank lines are ignored.
 */

/** One command of a lab and what it must do. */
export interface LabStep {
  /** The command line exactly as written. */
  readonly command: string;
  /** The markdown line it is on (1-based), for failure messages. */
  readonly line: number;
  readonly expectedExitCode: number;
  /** Texts its output (stdout and stderr) must contain. */
  readonly expectedOutput: readonly string[];
}

/** The steps of a lab, in order. Throws on a hint with no command above it or a block that is never closed. */
export function labSteps(markdown: string): LabStep[] {
  const steps: { command: string; line: number; expectedExitCode: number; expectedOutput: string[] }[] = [];
  let inBlock = false;
  let opened = 0;
  for (const [index, raw] of markdown.split('\n').entries()) {
    const text = raw.trim();
    if (!inBlock) {
      if (text === '```sh') {
        inBlock = true;
        opened = index + 1;
      }
      continue;
    }
    if (text === '```') {
      inBlock = false;
      continue;
    }
    const hint = /^# (expect|exit): (.*)$/.exec(text);
    const last = steps[steps.length - 1];
    if (hint !== null) {
      if (last === undefined) throw new Error(`line ${index + 1}: "${text}" has no command above it`);
      if (hint[1] === 'exit') last.expectedExitCode = Number(hint[2]);
      else last.expectedOutput.push(hint[2] ?? '');
    } else if (text !== '' && !text.startsWith('#')) {
      steps.push({ command: text, line: index + 1, expectedExitCode: 0, expectedOutput: [] });
    }
  }
  if (inBlock) throw new Error(`the sh block opened on line ${opened} is never closed`);
  return steps;
}
