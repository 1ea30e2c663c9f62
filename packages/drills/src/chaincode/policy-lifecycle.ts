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
  const envelope = new common.SignaturePolicyEnvelope();
  envelope.setVersion(0);
  envelope.setIdentitiesList(
    policy.peersOf.map((mspId) => {
      const role = new msp.MSPRole();
      role.setMspIdentifier(mspId);
      role.setRole(msp.MSPRole.MSPRoleType.PEER);
      const principal = new msp.MSPPrincipal();
      principal.setPrincipalClassification(msp.MSPPrincipal.Classification.ROLE);
      principal.setPrincipal(role.serializeBinary());
      return principal;
    }),
  );
  const nOutOf = new common.SignaturePolicy.NOutOf();
  nOutOf.setN(policy.outOf);
  nOutOf.setRulesList(
    policy.peersOf.map((_, i) => {
      const rule = new common.SignaturePolicy();
      rule.setSignedBy(i);
      return rule;
    }),
  );
  const rule = new common.SignaturePolicy();
  rule.setNOutOf(nOutOf);
  envelope.setRule(rule);
  application.setSignaturePolicy(envelope);
  return application.serializeBinary();
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
