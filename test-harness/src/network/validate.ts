import { FabricTestkitError } from '../errors';
import {
  collectionProblems,
  parseSignaturePolicy,
  policyMspIds,
  type CollectionConfig,
} from '@fabric-testkit/fabric-core';
import { chaincodeExportProblems, chaincodeModuleProblems, INSPECT_IS_FOR_NODE } from './chaincode-check';
import {
  mspIdOf,
  type ChaincodeOptions,
  type ChannelOptions,
  type FabricNetworkOptions,
  type OrganizationOptions,
} from './options';

const NAME = /^[a-z][a-z0-9-]*$/;
const CHANNEL = /^[a-z][a-z0-9.-]*$/;

/** The definition being checked. */
interface Definition {
  readonly organizations: readonly OrganizationOptions[];
  readonly channels: readonly ChannelOptions[];
  readonly chaincodes: readonly ChaincodeOptions[];
}

function invalid(problems: readonly string[]): FabricTestkitError {
  return new FabricTestkitError(`invalid network definition: ${problems.join('; ')}`);
}

/**
 * Checks a network definition before anything starts, with messages naming the offending option and what to do:
 * organizations, channels and their members, chaincodes (their channel, their module on disk, their collections and
 * the MSP IDs their policies name).
 *
 * @throws {@link FabricTestkitError} listing every problem found.
 */
export function validateNetwork(
  options: FabricNetworkOptions,
  organizations: readonly OrganizationOptions[],
  channels: readonly ChannelOptions[],
  chaincodes: readonly ChaincodeOptions[],
  fabricMajor: number,
): void {
  const definition: Definition = { organizations, channels, chaincodes };
  const problems: string[] = [];
  if (organizations.length === 0) {
    problems.push('a network needs at least one organization (withOrganization)');
  }
  problems.push(...orderingProblems(options, fabricMajor), ...stateDatabaseProblems(options, organizations));
  const orgNames = new Set(organizations.map((o) => o.name));
  problems.push(
    ...channels.flatMap((channel) =>
      channel.channelCapability === 'V3_0' && fabricMajor < 3
        ? [`channel ${channel.name}: channelCapability V3_0 ${needsFabric3(fabricMajor)}`]
        : [],
    ),
    ...organizations.flatMap((org) => organizationProblems(org, organizations)),
    ...channels.flatMap((channel) => channelProblems(channel, channels, orgNames)),
    ...chaincodes.flatMap((chaincode) => chaincodeProblems(chaincode, definition)),
  );
  if (problems.length > 0) {
    throw invalid(problems);
  }
}

/**
 * Loads every chaincode's module in a child process (as its chaincode server will) and fails when one does not
 * export a chaincode, so a wrong `exportName` or a package without contracts fails before any node starts.
 * Call after {@link validateNetwork}: it assumes the modules exist.
 *
 * @throws {@link FabricTestkitError} naming each chaincode, its module and the fix.
 */
export async function validateChaincodeExports(chaincodes: readonly ChaincodeOptions[]): Promise<void> {
  if (chaincodes.length === 0) return;
  const answers = await chaincodeExportProblems(chaincodes.map((c) => c.chaincode));
  const problems = chaincodes.flatMap((chaincode, i) => {
    const problem = answers[i];
    return problem ? [`chaincode ${chaincode.name}: ${problem}`] : [];
  });
  if (problems.length > 0) {
    throw invalid(problems);
  }
}

