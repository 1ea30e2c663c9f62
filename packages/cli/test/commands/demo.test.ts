import { expect } from 'chai';
import { Command } from 'commander';
import * as sinon from 'sinon';
import { registerDemo, runDemo } from '../../src/commands/demo';
import { createProgram, main } from '../../src/main';

describe('fabric-testkit demo', () => {
  let lines: string[];

  before(async () => {
    lines = [];
    await runDemo((line) => lines.push(line));
  });

  function step(number: number): string[] {
    const start = lines.findIndex((line) => line.startsWith(`${number}. `));
    const end = lines.findIndex((line, index) => index > start && /^(\d+\. |$)/.test(line));
    return lines.slice(start, end);
  }

  it('deploys asset-transfer-basic on two organizations', () => {
    expect(lines).to.include('network   organizations Org1MSP, Org2MSP; channel mychannel');
    expect(
      lines.some((line) => /^chaincode basic 0\.1\.0, contracts AssetTransfer, org\.hyperledger\.fabric/.test(line)),
    ).to.equal(true);
  });

  it('creates, reads and transfers an asset with events', () => {
    expect(step(1)[1]).to.match(/^ {3}committed: block \d+, tx [0-9a-f]{8}…, VALID, event AssetCreated$/);
    expect(step(2)[1]).to.equal('   asset1: blue, size 5, value 300, owner alice@Org1MSP');
    expect(step(3)[1]).to.match(/VALID, event AssetTransferred$/);
  });

  it("shows the gateway's refusal and the peer's error text for the unauthorized update", () => {
    expect(step(4).slice(1, 3)).to.deep.equal([
      '   rejected at endorsement (EndorseError): 10 ABORTED: failed to endorse transaction, see attached details for more info',
      '     peer0.org1msp:7051 (Org1MSP): chaincode response 500, alice@Org1MSP may not update asset asset1: it is owned by bob@Org2MSP',
    ]);
  });

  it('shows one VALID and one MVCC_READ_CONFLICT transfer in one block', () => {
    const lines5 = step(5);
    expect(lines5[1]).to.match(/^ {3}tx 0 [0-9a-f]{8}…: VALID$/);
    expect(lines5[2]).to.match(/^ {3}tx 1 [0-9a-f]{8}…: MVCC_READ_CONFLICT$/);
    expect(lines5).to.include('   asset1 is owned by alice@Org1MSP');
  });

  it('prints the history newest first', () => {
    expect(
      step(6)
        .slice(1)
        .map((line) => line.replace(/tx [0-9a-f]{8}…/, 'tx X')),
    ).to.deep.equal([
      '   tx X: blue, owner alice@Org1MSP',
      '   tx X: blue, owner bob@Org2MSP',
      '   tx X: blue, owner alice@Org1MSP',
    ]);
  });

  it('is registered as a command', () => {
    const program = new Command();
    registerDemo(program);
    expect(program.commands.map((command) => command.name())).to.deep.equal(['demo']);
    expect(createProgram().commands.map((command) => command.name())).to.include('demo');
  });

  it('runs as `fabric-testkit demo`, writing to stdout and exiting 0', async () => {
    const written: string[] = [];
    const write = sinon.stub(process.stdout, 'write').callsFake((chunk: string | Uint8Array) => {
      written.push(chunk.toString());
      return true;
    });
    try {
      expect(await main(['node', 'fabric-testkit', 'demo'])).to.equal(0);
    } finally {
      write.restore();
    }
    expect(written.join('')).to.match(/tx 1 [0-9a-f]{8}…: MVCC_READ_CONFLICT\n/);
  });
});
