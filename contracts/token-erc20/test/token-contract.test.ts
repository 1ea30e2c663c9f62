import { join } from 'node:path';
import chai, { expect } from 'chai';
import {
  MockNetwork,
  type ChaincodeClient,
  type MockIdentity,
  type StartedMockNetwork,
} from '@fabric-testkit/contract-test';
import { fabricMatchers } from '@fabric-testkit/contract-test/chai';
import { contracts, MINT_ADDRESS } from '../src';

chai.use(fabricMatchers);

const MAX = Number.MAX_SAFE_INTEGER;

describe('TokenERC20 contract', () => {
  let network: StartedMockNetwork;
  let minter: ChaincodeClient;
  let alice: ChaincodeClient;
  let bob: ChaincodeClient;
  let minterId: string;
  let aliceId: string;
  let bobId: string;

  beforeEach(async () => {
    network = await new MockNetwork()
      .withOrganizations('Org1MSP', 'Org2MSP')
      .withChannel('mychannel')
      .withChaincodeLogLevel('CRITICAL')
      .start();
    await network.deploy({ name: 'token', contracts });
    const minterIdentity: MockIdentity = network.identity('Org1MSP', 'minter', { attributes: { role: 'minter' } });
    minter = network.chaincode('token', { as: minterIdentity });
    alice = minter.with({ as: network.identity('Org1MSP', 'alice', { attributes: { role: 'auditor' } }) });
    bob = minter.with({ as: network.identity('Org2MSP', 'bob') });
    minterId = (await minter.evaluate('ClientAccountID')).text;
    aliceId = (await alice.evaluate('ClientAccountID')).text;
    bobId = (await bob.evaluate('ClientAccountID')).text;
  });

  afterEach(() => network.stop());

  async function balance(client: ChaincodeClient, account: string): Promise<number> {
    return (await client.evaluate('BalanceOf', account)).json<number>();
  }

  async function initialize(): Promise<void> {
    await minter.submit('Initialize', 'Fabric Coin', 'FBC', '2');
  }

  describe('Initialize and the token details', () => {
    it('stores name, symbol and decimals, readable by anyone; supply starts at 0', async () => {
      await initialize();
      expect((await bob.evaluate('Name')).text).to.equal('Fabric Coin');
      expect((await bob.evaluate('Symbol')).text).to.equal('FBC');
      expect((await bob.evaluate('Decimals')).json()).to.equal(2);
      expect((await bob.evaluate('TotalSupply')).json()).to.equal(0);
    });

    it('is for minters only: no role attribute, or another role, is refused', async () => {
      for (const client of [alice, bob]) {
        await expect(client.submit('Initialize', 'x', 'X', '0')).to.be.rejectedWithChaincodeError(
          500,
          'client is not authorized to initialize the token: it needs the attribute role=minter',
        );
      }
      expect(minter).not.to.have.state('name');
    });

    it('runs once', async () => {
      await initialize();
      await expect(minter.submit('Initialize', 'Other', 'OTH', '0')).to.be.rejectedWithChaincodeError(
        500,
        'The token is already initialized',
      );
    });

    it('refuses decimals outside 0..18', async () => {
      for (const decimals of ['19', '-1', '1.5']) {
        await expect(minter.submit('Initialize', 'x', 'X', decimals)).to.be.rejectedWithChaincodeError(
          500,
          `decimals must be an integer from 0 to 18, not ${decimals}`,
        );
      }
    });

    it('refuses every token call before Initialize', async () => {
      const calls: [string, ...string[]][] = [
        ['Name'],
        ['Symbol'],
        ['Decimals'],
        ['TotalSupply'],
        ['Mint', '1'],
        ['Burn', '1'],
        ['Transfer', bobId, '1'],
        ['Approve', bobId, '1'],
        ['TransferFrom', minterId, bobId, '1'],
      ];
      for (const [fcn, ...args] of calls) {
        await expect(minter.evaluate(fcn, ...args)).to.be.rejectedWithChaincodeError(
          500,
          'The token is not initialized: a minter must call Initialize first',
        );
      }
    });
  });

  describe('Mint', () => {
    beforeEach(initialize);

    it('credits the minter, raises the supply and emits Transfer from the zero address', async () => {
      const result = await minter.submit('Mint', '1000');
      await expect(result).to.emit('Transfer', { from: MINT_ADDRESS, to: minterId, value: 1000 });
      expect(result.event?.payload.toString()).to.equal(
        JSON.stringify({ from: MINT_ADDRESS, to: minterId, value: 1000 }),
      );
      await minter.submit('Mint', '500');
      expect(await balance(bob, minterId)).to.equal(1500);
      expect((await minter.evaluate('ClientAccountBalance')).json()).to.equal(1500);
      expect((await bob.evaluate('TotalSupply')).json()).to.equal(1500);
      expect(minter).to.have.state('totalSupply', 1500);
    });

    it('refuses a client without role=minter, even with another attribute', async () => {
      for (const client of [alice, bob]) {
        await expect(client.submit('Mint', '1000')).to.be.rejectedWithChaincodeError(
          500,
          'client is not authorized to mint new tokens: it needs the attribute role=minter',
        );
      }
      expect((await bob.evaluate('TotalSupply')).json()).to.equal(0);
    });

    it('refuses amounts that are not positive integers', async () => {
      for (const amount of ['0', '-5', '2.5']) {
        await expect(minter.submit('Mint', amount)).to.be.rejectedWithChaincodeError(
          500,
          `amount must be a positive integer, not ${amount}`,
        );
      }
      await expect(minter.submit('Mint', 'lots')).to.be.rejectedWithChaincodeError(
        500,
        'fromBuffer could not convert data to number',
      );
    });

    it('refuses to overflow the largest safe integer', async () => {
      await minter.submit('Mint', String(MAX - 1));
      await expect(minter.submit('Mint', '2')).to.be.rejectedWithChaincodeError(
        500,
        `overflow: ${MAX - 1} + 2 is more than ${MAX}`,
      );
      await minter.submit('Mint', '1');
      expect((await bob.evaluate('TotalSupply')).json()).to.equal(MAX);
    });

    it('refuses an amount a JavaScript number cannot hold exactly', async () => {
      await expect(minter.submit('Mint', '9007199254740993')).to.be.rejectedWithChaincodeError(
        500,
        'amount must be a positive integer, not 9007199254740992',
      );
    });
  });

  describe('Burn', () => {
    beforeEach(async () => {
      await initialize();
      await minter.submit('Mint', '100');
    });

    it('destroys the minter’s tokens and emits Transfer to the zero address', async () => {
      await expect(minter.submit('Burn', '30')).to.emit('Transfer', { from: minterId, to: MINT_ADDRESS, value: 30 });
      expect(await balance(minter, minterId)).to.equal(70);
      expect((await minter.evaluate('TotalSupply')).json()).to.equal(70);
    });

    it('refuses more than the balance, a bad amount, and a non-minter', async () => {
      await expect(minter.submit('Burn', '101')).to.be.rejectedWithChaincodeError(
        500,
        'insufficient funds: 100 available, 101 asked',
      );
      await expect(minter.submit('Burn', '0')).to.be.rejectedWithChaincodeError(
        500,
        'amount must be a positive integer, not 0',
      );
      await expect(bob.submit('Burn', '1')).to.be.rejectedWithChaincodeError(
        500,
        'client is not authorized to burn tokens: it needs the attribute role=minter',
      );
    });
  });

  describe('Transfer', () => {
    beforeEach(async () => {
      await initialize();
      await minter.submit('Mint', '100');
      await minter.submit('Transfer', aliceId, '40');
    });

    it('moves tokens between accounts, returns true and emits Transfer', async () => {
      const result = await alice.submit('Transfer', bobId, '15');
      expect(result.json()).to.equal(true);
      await expect(result).to.emit('Transfer', { from: aliceId, to: bobId, value: 15 });
      expect(await balance(bob, aliceId)).to.equal(25);
      expect(await balance(bob, bobId)).to.equal(15);
      expect(await balance(bob, minterId)).to.equal(60);
      expect((await bob.evaluate('TotalSupply')).json()).to.equal(100);
    });

    it('needs no minter role: any account holder may transfer', async () => {
      await expect(alice.submit('Transfer', bobId, '40')).to.have.validationCode('VALID');
      expect(await balance(alice, aliceId)).to.equal(0);
    });

    it('refuses more than the balance', async () => {
      await expect(alice.submit('Transfer', bobId, '41')).to.be.rejectedWithChaincodeError(
        500,
        'insufficient funds: 40 available, 41 asked',
      );
      await expect(bob.submit('Transfer', aliceId, '1')).to.be.rejectedWithChaincodeError(
        500,
        'insufficient funds: 0 available, 1 asked',
      );
    });

    it('refuses a transfer to oneself and a bad amount', async () => {
      await expect(alice.submit('Transfer', aliceId, '1')).to.be.rejectedWithChaincodeError(
        500,
        'cannot transfer to and from the same account',
      );
      await expect(alice.submit('Transfer', bobId, '-1')).to.be.rejectedWithChaincodeError(
        500,
        'amount must be a positive integer, not -1',
      );
    });

    it('commits only the first of two transfers from one account in one block (MVCC_READ_CONFLICT)', async () => {
      const [first, second] = await network.block([
        alice.endorse('Transfer', bobId, '30'),
        alice.endorse('Transfer', minterId, '30'),
      ]);
      await expect(first).to.have.validationCode('VALID');
      await expect(second).to.have.validationCode('MVCC_READ_CONFLICT');
      // Each was endorsed against a balance of 40, so each alone was fine: only commit-time validation stops the
      // second from spending the same tokens again.
      expect(await balance(bob, aliceId)).to.equal(10);
      expect(await balance(bob, bobId)).to.equal(30);
      expect(await balance(bob, minterId)).to.equal(60);
    });
  });

  describe('Approve, Allowance and TransferFrom', () => {
    beforeEach(async () => {
      await initialize();
      await minter.submit('Mint', '100');
      await minter.submit('Transfer', aliceId, '50');
    });

    it('records an allowance and emits Approval; a later Approve replaces it', async () => {
      const result = await alice.submit('Approve', bobId, '20');
      expect(result.json()).to.equal(true);
      await expect(result).to.emit('Approval', { owner: aliceId, spender: bobId, value: 20 });
      expect((await minter.evaluate('Allowance', aliceId, bobId)).json()).to.equal(20);
      expect((await minter.evaluate('Allowance', bobId, aliceId)).json()).to.equal(0);
      await alice.submit('Approve', bobId, '0');
      expect((await minter.evaluate('Allowance', aliceId, bobId)).json()).to.equal(0);
    });

    it('refuses a negative or fractional allowance', async () => {
      for (const value of ['-1', '0.5']) {
        await expect(alice.submit('Approve', bobId, value)).to.be.rejectedWithChaincodeError(
          500,
          `value must be a non-negative integer, not ${value}`,
        );
      }
    });

    it('lets the spender move the owner’s tokens to anyone, lowering the allowance; emits Transfer', async () => {
      await alice.submit('Approve', bobId, '20');
      const result = await bob.submit('TransferFrom', aliceId, minterId, '15');
      expect(result.json()).to.equal(true);
      await expect(result).to.emit('Transfer', { from: aliceId, to: minterId, value: 15 });
      expect(await balance(bob, aliceId)).to.equal(35);
      expect(await balance(bob, minterId)).to.equal(65);
      expect((await bob.evaluate('Allowance', aliceId, bobId)).json()).to.equal(5);
    });

    it('refuses more than the allowance, and a spender with none', async () => {
      await alice.submit('Approve', bobId, '20');
      await expect(bob.submit('TransferFrom', aliceId, bobId, '21')).to.be.rejectedWithChaincodeError(
        500,
        'the spender does not have enough allowance: 20 available, 21 asked',
      );
      await expect(minter.submit('TransferFrom', aliceId, minterId, '1')).to.be.rejectedWithChaincodeError(
        500,
        'the spender does not have enough allowance: 0 available, 1 asked',
      );
      await expect(bob.submit('TransferFrom', aliceId, bobId, '0')).to.be.rejectedWithChaincodeError(
        500,
        'amount must be a positive integer, not 0',
      );
    });

    it('refuses more than the owner’s balance, even within the allowance', async () => {
      await alice.submit('Approve', bobId, '80');
      await expect(bob.submit('TransferFrom', aliceId, bobId, '60')).to.be.rejectedWithChaincodeError(
        500,
        'insufficient funds: 50 available, 60 asked',
      );
      expect((await bob.evaluate('Allowance', aliceId, bobId)).json()).to.equal(80);
    });

    it('lets one of two spends of the same allowance in one block commit', async () => {
      await alice.submit('Approve', bobId, '20');
      const [first, second] = await network.block([
        bob.endorse('TransferFrom', aliceId, bobId, '20'),
        bob.endorse('TransferFrom', aliceId, minterId, '20'),
      ]);
      await expect(first).to.have.validationCode('VALID');
      await expect(second).to.have.validationCode('MVCC_READ_CONFLICT');
      expect((await bob.evaluate('Allowance', aliceId, bobId)).json()).to.equal(0);
      expect(await balance(bob, minterId)).to.equal(50);
    });
  });

  describe('storage', () => {
    it('keeps balances under composite keys balance~<account> as decimal text', async () => {
      await initialize();
      await minter.submit('Mint', '7');
      const key = `\u0000balance\u0000${minterId}\u0000`;
      expect(minter.state(key)?.toString()).to.equal('7');
      await alice.submit('Approve', bobId, '3');
      expect(minter.state(`\u0000allowance\u0000${aliceId}\u0000${bobId}\u0000`)?.toString()).to.equal('3');
    });
  });

  describe('contract metadata', () => {
    it('describes every transaction through org.hyperledger.fabric:GetMetadata, loaded from the package as a peer does', async () => {
      await network.deploy({ name: 'token-package', modulePath: join(__dirname, '..', '..') });
      const metadata = (await network.chaincode('token-package').evaluate('org.hyperledger.fabric:GetMetadata')).json<{
        contracts: Record<string, { transactions: { name: string; tag?: string[] }[] }>;
      }>();
      const transactions = metadata.contracts.TokenERC20?.transactions ?? [];
      expect(transactions.map((tx) => tx.name).sort()).to.deep.equal([
        'Allowance',
        'Approve',
        'BalanceOf',
        'Burn',
        'ClientAccountBalance',
        'ClientAccountID',
        'Decimals',
        'Initialize',
        'Mint',
        'Name',
        'Symbol',
        'TotalSupply',
        'Transfer',
        'TransferFrom',
      ]);
      const mint = transactions.find((tx) => tx.name === 'Mint');
      expect(mint?.tag).to.include('SUBMIT');
      expect(transactions.find((tx) => tx.name === 'BalanceOf')?.tag).to.include('EVALUATE');
    });
  });
});
