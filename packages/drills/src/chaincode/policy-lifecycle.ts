import type { Gateway } from '@hyperledger/fabric-gateway';
import { common, msp, peer } from '@hyperledger/fabric-protos';
import { submitWithEvidence, type CommittedTransaction } from './lifecycle-steps';

/** An endorsement policy: a channel policy reference, or "n out of the peers of these organizations". */
export type EndorsementPolicy =
  { readonly channelPolicy: string } | { readonly outOf: number; readonly peersOf: readonly string[] };

/** A chaincode definition with an explicit endorsement policy (the harness's takes channel references only). */
export interface PolicyDefinition {
  readonly name: string;
  readonly version: string;
  readonly sequence: number;
  readonly policy: EndorsementPolicy;
  /** Private data collections. Default none. */
  readonly collections?: readonly CollectionDefinition[];
}

/** Describes a policy as the report shows it: `/Channel/Application/Endorsement` or `1 of Org1MSP.peer, Org2MSP.peer`. */
export function describePolicy(policy: EndorsementPolicy): string {
  return 'channelPolicy' in policy
    ? policy.channelPolicy
    : `${policy.outOf} of ${policy.peersOf.map((m) => `${m}.peer`).join(', ')}`;
}

/** The definition's validation parameter: a serialized `ApplicationPolicy`. */
export function validationParameter(policy: EndorsementPolicy): Uint8Array {
  const application = new peer.ApplicationPolicy();
  if ('channelPolicy' in policy) {
    application.setChannelConfigPolicyReference(policy.channelPolicy);
    return application.serializeBinary();
  }
  const envelope = signatureEnvelope(policy.outOf, policy.peersOf, msp.MSPRole.MSPRoleType.PEER);
  application.setSignaturePolicy(envelope);
  return application.serializeBinary();
}

/** "n out of" signatures of the given role in the given organizations. */
function signatureEnvelope(
  outOf: number,
  mspIds: readonly string[],
  roleType: msp.MSPRole.MSPRoleTypeMap[keyof msp.MSPRole.MSPRoleTypeMap],
): common.SignaturePolicyEnvelope {
  const envelope = new common.SignaturePolicyEnvelope();
  envelope.setVersion(0);
  envelope.setIdentitiesList(
    mspIds.map((mspId) => {
      const role = new msp.MSPRole();
      role.setMspIdentifier(mspId);
      role.setRole(roleType);
      const principal = new msp.MSPPrincipal();
      principal.setPrincipalClassification(msp.MSPPrincipal.Classification.ROLE);
      principal.setPrincipal(role.serializeBinary());
      return principal;
    }),
  );
  const nOutOf = new common.SignaturePolicy.NOutOf();
  nOutOf.setN(outOf);
  nOutOf.setRulesList(
    mspIds.map((_, i) => {
      const rule = new common.SignaturePolicy();
      rule.setSignedBy(i);
      return rule;
    }),
  );
  const rule = new common.SignaturePolicy();
  rule.setNOutOf(nOutOf);
  envelope.setRule(rule);
  return envelope;
}

/** A private data collection of a definition: members are "1 of the members of these organizations". */
export interface CollectionDefinition {
  readonly name: string;
  readonly memberMspIds: readonly string[];
  /** Default 0 (kept forever). */
  readonly blockToLive?: number;
}

/** The definition's collections as a `CollectionConfigPackage`, or undefined when it has none. */
export function collectionPackage(
  collections: readonly CollectionDefinition[] | undefined,
): peer.CollectionConfigPackage | undefined {
  if (!collections || collections.length === 0) return undefined;
  const configPackage = new peer.CollectionConfigPackage();
  configPackage.setConfigList(
    collections.map((c) => {
      const policy = new peer.CollectionPolicyConfig();
      policy.setSignaturePolicy(signatureEnvelope(1, c.memberMspIds, msp.MSPRole.MSPRoleType.MEMBER));
      const staticConfig = new peer.StaticCollectionConfig();
      staticConfig.setName(c.name);
      staticConfig.setMemberOrgsPolicy(policy);
      staticConfig.setRequiredPeerCount(0);
      staticConfig.setMaximumPeerCount(1);
      staticConfig.setBlockToLive(c.blockToLive ?? 0);
      staticConfig.setMemberOnlyRead(true);
      staticConfig.setMemberOnlyWrite(true);
      const config = new peer.CollectionConfig();
      config.setStaticCollectionConfig(staticConfig);
      return config;
    }),
  );
  return configPackage;
}

