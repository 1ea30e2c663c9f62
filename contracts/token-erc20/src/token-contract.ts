import { Context, Contract, Info, Returns, Transaction } from 'fabric-contract-api';
import { canonicalJson } from './canonical-json';

/** The `from` of a mint and the `to` of a burn in `Transfer` events, as ERC-20 uses the zero address. */
export const MINT_ADDRESS = '0x0';

const NAME_KEY = 'name';
const SYMBOL_KEY = 'symbol';
const DECIMALS_KEY = 'decimals';
const TOTAL_SUPPLY_KEY = 'totalSupply';
const BALANCE_PREFIX = 'balance';
const ALLOWANCE_PREFIX = 'allowance';

/**
 * An ERC-20 fungible token. Accounts are client identities (`ctx.clientIdentity.getID()`); only a client whose
 * certificate carries the Fabric CA attribute `role=minter` may initialize the token, mint and burn.
 *
 * Amounts are JavaScript numbers that must stay safe integers (at most 2^53 - 1): every sum is checked, so no
 * peer ever stores a rounded balance.
 */
@Info({ title: 'TokenERC20', description: 'ERC-20 token with minting restricted by a CA attribute' })
export class TokenERC20Contract extends Contract {
  constructor() {
    super('TokenERC20');
  }

  /** Sets the token's name, symbol and decimals, once. Minter only. */
  @Transaction()
  public async Initialize(ctx: Context, name: string, symbol: string, decimals: number): Promise<void> {
    assertMinter(ctx, 'initialize the token');
    if ((await ctx.stub.getState(NAME_KEY)).length > 0) throw new Error('The token is already initialized');
    if (!Number.isInteger(decimals) || decimals < 0 || decimals > 18) {
      throw new Error(`decimals must be an integer from 0 to 18, not ${decimals}`);
    }
    await ctx.stub.putState(NAME_KEY, Buffer.from(name));
    await ctx.stub.putState(SYMBOL_KEY, Buffer.from(symbol));
    await ctx.stub.putState(DECIMALS_KEY, Buffer.from(String(decimals)));
  }

  @Transaction(false)
  @Returns('string')
  public async Name(ctx: Context): Promise<string> {
    return readInitialized(ctx, NAME_KEY);
  }

  @Transaction(false)
  @Returns('string')
  public async Symbol(ctx: Context): Promise<string> {
    return readInitialized(ctx, SYMBOL_KEY);
  }

  @Transaction(false)
  @Returns('number')
  public async Decimals(ctx: Context): Promise<number> {
    return Number(await readInitialized(ctx, DECIMALS_KEY));
  }

  @Transaction(false)
  @Returns('number')
  public async TotalSupply(ctx: Context): Promise<number> {
    await readInitialized(ctx, NAME_KEY);
    return readAmount(ctx, TOTAL_SUPPLY_KEY);
  }

  /** The balance of an account (a client id, see `ClientAccountID`); 0 for an account never credited. */
  @Transaction(false)
  @Returns('number')
  public async BalanceOf(ctx: Context, owner: string): Promise<number> {
    return readAmount(ctx, balanceKey(ctx, owner));
  }

  @Transaction(false)
  @Returns('number')
  public async ClientAccountBalance(ctx: Context): Promise<number> {
    return this.BalanceOf(ctx, ctx.clientIdentity.getID());
  }

  /** The caller's account id: give it to others so they can transfer to you. */
  @Transaction(false)
  @Returns('string')
  public async ClientAccountID(ctx: Context): Promise<string> {
    return Promise.resolve(ctx.clientIdentity.getID());
  }

  /** Creates `amount` tokens in the minter's account. Minter only. Emits `Transfer` from {@link MINT_ADDRESS}. */
  @Transaction()
  public async Mint(ctx: Context, amount: number): Promise<void> {
    await readInitialized(ctx, NAME_KEY);
    assertMinter(ctx, 'mint new tokens');
    assertPositive(amount);
    const minter = ctx.clientIdentity.getID();
    const key = balanceKey(ctx, minter);
    const supply = add(await readAmount(ctx, TOTAL_SUPPLY_KEY), amount);
    const balance = add(await readAmount(ctx, key), amount);
    await writeAmount(ctx, TOTAL_SUPPLY_KEY, supply);
    await writeAmount(ctx, key, balance);
    emit(ctx, 'Transfer', { from: MINT_ADDRESS, to: minter, value: amount });
  }

  /** Destroys `amount` tokens of the minter's account. Minter only. Emits `Transfer` to {@link MINT_ADDRESS}. */
  @Transaction()
  public async Burn(ctx: Context, amount: number): Promise<void> {
    await readInitialized(ctx, NAME_KEY);
    assertMinter(ctx, 'burn tokens');
    assertPositive(amount);
    const minter = ctx.clientIdentity.getID();
    const key = balanceKey(ctx, minter);
    const balance = subtract(await readAmount(ctx, key), amount, 'insufficient funds');
    await writeAmount(ctx, TOTAL_SUPPLY_KEY, (await readAmount(ctx, TOTAL_SUPPLY_KEY)) - amount);
    await writeAmount(ctx, key, balance);
    emit(ctx, 'Transfer', { from: minter, to: MINT_ADDRESS, value: amount });
  }

