import { readFileSync } from 'node:fs';
import type { CollectionConfig } from '@fabric-testkit/network';

type JsonType = 'string' | 'number' | 'boolean' | 'object';

/** The fields of one collection in Fabric's collections JSON, which the network's CollectionConfig names alike. */
const COLLECTION_FIELDS: Readonly<Record<string, JsonType>> = {
  name: 'string',
  policy: 'string',
  requiredPeerCount: 'number',
  maxPeerCount: 'number',
  blockToLive: 'number',
  memberOnlyRead: 'boolean',
  memberOnlyWrite: 'boolean',
  endorsementPolicy: 'object',
};
const ENDORSEMENT_POLICY_FIELDS: Readonly<Record<string, JsonType>> = {
  signaturePolicy: 'string',
  channelConfigPolicy: 'string',
};

/**
 * Reads a collections file in Fabric's JSON shape (what `peer lifecycle chaincode approveformyorg
 * --collections-config` reads) as the network's CollectionConfig[]. Each field is checked by name and type first:
 * the peer CLI rejects an unknown field, and a misspelt `memberOnlyRead` passed on unchecked would quietly deploy
 * a collection that any organization may read.
 */
export function readCollectionsConfig(file: string): CollectionConfig[] {
  const entries: unknown = JSON.parse(readFileSync(file, 'utf8'));
  if (!Array.isArray(entries)) throw new Error(`${file}: expected an array of collections`);
  return entries.map((entry: unknown, i) => {
    const where = `${file}[${i}]`;
    const collection = checkFields(entry, COLLECTION_FIELDS, where);
    for (const needed of ['name', 'policy']) {
      if (collection[needed] === undefined) throw new Error(`${where}: ${needed} is required`);
    }
    if (collection.endorsementPolicy !== undefined) {
      checkFields(collection.endorsementPolicy, ENDORSEMENT_POLICY_FIELDS, `${where}.endorsementPolicy`);
    }
    // Checked above, field by field, against CollectionConfig's names and types.
    return collection as unknown as CollectionConfig;
  });
}

function checkFields(
  value: unknown,
  fields: Readonly<Record<string, JsonType>>,
  where: string,
): Record<string, unknown> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new Error(`${where}: expected an object`);
  }
  for (const [name, field] of Object.entries(value)) {
    const type = fields[name];
    if (type === undefined) throw new Error(`${where}: unknown field ${name}`);
    if (typeof field !== type || field === null) {
      throw new Error(`${where}.${name}: expected a ${type}, found ${JSON.stringify(field)}`);
    }
  }
  return Object.fromEntries(Object.entries(value));
}
