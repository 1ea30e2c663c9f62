// One suite, two targets: `npm test` runs it on the in-memory peer; FABRIC_TESTKIT_TARGET=network npm test runs
// the very same tests on a real two-organization Fabric network in containers, where the minter role is an
// attribute its CA put into the certificate.
import * as path from 'node:path';
import chai, { expect } from 'chai';
import {
  createNetwork,
  targetFromEnvironment,
  type ChaincodeClient,
  type StartedNetwork,
} from '@fabric-testkit/network';
import { fabricMatchers } from '@fabric-testkit/network/chai';
import { useFixture, useNetwork } from '@fabric-testkit/network/mocha';
import { MINT_ADDRESS } from '../src';

chai.use(fabricMatchers);

/** This package's directory (the test runs from dist/test): what a peer's chaincode process serves. */
const modulePath = path.resolve(__dirname, '..', '..');

const MAX = Number.MAX_SAFE_INTEGER;

/** The clients of every fixture and their account ids (`ClientAccountID`). */
interface Accounts {
  /** Org1MSP, `role=minter` in its certificate. */
  readonly minter: ChaincodeClient;
  /** Org1MSP, `role=auditor`: an attribute, but not the one minting needs. */
  readonly alice: ChaincodeClient;
  /** Org2MSP, no attributes. */
  readonly bob: ChaincodeClient;
  readonly minterId: string;
  readonly aliceId: string;
  readonly bobId: string;
}

/** The token deployed, not yet initialized. */
async function deployed(network: StartedNetwork): Promise<Accounts> {
  await network.deploy({ name: 'token', modulePath });
  const minter = network.chaincode('token', {
    as: await network.identity('Org1MSP', 'minter', { attributes: { role: 'minter' } }),
  });
  const alice = minter.with({ as: await network.identity('Org1MSP', 'alice', { attributes: { role: 'auditor' } }) });
  const bob = minter.with({ as: await network.identity('Org2MSP', 'bob') });
  const accountOf = async (client: ChaincodeClient): Promise<string> => (await client.evaluate('ClientAccountID')).text;
  return {
    minter,
    alice,
    bob,
    minterId: await accountOf(minter),
    aliceId: await accountOf(alice),
    bobId: await accountOf(bob),
  };
}

/** Initialized as `Fabric Coin` (FBC, 2 decimals), nothing minted. */
async function initialized(network: StartedNetwork): Promise<Accounts> {
  const accounts = await deployed(network);
  await accounts.minter.submit('Initialize', 'Fabric Coin', 'FBC', '2');
  return accounts;
}

/** 100 tokens minted to the minter. */
async function minted(network: StartedNetwork): Promise<Accounts> {
  const accounts = await initialized(network);
  await accounts.minter.submit('Mint', '100');
  return accounts;
}

/** 100 minted, 40 of them given to alice. */
async function aliceHas40(network: StartedNetwork): Promise<Accounts> {
  const accounts = await minted(network);
  await accounts.minter.submit('Transfer', accounts.aliceId, '40');
  return accounts;
}

/** 100 minted, 50 of them given to alice. */
async function aliceHas50(network: StartedNetwork): Promise<Accounts> {
  const accounts = await minted(network);
  await accounts.minter.submit('Transfer', accounts.aliceId, '50');
  return accounts;
}