  /** Moves `value` tokens from the caller to `to`. Emits `Transfer`. */
  @Transaction()
  @Returns('boolean')
  public async Transfer(ctx: Context, to: string, value: number): Promise<boolean> {
    await readInitialized(ctx, NAME_KEY);
    await move(ctx, ctx.clientIdentity.getID(), to, value);
    return true;
  }

  /** Lets `spender` transfer up to `value` of the caller's tokens (replaces any earlier allowance). Emits `Approval`. */
  @Transaction()
  @Returns('boolean')
  public async Approve(ctx: Context, spender: string, value: number): Promise<boolean> {
    await readInitialized(ctx, NAME_KEY);
    if (!Number.isSafeInteger(value) || value < 0)
      throw new Error(`value must be a non-negative integer, not ${value}`);
    const owner = ctx.clientIdentity.getID();
    await writeAmount(ctx, allowanceKey(ctx, owner, spender), value);
    emit(ctx, 'Approval', { owner, spender, value });
    return true;
  }

  /** How much `spender` may still transfer from `owner`'s account. */
  @Transaction(false)
  @Returns('number')
  public async Allowance(ctx: Context, owner: string, spender: string): Promise<number> {
    return readAmount(ctx, allowanceKey(ctx, owner, spender));
  }

  /** The caller spends `value` of `from`'s allowance to them, sending it to `to`. Emits `Transfer`. */
  @Transaction()
  @Returns('boolean')
  public async TransferFrom(ctx: Context, from: string, to: string, value: number): Promise<boolean> {
    await readInitialized(ctx, NAME_KEY);
    const spender = ctx.clientIdentity.getID();
    const key = allowanceKey(ctx, from, spender);
    const allowance = subtract(await readAmount(ctx, key), value, 'the spender does not have enough allowance');
    await move(ctx, from, to, value);
    await writeAmount(ctx, key, allowance);
    return true;
  }
}

/** The ABAC check: the CA put `role=minter` into the caller's certificate (`fabric-ca-client register --id.attrs`). */
function assertMinter(ctx: Context, action: string): void {
  if (!ctx.clientIdentity.assertAttributeValue('role', 'minter')) {
    throw new Error(`client is not authorized to ${action}: it needs the attribute role=minter`);
  }
}

function assertPositive(amount: number): void {
  if (!Number.isSafeInteger(amount) || amount <= 0) throw new Error(`amount must be a positive integer, not ${amount}`);
}

/** Reads a metadata key that `Initialize` wrote. */
async function readInitialized(ctx: Context, key: string): Promise<string> {
  const bytes = await ctx.stub.getState(key);
  if (bytes.length === 0) throw new Error('The token is not initialized: a minter must call Initialize first');
  return Buffer.from(bytes).toString('utf8');
}

/**
 * Moves tokens between two accounts. Both balances are read before either is written: a transaction never sees
 * its own writes (S-01), so the code must not rely on reading back what it put.
 */
async function move(ctx: Context, from: string, to: string, value: number): Promise<void> {
  assertPositive(value);
  if (from === to) throw new Error('cannot transfer to and from the same account');
  const fromKey = balanceKey(ctx, from);
  const toKey = balanceKey(ctx, to);
  const fromBalance = subtract(await readAmount(ctx, fromKey), value, 'insufficient funds');
  const toBalance = add(await readAmount(ctx, toKey), value);
  await writeAmount(ctx, fromKey, fromBalance);
  await writeAmount(ctx, toKey, toBalance);
  emit(ctx, 'Transfer', { from, to, value });
}

function add(a: number, b: number): number {
  const sum = a + b;
  if (!Number.isSafeInteger(sum)) throw new Error(`overflow: ${a} + ${b} is more than ${Number.MAX_SAFE_INTEGER}`);
  return sum;
}

function subtract(a: number, b: number, message: string): number {
  if (!Number.isSafeInteger(b) || b <= 0) throw new Error(`amount must be a positive integer, not ${b}`);
  if (b > a) throw new Error(`${message}: ${a} available, ${b} asked`);
  return a - b;
}

function balanceKey(ctx: Context, owner: string): string {
  return ctx.stub.createCompositeKey(BALANCE_PREFIX, [owner]);
}

function allowanceKey(ctx: Context, owner: string, spender: string): string {
  return ctx.stub.createCompositeKey(ALLOWANCE_PREFIX, [owner, spender]);
}

async function readAmount(ctx: Context, key: string): Promise<number> {
  const bytes = await ctx.stub.getState(key);
  return bytes.length === 0 ? 0 : Number(Buffer.from(bytes).toString('utf8'));
}

async function writeAmount(ctx: Context, key: string, amount: number): Promise<void> {
  await ctx.stub.putState(key, Buffer.from(String(amount)));
}

function emit(ctx: Context, name: string, payload: object): void {
  ctx.stub.setEvent(name, Buffer.from(canonicalJson(payload)));
}
