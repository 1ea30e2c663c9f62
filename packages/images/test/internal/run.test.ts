import { expect } from 'chai';
import { outputTail, runCommand } from '../../src/internal/run';

describe('runCommand', () => {
  it('runs a command, keeps its output and reports each line', async () => {
    const lines: string[] = [];
    const result = await runCommand(
      process.execPath,
      ['-e', 'process.stdout.write("a\\nb"); process.stderr.write("c\\n"); process.exit(3)'],
      { onLine: (line) => lines.push(line) },
    );
    expect(result.code).to.equal(3);
    expect(result.stdout).to.equal('a\nb');
    expect(result.stderr).to.equal('c\n');
    expect(lines.sort()).to.deep.equal(['a', 'b', 'c']);
    expect(result.timedOut).to.be.false;
  });

  it('passes standard input and the working directory', async () => {
    const result = await runCommand(
      process.execPath,
      ['-e', 'process.stdin.pipe(process.stdout); process.stdin.on("end", () => console.log(process.cwd()))'],
      { input: 'in:', cwd: '/' },
    );
    expect(result.stdout).to.equal('in:/\n');
  });

  it('kills a command that outlives its timeout', async () => {
    const result = await runCommand(process.execPath, ['-e', 'setTimeout(() => {}, 60000)'], { timeoutMs: 200 });
    expect(result.timedOut).to.be.true;
    expect(result.code).to.not.equal(0);
  });

  it('reports a command that does not exist', async () => {
    const result = await runCommand('fabric-testkit-no-such-command', []);
    expect(result.notFound).to.be.true;
  });

  it('keeps the last non-empty lines for error messages', () => {
    expect(outputTail({ stdout: 'a\n\nb\n', stderr: 'c\n' }, 2)).to.equal('b\nc');
  });
});
