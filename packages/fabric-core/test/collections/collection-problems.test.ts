import { expect } from 'chai';
import { collectionProblems, lifecycleCollectionError } from '../../src';

describe('collectionProblems (the collections JSON before it is used)', () => {
  it('accepts a valid collection', () => {
    expect(collectionProblems([{ name: 'pdc', policy: "OR('Org1MSP.member')", maxPeerCount: 2 }])).to.deep.equal([]);
  });

  it('refuses what is not a list, or not an object', () => {
    expect(collectionProblems({})).to.deep.equal([
      "collections must be an array (Fabric's collections JSON is a list), not object {}",
    ]);
    expect(collectionProblems([null])).to.deep.equal([
      "collection #1 must be an object in Fabric's collections JSON shape, not null null",
    ]);
  });

  it('names the collection, the field and the expected type', () => {
    expect(
      collectionProblems([
        { name: 'pdc', policy: "OR('Org1MSP.member')", requiredPeerCount: '1', memberOnlyRead: 'true' },
      ]),
    ).to.deep.equal([
      'collection pdc: requiredPeerCount must be a whole number, 0 or more, not string "1"',
      'collection pdc: memberOnlyRead must be true or false, not string "true"',
    ]);
  });

  it('refuses unknown fields, missing name and policy, bad names, duplicates and peer counts', () => {
    const problems = collectionProblems([
      { policy: "OR('A.member')" },
      { name: 'a', policy: 'p', memberOrgPolicy: 'x', requiredPeerCount: 2 },
      { name: 'a' },
      { name: '_c', policy: 'p' },
      { name: 'e', policy: 'p', endorsementPolicy: { signaturePolicy: 's', channelConfigPolicy: 'c', rule: 1 } },
      { name: 'f', policy: 'p', endorsementPolicy: 'x' },
    ]);
    expect(problems).to.deep.equal([
      'collection #1 has no name: give "name" (letters, digits, "_" and "-")',
      'collection a: unknown field memberOrgPolicy (known: name, policy, requiredPeerCount, maxPeerCount, ' +
        "blockToLive, memberOnlyRead, memberOnlyWrite, endorsementPolicy); refused deliberately, as Fabric's peer " +
        'CLI would ignore it silently',
      'collection a: maxPeerCount (1) cannot be less than requiredPeerCount (2) (defaults: requiredPeerCount 0, ' +
        'maxPeerCount 1); raise maxPeerCount or lower requiredPeerCount',
      `collection a has no policy: give "policy", the member organizations, e.g. "OR('Org1MSP.member')"`,
      'collection a is defined twice; give each collection its own name',
      "collection _c: name must match ^[A-Za-z0-9-]+([A-Za-z0-9_-]+)*$ (Fabric's rule for collection names)",
      'collection e endorsementPolicy: unknown field rule (known: signaturePolicy, channelConfigPolicy); ' +
        "refused deliberately, as Fabric's peer CLI would ignore it silently",
      'collection e endorsementPolicy: give signaturePolicy or channelConfigPolicy, not both',
      'collection f: endorsementPolicy must be an object: { signaturePolicy } or { channelConfigPolicy }, not string "x"',
    ]);
  });
});

describe("lifecycleCollectionError (core/chaincode/lifecycle/scc.go validateCollectionConfigs, the peer's words)", () => {
  const policy = "OR('A.member')";

  it('accepts valid collections, with the peer CLI defaults for missing counts', () => {
    expect(
      lifecycleCollectionError([
        { name: 'a', policy },
        { name: 'b-c_d', policy, maxPeerCount: 3 },
      ]),
    ).to.equal(undefined);
  });

  it('answers as the peer for each rule', () => {
    expect(lifecycleCollectionError([{ name: '_a', policy }])).to.equal(
      "invalid collection name '_a'. Names can only consist of alphanumerics, '_', and '-' and cannot begin with '_'",
    );
    expect(
      lifecycleCollectionError([
        { name: 'a', policy },
        { name: 'a', policy },
      ]),
    ).to.equal('collection-name: a -- found duplicate in collection configuration');
    expect(lifecycleCollectionError([{ name: 'c', policy, requiredPeerCount: 2, maxPeerCount: 1 }])).to.equal(
      'collection-name: c -- maximum peer count (1) cannot be less than the required peer count (2)',
    );
    expect(lifecycleCollectionError([{ name: 'c', policy, requiredPeerCount: -1 }])).to.equal(
      'collection-name: c -- requiredPeerCount (-1) cannot be less than zero',
    );
    expect(lifecycleCollectionError([{ name: 'c', policy, blockToLive: 1.5 }])).to.equal(
      'collection-name: c -- blockToLive must be a non-negative integer',
    );
  });
});
