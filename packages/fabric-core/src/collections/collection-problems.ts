import { COLLECTION_DEFAULTS, COLLECTION_NAME, type CollectionConfig } from './collection-config';

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
  const required = record['requiredPeerCount'] ?? COLLECTION_DEFAULTS.requiredPeerCount;
  const max = record['maxPeerCount'] ?? COLLECTION_DEFAULTS.maxPeerCount;
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
 * policies' syntax and MSP IDs are left to the caller, who knows the organizations. Messages are written for the
 * person who wrote the JSON; {@link lifecycleCollectionError} answers as a peer does instead.
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

/**
 * The first rule of `_lifecycle` a set of collections breaks, in the peer's own words
 * (core/chaincode/lifecycle/scc.go `validateCollectionConfigs`), or undefined when Fabric would accept them; for a
 * component that answers as a peer would. Missing counts take the peer CLI's defaults.
 *
 * @example
 * ```ts
 * lifecycleCollectionError([{ name: 'c', policy: "OR('A.member')", requiredPeerCount: 2, maxPeerCount: 1 }]);
 * // 'collection-name: c -- maximum peer count (1) cannot be less than the required peer count (2)'
 * ```
 */
export function lifecycleCollectionError(collections: readonly CollectionConfig[]): string | undefined {
  const names = new Set<string>();
  for (const config of collections) {
    const name = String(config.name);
    if (!COLLECTION_NAME.test(name)) {
      return `invalid collection name '${name}'. Names can only consist of alphanumerics, '_', and '-' and cannot begin with '_'`;
    }
    if (names.has(name)) return `collection-name: ${name} -- found duplicate in collection configuration`;
    names.add(name);
    const required = config.requiredPeerCount ?? COLLECTION_DEFAULTS.requiredPeerCount;
    const max = config.maxPeerCount ?? COLLECTION_DEFAULTS.maxPeerCount;
    if (max < required) {
      return `collection-name: ${name} -- maximum peer count (${max}) cannot be less than the required peer count (${required})`;
    }
    if (required < 0) return `collection-name: ${name} -- requiredPeerCount (${required}) cannot be less than zero`;
    // BlockToLive is a uint64: the peer CLI's json.Unmarshal refuses anything else before _lifecycle sees it.
    const blockToLive = config.blockToLive ?? COLLECTION_DEFAULTS.blockToLive;
    if (!Number.isInteger(blockToLive) || blockToLive < 0) {
      return `collection-name: ${name} -- blockToLive must be a non-negative integer`;
    }
  }
  return undefined;
}
