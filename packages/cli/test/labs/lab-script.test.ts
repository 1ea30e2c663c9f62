import { expect } from 'chai';
import { labSteps } from '../support/lab-script';

describe('lab scripts: commands read from a lab markdown', () => {
  it('takes each line of sh blocks as a command, with the expect and exit hints under it', () => {
    const markdown = [
      '# Lab',
      'text `fabric-testkit not-a-command`',
      '```sh',
      'fabric-testkit up',
      '# expect: is up',
      '# a plain comment',
      '',
      "fabric-testkit query cc Fn 'a b'",
      '# exit: 1',
      '# expect: does not exist',
      '# expect: Fn',
      '```',
      '```json',
      '{"not": "a command"}',
      '```',
    ].join('\n');
    expect(labSteps(markdown)).to.deep.equal([
      { command: 'fabric-testkit up', line: 4, expectedExitCode: 0, expectedOutput: ['is up'] },
      {
        command: "fabric-testkit query cc Fn 'a b'",
        line: 8,
        expectedExitCode: 1,
        expectedOutput: ['does not exist', 'Fn'],
      },
    ]);
  });

  it('refuses a hint with no command above it, and a block never closed', () => {
    expect(() => labSteps('```sh\n# expect: x\n```')).to.throw('line 2: "# expect: x" has no command above it');
    expect(() => labSteps('x\n```sh\nfabric-testkit up\n')).to.throw('the sh block opened on line 2 is never closed');
  });
});
