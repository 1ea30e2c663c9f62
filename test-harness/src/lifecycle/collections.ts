import { peer } from '@hyperledger/fabric-protos';
import { FabricTestkitError } from '../errors';
import { parseSignaturePolicy } from './signature-policy';

/**
 * A private data collection in Fabric's collections JSON shape (the file `peer lifecycle chaincode approveformyorg
 * --collections-config` reads).
 *
 * @example
 * ```ts
 * const collection: CollectionConfig = {
 *   name: 'assetPrivate',
 *   policy: "OR('Org1MSP.member', 'Org2MSP.member')",
 *   requiredPeerCount: 0,
 *   maxPeerCount: 1,
 *   blockToLive: 100,
 *   memberOnlyRead: true,
 * };
 * ```
 */
export interface CollectionConfig {
  readonly name: string;
  /** Who is a member of the collection, in Fabric's policy language. */
  readonly policy: string;
  /** Default 0. */
  readonly requiredPeerCount?: number;
  /** Default 1. */
  readonly maxPeerCount?: number;
  /** Blocks after which private data is purged; default 0 (kept forever). */
  readonly blockToLive?: number;
  /** Default false. */
  readonly memberOnlyRead?: boolean;
  /** Default false. */
  readonly memberOnlyWrite?: boolean;
  /** A collection-level endorsement policy: one of a signature policy or a channel policy reference. */
  readonly endorsementPolicy?: { readonly signaturePolicy?: string; readonly channelConfigPolicy?: string };
}

/** Fabric's collection name rule (core/chaincode/lifecycle/scc.go `collectionNameRegExp`). */
const COLLECTION_NAME = /^[A-Za-z0-9-]+([A-Za-z0-9_-]+)*$/;

type FieldCheck = (value: unknown) => string | undefined;

const wholeNumber: FieldCheck = (value) =>
  typeof value === 'number' && Number.isInteger(value) && value >= 0 ? undefined : 'a whole number, 0 or more';
const boolean: FieldCheck = (value) => (typeof value === 'boolean' ? undefined : 'true or false');
const text: FieldCheck = (value) => (typeof value === 'string' && value !== '' ? undefined : 'a non-empty string');

/** The fields of Fabric's collections JSON (internal/peer/chaincode/common.go `collectionConfigJson`) and their types. */
const COLLECTION_FIELDS: Readonly<Record<string, FieldCheck>> = {
  name: text,
  policy: text,
  requiredPeerCount: wholeNumber,
  maxPeerCount: wholeNumber,
  blockToLive: wholeNumber,
  memberOnlyRead: boolean,
  memberOnlyWrite: boolean,
  endorsementPolicy: (value) =>
    isRecord(value) ? undefined : 'an object: { signaturePolicy } or { channelConfigPolicy }',
};

const ENDORSEMENT_POLICY_FIELDS: Readonly<Record<string, FieldCheck>> = {
  signaturePolicy: text,
  channelConfigPolicy: text,
};

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function describeValue(value: unknown): string {
  return `${Array.isArray(value) ? 'array' : value === null ? 'null' : typeof value} ${JSON.stringify(value)}`;
}

/**
 * Fields of `record` that are not in `known` and fields whose value has the wrong type. Unknown fields are refused
 * on purpose: Fabric's peer CLI reads the collections JSON with `json.Unmarshal`, which drops them silently, so a
 * misspelt field (`memberOrgPolicy`, `requiredPeers`) would quietly fall back to its default.
 */
function fieldProblems(
  owner: string,
  record: Record<string, unknown>,
  known: Readonly<Record<string, FieldCheck>>,
): string[] {
  return Object.entries(record).flatMap(([field, value]) => {
    const check = known[field];
    if (check === undefined) {
      return [
        `${owner}: unknown field ${field} (known: ${Object.keys(known).join(', ')}); ` +
          "refused deliberately, as Fabric's peer CLI would ignore it silently",
      ];
    }
    const expected = value === undefined ? undefined : check(value);
    return expected === undefined ? [] : [`${owner}: ${field} must be ${expected}, not ${describeValue(value)}`];
  });
}

function requiredFieldProblems(owner: string, record: Record<string, unknown>): string[] {
  const problems: string[] = [];
  if (record['name'] === undefined) {
    problems.push(`${owner} has no name: give "name" (letters, digits, "_" and "-")`);
  } else if (typeof record['name'] === 'string' && record['name'] !== '' && !COLLECTION_NAME.test(record['name'])) {
    problems.push(`${owner}: name must match ${COLLECTION_NAME.source} (Fabric's rule for collection names)`);
  }
  if (record['policy'] === undefined) {
    problems.push(`${owner} has no policy: give "policy", the member organizations, e.g. "OR('Org1MSP.member')"`);
  }
  return problems;
}

function peerCountProblems(owner: string, record: Record<string, unknown>): string[] {
  const required = record['requiredPeerCount'] ?? 0;
  const max = record['maxPeerCount'] ?? 1;
  if (typeof required !== 'number' || typeof max !== 'number' || max >= required) return [];
  return [
    `${owner}: maxPeerCount (${max}) cannot be less than requiredPeerCount (${required}) ` +
      '(defaults: requiredPeerCount 0, maxPeerCount 1); raise maxPeerCount or lower requiredPeerCount',
  ];
}