/** Orderer count and consensus: Raft with 1 or 3 orderers; BFT (Fabric 3) with 4. */
function orderingProblems(options: FabricNetworkOptions, fabricMajor: number): string[] {
  const { orderers, consensus } = options;
  if (consensus !== undefined && consensus !== 'raft' && consensus !== 'bft') {
    return [`consensus must be 'raft' or 'bft', not ${String(consensus)}`];
  }
  if (consensus === 'bft') {
    const problems = fabricMajor < 3 ? [`consensus 'bft' ${needsFabric3(fabricMajor)}`] : [];
    if (orderers !== undefined && orderers !== 4) {
      problems.push(
        `consensus 'bft' runs 4 orderers (3f + 1 with f = 1), not ${String(orderers)}: leave orderers out or give 4`,
      );
    }
    return problems;
  }
  if (orderers !== undefined && orderers !== 1 && orderers !== 3) {
    return [`orderers must be 1 or 3 with Raft, not ${String(orderers)} (4 is for consensus: 'bft')`];
  }
  return [];
}

function needsFabric3(fabricMajor: number): string {
  return (
    `needs Fabric 3 and this network runs Fabric ${fabricMajor}: give fabricVersion: '3.1' ` +
    '(or set FABRIC_TESTKIT_FABRIC_VERSION=3.1), or leave the option out'
  );
}

const STATE_DATABASES: readonly string[] = ['leveldb', 'couchdb'];

/** The state database of the network and of each organization, and the query limits. */
function stateDatabaseProblems(options: FabricNetworkOptions, organizations: readonly OrganizationOptions[]): string[] {
  const problems: string[] = [];
  const check = (where: string, value: unknown): void => {
    if (value !== undefined && !STATE_DATABASES.includes(value as string)) {
      problems.push(`${where}stateDatabase must be 'leveldb' or 'couchdb', not ${JSON.stringify(value)}`);
    }
  };
  check('', options.stateDatabase);
  for (const org of organizations) check(`organization ${org.name}: `, org.stateDatabase);
  for (const [name, value] of Object.entries(options.queryLimits ?? {})) {
    if (value !== undefined && (!Number.isInteger(value) || (value as number) < 1)) {
      problems.push(`queryLimits.${name} must be a positive integer, not ${JSON.stringify(value)}`);
    }
  }
  return problems;
}

