/**
 * `fabric-testkit identity register ORG NAME [--attr k=v]…`: registers and enrolls a client identity at the
 * organization's CA (attributes in the certificate, for `ctx.clientIdentity.getAttributeValue`), stored in the state
 * file so `invoke/query --as NAME` can sign with it. Names are unique in a network.
 */
import type { Command } from 'commander';
import { defaultTargetDeps } from './chaincode-deploy';
import { organizationOf } from './command-target';
import { collectPair, pairsOf } from './key-value-pairs';
import { InvalidFlagError, NetworkCommandError } from './network-errors';
import type { IdentityRecord } from './network-state';
import type { NetworkFlags } from './network-selection';
import { onTarget, output, type TargetCommandDeps } from './target-session';

/** The flags of `identity register`. */
export interface IdentityFlags extends NetworkFlags {
  readonly attr?: readonly string[];
  readonly json?: boolean;
}

/** What Fabric CA accepts as an enrollment ID here: no spaces, no `:` (it separates ID and secret). */
const IDENTITY_NAME = /^[A-Za-z0-9][A-Za-z0-9._@-]*$/;

/** Registers `identity register`. */
export function registerIdentityCommand(program: Command, deps: TargetCommandDeps = defaultTargetDeps): void {
  program
    .command('identity')
    .description('Identities of the network')
    .command('register')
    .description("Register and enroll a client identity at an organization's CA")
    .argument('<org>', 'the organization: org1, or its MSP ID Org1MSP')
    .argument('<name>', 'the enrollment ID, for example alice')
    .option('--attr <key=value>', 'an attribute in the certificate (repeatable)', collectPair)
    .option('--network <id>', 'the network (default: the only one that is up)')
    .option('--mock', 'the in-memory network ("up --mock")')
    .option('--json', 'print JSON')
    .action(async (org: string, name: string, flags: IdentityFlags) => {
      await runIdentityRegister(org, name, flags, deps);
    });
}

/** The action of `identity register`: resolves with the stored identity. */
export async function runIdentityRegister(
  org: string,
  name: string,
  flags: IdentityFlags,
  deps: TargetCommandDeps,
): Promise<IdentityRecord> {
  const attributes = pairsOf('--attr', flags.attr);
  if (!IDENTITY_NAME.test(name)) {
    throw new InvalidFlagError('NAME', name, 'an enrollment ID: letters, digits, ".", "_", "@" and "-"');
  }
  return onTarget(flags, deps, async (target, description) => {
    organizationOf(description.organizations, org);
    const existing = (description.identities ?? []).find((i) => i.name === name);
    if (existing !== undefined) {
      throw new NetworkCommandError(
        `identity ${name} is already registered (${existing.mspId}); use it with --as ${name}, or pick another name`,
      );
    }
    const record = await target.registerIdentity(org, name, attributes);
    const shown = {
      name: record.name,
      organization: record.organization,
      mspId: record.mspId,
      attributes: record.attributes,
    };
    output(deps, flags.json, shown, () => [
      `registered ${record.name} of ${record.mspId}` +
        (Object.keys(attributes).length === 0
          ? ''
          : ` with ${Object.entries(attributes)
              .map(([k, v]) => `${k}=${v}`)
              .join(', ')}`) +
        `; call as it with --as ${record.name}`,
    ]);
    return { result: record, update: (d) => ({ ...d, identities: [...(d.identities ?? []), record] }) };
  });
}
