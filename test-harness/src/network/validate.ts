import { FabricTestkitError } from '../errors';
import { parseSignaturePolicy } from '../lifecycle/signature-policy';
import {
  mspIdOf,
  type ChaincodeOptions,
  type ChannelOptions,
  type FabricNetworkOptions,
  type OrganizationOptions,
} from './options';

const NAME = /^[a-z][a-z0-9-]*$/;
const CHANNEL = /^[a-z][a-z0-9.-]*$/;

/** Checks a network definition before anything starts, with messages naming the offending option. */
export function validateNetwork(
  options: FabricNetworkOptions,
  organizations: readonly OrganizationOptions[],
  channels: readonly ChannelOptions[],
  chaincodes: readonly ChaincodeOptions[],
): void {
  const problems: string[] = [];
  if (organizations.length === 0) {
    problems.push('a network needs at least one organization (withOrganization)');
  }
  if (options.orderers !== undefined && options.orderers !== 1 && options.orderers !== 3) {
    problems.push(`orderers must be 1 or 3, not ${String(options.orderers)}`);
  }
  const orgNames = new Set(organizations.map((o) => o.name));
  const channelNames = new Set(channels.map((c) => c.name));
  problems.push(
    ...organizations.flatMap((org) => organizationProblems(org, organizations)),
    ...channels.flatMap((channel) => channelProblems(channel, channels, orgNames)),
    ...chaincodes
      .filter((c) => !channelNames.has(c.channel))
      .map((c) => `chaincode ${c.name} names channel ${c.channel}, which the network does not have`),
    ...chaincodes.flatMap(chaincodePolicyProblems),
  );
  if (problems.length > 0) {
    throw new FabricTestkitError(`invalid network definition: ${problems.join('; ')}`);
  }
}

function organizationProblems(org: OrganizationOptions, all: readonly OrganizationOptions[]): string[] {
  const problems: string[] = [];
  if (!NAME.test(org.name) || org.name === 'orderer') {
    problems.push(`organization name ${JSON.stringify(org.name)} must match ${NAME.source} and not be "orderer"`);
  }
  if (all.find((o) => o.name === org.name || mspIdOf(o) === mspIdOf(org)) !== org) {
    problems.push(`organization ${org.name} is defined twice (or shares its MSP ID)`);
  }
  if (org.peers !== undefined && (!Number.isInteger(org.peers) || org.peers < 1)) {
    problems.push(`organization ${org.name}: peers must be a positive integer`);
  }
  return problems;
}

function channelProblems(
  channel: ChannelOptions,
  all: readonly ChannelOptions[],
  orgNames: ReadonlySet<string>,
): string[] {
  const problems: string[] = [];
  if (!CHANNEL.test(channel.name) || all.find((c) => c.name === channel.name) !== channel) {
    problems.push(`channel name ${JSON.stringify(channel.name)} must be unique and match ${CHANNEL.source}`);
  }
  for (const member of channel.members ?? []) {
    if (!orgNames.has(member)) {
      problems.push(`channel ${channel.name} names member ${member}, which is not an organization of the network`);
    }
  }
  if (channel.members?.length === 0) {
    problems.push(`channel ${channel.name} has no members`);
  }
  return problems;
}

/** Policies are parsed here so a typo fails before any container starts, naming the chaincode and the policy. */
function chaincodePolicyProblems(chaincode: ChaincodeOptions): string[] {
  const policies: [string, string | undefined][] = [
    ['signaturePolicy', chaincode.signaturePolicy],
    ...(chaincode.collections ?? []).map((c): [string, string] => [`collection ${c.name} policy`, c.policy]),
  ];
  return policies.flatMap(([what, policy]) => {
    if (policy === undefined) return [];
    try {
      parseSignaturePolicy(policy);
      return [];
    } catch (e) {
      return [`chaincode ${chaincode.name}: ${what} ${JSON.stringify(policy)}: ${(e as Error).message}`];
    }
  });
}
