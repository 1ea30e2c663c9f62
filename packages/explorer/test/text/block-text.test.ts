import { expect } from 'chai';
import { blockLines, LedgerExplorer, mockLedgerSource } from '../../src';
import { testLedger } from '../fixtures/ledger';

describe('blockLines (the text of `fabric-testkit blocks`)', () => {
  it('prints each transaction with its code, call, creator, reads with versions, writes and the MVCC reason', async () => {
    const ledger = testLedger();
    await ledger.submit(ledger.alice, 'put', 'asset1', 'v0');
    const endorse = (value: string) =>
      ledger.channel.endorse({ chaincode: 'kv', fcn: 'update', args: ['asset1', value], identity: ledger.bob });
    await ledger.channel.commit([await endorse('a'), await endorse('b')]);
    const explorer = new LedgerExplorer(mockLedgerSource(ledger.fabric));
    await explorer.refresh();
    const [block] = explorer.blocks('mychannel', { from: 1 });
    const lines = blockLines(block ?? { channel: '', number: -1, transactions: [] });
    expect(lines[0]).to.equal('block 1 of mychannel: 2 transactions');
    expect(lines[1]).to.equal('  tx 0 VALID kv.update("asset1", "a")');
    expect(lines[2]).to.match(/^ {4}id [0-9a-f]{64}; by CN=bob, .*\(Org2MSP\); endorsed by Org2MSP$/);
    expect(lines).to.include('    read  kv asset1 @ 0:0');
    expect(lines).to.include('    write kv asset1 = b');
    expect(lines).to.include('  tx 1 MVCC_READ_CONFLICT kv.update("asset1", "b")');
    const why = lines.find((line) => line.startsWith('    why   '));
    expect(why).to.contain('asset1 was read at version 0:0').and.contain('earlier in the same block');
    expect(lines.some((line) => line.includes('_lifecycle'))).to.equal(false);
  });
});
