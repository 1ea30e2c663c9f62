/**
 * `fabric-testkit invoke NAME FN ARGS…` and `fabric-testkit query NAME FN ARGS…`: fabric-gateway's submit and
 * evaluate from the command line, as `peer chaincode invoke/query` are used in Fabric labs. `invoke --concurrent N`
 * endorses N copies of the transaction before ordering any, as N clients racing would, so a teacher can show an
 * MVCC read conflict: the first copy commits VALID, the later ones MVCC_READ_CONFLICT. `invoke` exits non-zero when
 * a transaction is not VALID.
 */
import type { Command } from 'commander';
import type { CallRequest, InvokeOutcome } from './command-target';
import { defaultTargetDeps, withNetworkOptions } from './chaincode-deploy';
import { collectPair, pairsOf } from './key-value-pairs';
import { InvalidFlagError, NetworkCommandError } from './network-errors';
import type { NetworkFlags } from './network-selection';
import { onTarget, output, type TargetCommandDeps } from './target-session';

/** The most copies `--concurrent` submits. */
export const MAX_CONCURRENT = 10;

/** The flags of `invoke` and `query`. */
export interface CallFlags extends NetworkFlags {
  readonly as?: string;
  readonly org?: string;
  readonly transient?: readonly string[];
  readonly concurrent?: string;
  readonly endorsingOrgs?: string;
  readonly json?: boolean;
}

/** Some transactions of an `invoke` committed as invalid. */
export class TransactionInvalidError extends NetworkCommandError {
  override readonly name = 'TransactionInvalidError';
  readonly outcomes: readonly InvokeOutcome[];

  constructor(outcomes: readonly InvokeOutcome[]) {
    const invalid = outcomes.filter((o) => o.validationCode !== 'VALID');
    super(
      `${invalid.length} of ${outcomes.length} transaction(s) committed as invalid: ` +
        invalid.map((o) => `${o.transactionId} ${o.validationCode} in block ${o.blockNumber}`).join(', ') +
        ' (an invalid transaction is in the block but changes no state)',
    );
    this.outcomes = outcomes;
  }
}

function withCallOptions(command: Command): Command {
  return withNetworkOptions(command)
    .argument('<name>', 'the chaincode name')
    .argument('<function>', 'the transaction function, for example CreateAsset or MyContract:CreateAsset')
    .argument('[args...]', 'its arguments, as strings')
    .option('--as <user>', 'call as this registered identity (see "identity register")')
    .option('--org <org>', "call as this organization's admin, through its peer (default: the first organization)")
    .option('--transient <key=value>', 'transient data (repeatable); never written to the ledger', collectPair);
}

/** Registers `invoke` and `query`. */
export function registerChaincodeCallCommands(program: Command, deps: TargetCommandDeps = defaultTargetDeps): void {
  withCallOptions(program.command('invoke').description('Submit a transaction: endorse, order, commit'))
    .option('--concurrent <n>', `endorse N copies before ordering any (1 to ${MAX_CONCURRENT}), to show MVCC`, '1')
    .option('--endorsing-orgs <orgs>', 'comma-separated organizations whose peers endorse (default: the gateway plans)')
    .action(async (name: string, fn: string, args: string[], flags: CallFlags) => {
      await runInvoke(name, fn, args, flags, deps);
    });
  withCallOptions(
    program.command('query').description('Evaluate a transaction on one peer; nothing is committed'),
  ).action(async (name: string, fn: string, args: string[], flags: CallFlags) => {
    await runQuery(name, fn, args, flags, deps);
  });
}

function requestOf(name: string, fn: string, args: readonly string[], flags: CallFlags): CallRequest {
  return {
    chaincode: name,
    fn,
    args: [...args],
    transient: pairsOf('--transient', flags.transient),
    ...(flags.as === undefined ? {} : { as: flags.as }),
    ...(flags.org === undefined ? {} : { organization: flags.org }),
    ...(flags.endorsingOrgs === undefined ? {} : { endorsingOrganizations: listOf(flags.endorsingOrgs) }),
  };
}

/** `--endorsing-orgs org1,Org2MSP`: the names as given, checked against the network when it is opened. */
function listOf(value: string): string[] {
  const names = value.split(',').map((n) => n.trim());
  if (names.some((n) => n === '')) {
    throw new InvalidFlagError('--endorsing-orgs', value, 'organizations separated by commas, for example org1,org2');
  }
  return names;
}

function concurrencyOf(flag: string | undefined): number {
  const value = flag ?? '1';
  if (!/^\d+$/.test(value) || Number(value) < 1 || Number(value) > MAX_CONCURRENT) {
    throw new InvalidFlagError('--concurrent', value, `a whole number from 1 to ${MAX_CONCURRENT}`);
  }
  return Number(value);
}

/** The action of `invoke`: resolves with each transaction's outcome; rejects when one is not VALID. */
export async function runInvoke(
  name: string,
  fn: string,
  args: readonly string[],
  flags: CallFlags,
  deps: TargetCommandDeps,
): Promise<InvokeOutcome[]> {
  const request = requestOf(name, fn, args, flags);
  const concurrent = concurrencyOf(flags.concurrent);
  const outcomes = await onTarget(flags, deps, async (target) => ({
    result: await target.invoke(request, concurrent),
  }));
  output(deps, flags.json, concurrent === 1 ? outcomes[0] : outcomes, () =>
    outcomes.flatMap((o) => [
      `transaction ${o.transactionId} ${o.validationCode} in block ${o.blockNumber}`,
      ...(o.result === '' ? [] : [o.result]),
    ]),
  );
  if (outcomes.some((o) => o.validationCode !== 'VALID')) throw new TransactionInvalidError(outcomes);
  return outcomes;
}

/** The action of `query`: resolves with the payload as UTF-8. */
export async function runQuery(
  name: string,
  fn: string,
  args: readonly string[],
  flags: CallFlags,
  deps: TargetCommandDeps,
): Promise<string> {
  const request = requestOf(name, fn, args, flags);
  const result = await onTarget(flags, deps, async (target) => ({ result: await target.query(request) }));
  output(deps, flags.json, { result: parsedOrText(result) }, () => [result]);
  return result;
}

/** JSON payloads stay JSON in `--json` output; anything else is a string. */
function parsedOrText(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}