function organizationProblems(org: OrganizationOptions, all: readonly OrganizationOptions[]): string[] {
  const problems: string[] = [];
  if (!NAME.test(org.name) || org.name === 'orderer') {
    problems.push(`organization name ${JSON.stringify(org.name)} must match ${NAME.source} and not be "orderer"`);
  }
  const sameName = all.find((o) => o.name === org.name);
  const sameMsp = all.find((o) => mspIdOf(o) === mspIdOf(org));
  if (sameName !== org) {
    problems.push(`organization ${org.name} is defined twice; call withOrganization once per organization`);
  } else if (sameMsp !== org && sameMsp !== undefined) {
    problems.push(
      `organizations ${sameMsp.name} and ${org.name} have the same MSP ID ${mspIdOf(org)}; give one of them another mspId`,
    );
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
  if (!CHANNEL.test(channel.name)) {
    problems.push(`channel name ${JSON.stringify(channel.name)} must match ${CHANNEL.source}`);
  }
  if (all.find((c) => c.name === channel.name) !== channel) {
    problems.push(`channel ${channel.name} is defined twice; call withChannel once per channel`);
  }
  return [...problems, ...memberProblems(channel, orgNames)];
}

function memberProblems(channel: ChannelOptions, orgNames: ReadonlySet<string>): string[] {
  const members = channel.members;
  if (members === undefined) return [];
  if (members.length === 0) {
    return [
      `channel ${channel.name} has no members; list at least one organization in members, ` +
        'or leave members out for every organization',
    ];
  }
  const known = [...orgNames].join(', ') || 'none';
  return members.flatMap((member, i) => {
    if (members.indexOf(member) !== i) {
      return [`channel ${channel.name} lists member ${member} twice; list each organization once`];
    }
    if (orgNames.has(member)) return [];
    return [
      `channel ${channel.name} names member ${member}, which is not an organization of the network ` +
        `(organizations: ${known}); add it with withOrganization({ name: '${member}' }) or remove it from members`,
    ];
  });
}

function chaincodeProblems(chaincode: ChaincodeOptions, definition: Definition): string[] {
  const problems: string[] = [];
  const channel = definition.channels.find((c) => c.name === chaincode.channel);
  if (channel === undefined) {
    const known = definition.channels.map((c) => c.name).join(', ') || 'none';
    problems.push(
      `chaincode ${chaincode.name} names channel ${chaincode.channel}, which the network does not have ` +
        `(channels: ${known}); add it with withChannel or deploy the chaincode on one of those`,
    );
  }
  const first = definition.chaincodes.find((c) => c.name === chaincode.name && c.channel === chaincode.channel);
  if (first !== chaincode) {
    problems.push(
      `chaincode ${chaincode.name} is defined twice on channel ${chaincode.channel}; ` +
        'give each chaincode on a channel its own name',
    );
  }
  const prefixed = (problem: string): string => `chaincode ${chaincode.name}: ${problem}`;
  if (chaincode.inspect !== undefined && 'server' in chaincode.chaincode) {
    problems.push(prefixed(INSPECT_IS_FOR_NODE));
  }
  problems.push(
    ...chaincodeModuleProblems(chaincode.chaincode).map(prefixed),
    ...(chaincode.collections === undefined ? [] : collectionProblems(chaincode.collections).map(prefixed)),
    ...policyProblems(chaincode, channel && memberMspIds(channel, definition.organizations)).map(prefixed),
  );
  return problems;
}

/** The MSP IDs of a channel's member organizations. */
function memberMspIds(channel: ChannelOptions, organizations: readonly OrganizationOptions[]): string[] {
  const members = channel.members ?? organizations.map((o) => o.name);
  return organizations.filter((o) => members.includes(o.name)).map(mspIdOf);
}

/** Every policy of a chaincode in Fabric's policy language, with what it is. */
function chaincodePolicies(chaincode: ChaincodeOptions): [string, string][] {
  const policies: [string, string][] = [];
  if (typeof chaincode.signaturePolicy === 'string') policies.push(['signaturePolicy', chaincode.signaturePolicy]);
  const collections: readonly unknown[] = Array.isArray(chaincode.collections) ? chaincode.collections : [];
  for (const collection of collections.filter(isCollection)) {
    policies.push([`collection ${collection.name} policy`, collection.policy]);
    const endorsement = collection.endorsementPolicy?.signaturePolicy;
    if (typeof endorsement === 'string') {
      policies.push([`collection ${collection.name} endorsementPolicy.signaturePolicy`, endorsement]);
    }
  }
  return policies;
}

function isCollection(value: unknown): value is CollectionConfig {
  return (
    typeof value === 'object' &&
    value !== null &&
    'policy' in value &&
    typeof value.policy === 'string' &&
    'name' in value &&
    typeof value.name === 'string'
  );
}

/**
 * Policies are parsed here so a typo fails before any container starts, naming the chaincode and the policy; and
 * each MSP ID they name must be a member of the chaincode's channel (`known`, when the channel exists), or Fabric
 * would never satisfy the policy (or refuse the collection, as `_lifecycle` does).
 */
function policyProblems(chaincode: ChaincodeOptions, known: readonly string[] | undefined): string[] {
  return chaincodePolicies(chaincode).flatMap(([what, policy]) => {
    const prefix = `${what} ${JSON.stringify(policy)}`;
    try {
      parseSignaturePolicy(policy);
    } catch (e) {
      return [`${prefix}: ${(e as Error).message}`];
    }
    if (known === undefined) return [];
    return policyMspIds(policy)
      .filter((id) => !known.includes(id))
      .map(
        (id) =>
          `${prefix} names MSP ID ${id}, which no member organization of channel ${chaincode.channel} has ` +
          `(their MSP IDs: ${known.join(', ') || 'none'}); use one of those, or add the organization ` +
          '(withOrganization, and to the channel members)',
      );
  });
}