function endorsementPolicyProblems(owner: string, value: unknown): string[] {
  if (!isRecord(value)) return [];
  const problems = fieldProblems(`${owner} endorsementPolicy`, value, ENDORSEMENT_POLICY_FIELDS);
  if (value['signaturePolicy'] !== undefined && value['channelConfigPolicy'] !== undefined) {
    problems.push(`${owner} endorsementPolicy: give signaturePolicy or channelConfigPolicy, not both`);
  }
  return problems;
}

function oneCollectionProblems(value: unknown, index: number, names: Set<string>): string[] {
  if (!isRecord(value)) {
    return [
      `collection #${index + 1} must be an object in Fabric's collections JSON shape, not ${describeValue(value)}`,
    ];
  }
  const name = value['name'];
  const owner = typeof name === 'string' && name !== '' ? `collection ${name}` : `collection #${index + 1}`;
  const problems = [
    ...requiredFieldProblems(owner, value),
    ...fieldProblems(owner, value, COLLECTION_FIELDS),
    ...peerCountProblems(owner, value),
    ...endorsementPolicyProblems(owner, value['endorsementPolicy']),
  ];
  if (typeof name === 'string' && names.has(name)) {
    problems.push(`${owner} is defined twice; give each collection its own name`);
  }
  if (typeof name === 'string') names.add(name);
  return problems;
}

/**
 * Checks collections as Fabric's collections JSON (`collections_config.json`) before they are used: required fields,
 * each field's type, unknown fields (refused, where Fabric's peer CLI drops them), duplicate names and the peer
 * counts Fabric's `_lifecycle` refuses. Takes `unknown` because collections are often read from a JSON file. The
 * policies' syntax and MSP IDs are left to the caller, who knows the organizations.
 *
 * @example
 * ```ts
 * collectionProblems([{ name: 'pdc', policy: "OR('Org1MSP.member')", requiredPeerCount: '1' }]);
 * // ['collection pdc: requiredPeerCount must be a whole number, 0 or more, not string "1"']
 * ```
 */
export function collectionProblems(collections: unknown): string[] {
  if (!Array.isArray(collections)) {
    return [`collections must be an array (Fabric's collections JSON is a list), not ${describeValue(collections)}`];
  }
  const names = new Set<string>();
  return collections.flatMap((collection: unknown, index) => oneCollectionProblems(collection, index, names));
}

/** Encodes collections as a `CollectionConfigPackage`; undefined for none (a definition without collections). */
export function collectionConfigPackage(
  collections: readonly CollectionConfig[] | undefined,
): peer.CollectionConfigPackage | undefined {
  if (!collections || collections.length === 0) {
    return undefined;
  }
  const configPackage = new peer.CollectionConfigPackage();
  configPackage.setConfigList(collections.map(collectionConfig));
  return configPackage;
}

function collectionConfig(collection: CollectionConfig): peer.CollectionConfig {
  const memberPolicy = new peer.CollectionPolicyConfig();
  memberPolicy.setSignaturePolicy(parseSignaturePolicy(collection.policy));
  const staticConfig = new peer.StaticCollectionConfig();
  staticConfig.setName(collection.name);
  staticConfig.setMemberOrgsPolicy(memberPolicy);
  staticConfig.setRequiredPeerCount(collection.requiredPeerCount ?? 0);
  staticConfig.setMaximumPeerCount(collection.maxPeerCount ?? 1);
  staticConfig.setBlockToLive(collection.blockToLive ?? 0);
  staticConfig.setMemberOnlyRead(collection.memberOnlyRead ?? false);
  staticConfig.setMemberOnlyWrite(collection.memberOnlyWrite ?? false);
  if (collection.endorsementPolicy) {
    staticConfig.setEndorsementPolicy(
      applicationPolicy(
        collection.endorsementPolicy.signaturePolicy,
        collection.endorsementPolicy.channelConfigPolicy,
        `collection ${collection.name}`,
      ),
    );
  }
  const config = new peer.CollectionConfig();
  config.setStaticCollectionConfig(staticConfig);
  return config;
}

/** An `ApplicationPolicy`: a signature policy, or a channel policy reference; not both. */
export function applicationPolicy(
  signaturePolicy: string | undefined,
  channelConfigPolicy: string | undefined,
  owner: string,
): peer.ApplicationPolicy {
  if (signaturePolicy !== undefined && channelConfigPolicy !== undefined) {
    throw new FabricTestkitError(`${owner}: give a signature policy or a channel policy reference, not both`);
  }
  const policy = new peer.ApplicationPolicy();
  if (signaturePolicy !== undefined) {
    policy.setSignaturePolicy(parseSignaturePolicy(signaturePolicy));
  } else if (channelConfigPolicy !== undefined) {
    policy.setChannelConfigPolicyReference(channelConfigPolicy);
  }
  return policy;
}