describe('TokenERC20 contract', function () {
  // On a real network each submit waits for a block on both organizations' peers: seconds, not milliseconds.
  if (targetFromEnvironment() === 'network') this.timeout(60_000);

  let minter: ChaincodeClient;
  let alice: ChaincodeClient;
  let bob: ChaincodeClient;
  let minterId: string;
  let aliceId: string;
  let bobId: string;

  const network = useNetwork(() =>
    // The suite provokes chaincode errors on purpose: CRITICAL keeps fabric-shim from logging each one.
    createNetwork({ progress: (line) => console.log(`      ${line}`) })
      .withChaincodeLogLevel('CRITICAL')
      .withOrganizations('Org1MSP', 'Org2MSP')
      .withChannel('mychannel'),
  );

  /** Gives each test of the enclosing describe the fixture's state (a fresh channel on a real network). */
  function startFrom(fixture: (network: StartedNetwork) => Promise<Accounts>): void {
    useFixture(network, fixture, (value) => ({ minter, alice, bob, minterId, aliceId, bobId } = value));
  }

  async function balance(client: ChaincodeClient, account: string): Promise<number> {
    return (await client.evaluate('BalanceOf', account)).json<number>();
  }

  async function totalSupply(client: ChaincodeClient): Promise<number> {
    return (await client.evaluate('TotalSupply')).json<number>();
  }

  describe('Initialize and the token details', () => {
    startFrom(deployed);

    it('stores name, symbol and decimals, readable by anyone; supply starts at 0', async () => {
      await minter.submit('Initialize', 'Fabric Coin', 'FBC', '2');
      expect((await bob.evaluate('Name')).text).to.equal('Fabric Coin');
      expect((await bob.evaluate('Symbol')).text).to.equal('FBC');
      expect((await bob.evaluate('Decimals')).json()).to.equal(2);
      expect(await totalSupply(bob)).to.equal(0);
    });

    it('is for minters only: no role attribute, or another role, is refused', async () => {
      for (const client of [alice, bob]) {
        await expect(client.submit('Initialize', 'x', 'X', '0')).to.be.rejectedWithChaincodeError(
          500,
          'client is not authorized to initialize the token: it needs the attribute role=minter',
        );
      }
      await expect(bob.evaluate('Name')).to.be.rejectedWithChaincodeError(
        500,
        'The token is not initialized: a minter must call Initialize first',
      );
    });

    it('runs once', async () => {
      await minter.submit('Initialize', 'Fabric Coin', 'FBC', '2');
      await expect(minter.submit('Initialize', 'Other', 'OTH', '0')).to.be.rejectedWithChaincodeError(
        500,
        'The token is already initialized',
      );
      expect((await bob.evaluate('Name')).text).to.equal('Fabric Coin');
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
    startFrom(initialized);

    it('credits the minter, raises the supply and emits Transfer from the zero address', async () => {
      const result = await minter.submit('Mint', '1000');
      await expect(result).to.emit('Transfer', { from: MINT_ADDRESS, to: minterId, value: 1000 });
      expect(result.event?.payload.toString()).to.equal(
        JSON.stringify({ from: MINT_ADDRESS, to: minterId, value: 1000 }),
      );
      await minter.submit('Mint', '500');
      expect(await balance(bob, minterId)).to.equal(1500);
      expect((await minter.evaluate('ClientAccountBalance')).json()).to.equal(1500);
      expect(await totalSupply(bob)).to.equal(1500);
    });

    it('refuses a client without role=minter, even with another attribute', async () => {
      for (const client of [alice, bob]) {
        await expect(client.submit('Mint', '1000')).to.be.rejectedWithChaincodeError(
          500,
          'client is not authorized to mint new tokens: it needs the attribute role=minter',
        );
      }
      expect(await totalSupply(bob)).to.equal(0);
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
      expect(await totalSupply(bob)).to.equal(MAX);
    });

    it('refuses an amount a JavaScript number cannot hold exactly', async () => {
      await expect(minter.submit('Mint', '9007199254740993')).to.be.rejectedWithChaincodeError(
        500,
        'amount must be a positive integer, not 9007199254740992',
      );
    });
  });

  describe('Burn', () => {
    startFrom(minted);

    it('destroys the minter’s tokens and emits Transfer to the zero address', async () => {
      await expect(minter.submit('Burn', '30')).to.emit('Transfer', { from: minterId, to: MINT_ADDRESS, value: 30 });
      expect(await balance(minter, minterId)).to.equal(70);
      expect(await totalSupply(minter)).to.equal(70);
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
    startFrom(aliceHas40);

    it('moves tokens to another organization’s account, returns true and emits Transfer', async () => {
      const result = await alice.submit('Transfer', bobId, '15');
      expect(result.json()).to.equal(true);
      await expect(result).to.emit('Transfer', { from: aliceId, to: bobId, value: 15 });
      expect(await balance(bob, aliceId)).to.equal(25);
      expect(await balance(alice, bobId)).to.equal(15);
      expect(await balance(bob, minterId)).to.equal(60);
      expect((await bob.evaluate('ClientAccountBalance')).json()).to.equal(15);
      expect((await alice.evaluate('ClientAccountBalance')).json()).to.equal(25);
      expect(await totalSupply(bob)).to.equal(100);
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
      const [first, second] = await network().block([
        alice.endorse('Transfer', bobId, '30'),
        alice.endorse('Transfer', minterId, '30'),
      ]);
      expect(first?.blockNumber).to.equal(second?.blockNumber);
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
    startFrom(aliceHas50);

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
      const [first, second] = await network().block([
        bob.endorse('TransferFrom', aliceId, bobId, '20'),
        bob.endorse('TransferFrom', aliceId, minterId, '20'),
      ]);
      await expect(first).to.have.validationCode('VALID');
      await expect(second).to.have.validationCode('MVCC_READ_CONFLICT');
      expect((await bob.evaluate('Allowance', aliceId, bobId)).json()).to.equal(0);
      expect(await balance(bob, minterId)).to.equal(50);
    });
  });

  describe('chaincode events', () => {
    startFrom(initialized);

    it('delivers the Transfer events of a mint and of a transfer to a listener, in order', async () => {
      const mint = await minter.submit('Mint', '1000');
      const transfer = await minter.submit('Transfer', bobId, '300');
      const received = [];
      for await (const event of network().events('token', { startBlock: mint.blockNumber })) {
        received.push(event);
        if (received.length === 2) break;
      }
      expect(received.map((e) => [e.eventName, e.transactionId, e.blockNumber])).to.deep.equal([
        ['Transfer', mint.txId, mint.blockNumber],
        ['Transfer', transfer.txId, transfer.blockNumber],
      ]);
      expect(received.map((e) => JSON.parse(e.payload.toString()) as unknown)).to.deep.equal([
        { from: MINT_ADDRESS, to: minterId, value: 1000 },
        { from: minterId, to: bobId, value: 300 },
      ]);
    });
  });

  describe('contract metadata', () => {
    startFrom(deployed);

    it('describes every transaction through org.hyperledger.fabric:GetMetadata', async () => {
      const metadata = (await bob.evaluate('org.hyperledger.fabric:GetMetadata')).json<{
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
      expect(transactions.find((tx) => tx.name === 'Mint')?.tag).to.include('SUBMIT');
      expect(transactions.find((tx) => tx.name === 'BalanceOf')?.tag).to.include('EVALUATE');
    });
  });

  // The key layout is the contract's own business: no query returns raw keys, and a real network's world state is
  // read only through chaincode. The mock lets a test look at the bytes, so the layout is pinned there.
  describe('storage (mock only: raw world state is not readable from a client of a real network)', () => {
    beforeEach(function () {
      if (network().target !== 'mock') this.skip();
    });

    startFrom(initialized);

    it('keeps balances and allowances under composite keys balance~<account> and allowance~<owner>~<spender> as decimal text', async () => {
      await minter.submit('Mint', '7');
      expect(minter.state(`\u0000balance\u0000${minterId}\u0000`)?.toString()).to.equal('7');
      await alice.submit('Approve', bobId, '3');
      expect(minter.state(`\u0000allowance\u0000${aliceId}\u0000${bobId}\u0000`)?.toString()).to.equal('3');
      expect(minter.state('totalSupply')?.toString()).to.equal('7');
    });
  });
});