/** `ApproveChaincodeDefinitionForMyOrg` with the definition's policy, endorsed by the approving organization. */
export async function approveWithPolicy(
  gateway: Gateway,
  channel: string,
  mspId: string,
  definition: PolicyDefinition,
  packageId: string,
): Promise<void> {
  const local = new peer.lifecycle.ChaincodeSource.Local();
  local.setPackageId(packageId);
  const source = new peer.lifecycle.ChaincodeSource();
  source.setLocalPackage(local);
  const args = new peer.lifecycle.ApproveChaincodeDefinitionForMyOrgArgs();
  args.setName(definition.name);
  args.setVersion(definition.version);
  args.setSequence(definition.sequence);
  args.setValidationParameter(validationParameter(definition.policy));
  args.setCollections(collectionPackage(definition.collections));
  args.setSource(source);
  await gateway
    .getNetwork(channel)
    .getContract('_lifecycle')
    .submit('ApproveChaincodeDefinitionForMyOrg', {
      arguments: [args.serializeBinary()],
      endorsingOrganizations: [mspId],
    });
}

/** `CheckCommitReadiness` with the definition's policy. */
export async function readinessWithPolicy(
  gateway: Gateway,
  channel: string,
  definition: PolicyDefinition,
): Promise<Record<string, boolean>> {
  const args = new peer.lifecycle.CheckCommitReadinessArgs();
  args.setName(definition.name);
  args.setVersion(definition.version);
  args.setSequence(definition.sequence);
  args.setValidationParameter(validationParameter(definition.policy));
  args.setCollections(collectionPackage(definition.collections));
  const bytes = await gateway
    .getNetwork(channel)
    .getContract('_lifecycle')
    .evaluate('CheckCommitReadiness', { arguments: [args.serializeBinary()] });
  return Object.fromEntries(
    peer.lifecycle.CheckCommitReadinessResult.deserializeBinary(bytes).getApprovalsMap().toArray(),
  );
}

/** `CommitChaincodeDefinition` with the definition's policy; returns the transaction and block. */
export function commitWithPolicy(
  gateway: Gateway,
  channel: string,
  definition: PolicyDefinition,
  endorsingOrganizations: readonly string[],
): Promise<CommittedTransaction> {
  const args = new peer.lifecycle.CommitChaincodeDefinitionArgs();
  args.setName(definition.name);
  args.setVersion(definition.version);
  args.setSequence(definition.sequence);
  args.setValidationParameter(validationParameter(definition.policy));
  args.setCollections(collectionPackage(definition.collections));
  return submitWithEvidence(() =>
    gateway
      .getNetwork(channel)
      .getContract('_lifecycle')
      .submitAsync('CommitChaincodeDefinition', {
        arguments: [args.serializeBinary()],
        endorsingOrganizations: [...endorsingOrganizations],
      }),
  );
}

/** The collections of the committed definition, as `name(blockToLive=n)`. */
export async function committedCollections(gateway: Gateway, channel: string, name: string): Promise<string[]> {
  const args = new peer.lifecycle.QueryChaincodeDefinitionArgs();
  args.setName(name);
  const bytes = await gateway
    .getNetwork(channel)
    .getContract('_lifecycle')
    .evaluate('QueryChaincodeDefinition', { arguments: [args.serializeBinary()] });
  const result = peer.lifecycle.QueryChaincodeDefinitionResult.deserializeBinary(bytes);
  return (result.getCollections()?.getConfigList() ?? []).map((c) => {
    const config = c.getStaticCollectionConfig();
    return `${config?.getName() ?? '?'}(blockToLive=${config?.getBlockToLive() ?? 0})`;
  });
}
