import { expect } from 'chai';
import { spawnSync } from 'node:child_process';
import { isPortInUse } from '../../src/network/free-port';
import { freePort } from '../../src/network/free-port';
import {
  ChaincodeProgramError,
  chaincodeProgramProblems,
  startChaincodeProgram,
  type ChaincodeProgram,
} from '../../src/network/chaincode-program';

/** A program in Node: `script` runs with CHAINCODE_SERVER_ADDRESS and CHAINCODE_ID set, as any ccaas server would. */
function node(script: string): ChaincodeProgram {
  return { server: { command: process.execPath, args: ['-e', script] } };
}

const LISTENS = `
const [host, port] = process.env.CHAINCODE_SERVER_ADDRESS.split(':');
require('node:net').createServer((socket) => socket.end()).listen(Number(port), host, () =>
  console.log('serving ' + process.env.CHAINCODE_ID + ' as ' + process.env.CORE_PEER_LOCALMSPID));
process.on('SIGTERM', () => process.exit(0));
`;

async function rejection(promise: Promise<unknown>): Promise<unknown> {
  return promise.then(
    () => new Error('resolved'),
    (e: unknown) => e,
  );
}

describe('chaincode programs (any language, the ccaas contract: CHAINCODE_SERVER_ADDRESS, CHAINCODE_ID)', function () {
  this.timeout(20_000);

  it('starts the program with the address and package ID, resolves once it listens, stops it', async () => {
    const port = await freePort();
    const server = await startChaincodeProgram(node(LISTENS), 'kv_1.0:abc', '127.0.0.1', port, 10_000, {
      CORE_PEER_LOCALMSPID: 'Org1MSP',
    });
    expect([server.address, server.packageId, server.running]).to.deep.equal([`127.0.0.1:${port}`, 'kv_1.0:abc', true]);
    expect(await isPortInUse(port)).to.equal(true);
    await server.stop();
    expect(server.running).to.equal(false);
    expect(await isPortInUse(port)).to.equal(false);
  });

  it('names the program, its exit code and its last output when it exits before listening', async () => {
    const program = node("console.log('loading'); console.error('panic: no chaincode'); process.exit(3)");
    const error = await rejection(startChaincodeProgram(program, 'kv_1.0:abc', '127.0.0.1', await freePort(), 10_000));
    expect(error).to.be.instanceOf(ChaincodeProgramError);
    if (!(error instanceof ChaincodeProgramError)) return;
    expect(error.exitCode).to.equal(3);
    expect(error.output).to.equal('loading\npanic: no chaincode');
    expect(error.message).to.match(
      /^chaincode program `.*node -e .*` exited with code 3 before it listened on 127\.0\.0\.1:\d+; its last output:\nloading\npanic: no chaincode$/,
    );
  });

  it('stops a program that never listens, after the timeout, saying what it waited for', async () => {
    const program = node("console.log('waiting forever'); setInterval(() => undefined, 1000)");
    const port = await freePort();
    const error = await rejection(startChaincodeProgram(program, 'kv_1.0:abc', '127.0.0.1', port, 600));
    expect(String(error)).to.match(
      /did not listen on 127\.0\.0\.1:\d+ \(CHAINCODE_SERVER_ADDRESS\) within 600 ms, and was stopped; its last output:\nwaiting forever/,
    );
    const left = spawnSync('pgrep', ['-f', 'waiting forever']).stdout.toString().trim();
    expect(left).to.equal('');
  });

  it('says when the program cannot be started at all', async () => {
    const error = await rejection(
      startChaincodeProgram(
        { server: { command: 'no-such-chaincode-program' } },
        'kv',
        '127.0.0.1',
        await freePort(),
        2_000,
      ),
    );
    expect(String(error)).to.match(
      /chaincode program `no-such-chaincode-program` could not be started: spawn no-such-chaincode-program ENOENT/,
    );
  });

  it('checks a program definition before anything starts', () => {
    expect(chaincodeProgramProblems({ server: { command: ' ' } })).to.deep.equal([
      'server.command must name the program that serves the chaincode, e.g. "./bin/my-chaincode"',
    ]);
    expect(chaincodeProgramProblems({ server: { command: './bin/cc', cwd: 'relative' } })).to.deep.equal([
      'server.command ./bin/cc does not exist; give an absolute path, or a name on PATH',
      'server.cwd relative is not an existing absolute directory',
    ]);
    expect(chaincodeProgramProblems({ server: { command: process.execPath, cwd: __dirname } })).to.deep.equal([]);
  });
});
