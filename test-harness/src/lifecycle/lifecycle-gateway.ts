import type { Contract, Gateway } from '@hyperledger/fabric-gateway';
import { peer } from '@hyperledger/fabric-protos';

/** A chaincode definition as `_lifecycle` approves and commits it. */
export interface ChaincodeDefinition {
  readonly name: string;
  readonly version: string;
  readonly sequence: number;
  /** The channel policy endorsements must satisfy. Default `/Channel/Application/Endorsement`. */
  readonly endorsementPolicyReference?: string;
  /** Whether `Init` must run first. Default false. */
  readonly initRequired?: boolean;
}

/** What `QueryChaincodeDefinition` reports about a committed chaincode. */
export interface CommittedChaincode {
  readonly sequence: number;
  readonly version: string;
  readonly approvals: Readonly<Record<string, boolean>>;
}

function lifecycle(gateway: Gateway, channelId: string): Contract {
  return gateway.getNetwork(channelId).getContract('_lifecycle');
}

function validationParameter(definition: ChaincodeDefinition): Uint8Array {
  const policy = new peer.ApplicationPolicy();
  policy.setChannelConfigPolicyReference(definition.endorsementPolicyReference ?? '/Channel/Application/Endorsement');
  return policy.serializeBinary();
}

/** `ApproveChaincodeDefinitionForMyOrg`, endorsed by the gateway's own organization only. */
export async function approveChaincodeDefinition(
  gateway: Gateway,
  channelId: string,
  mspId: string,
  definition: ChaincodeDefinition,
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
  args.setValidationParameter(validationParameter(definition));
  args.setInitRequired(definition.initRequired ?? false);
  args.setSource(source);
  await lifecycle(gateway, channelId).submit('ApproveChaincodeDefinitionForMyOrg', {
    arguments: [args.serializeBinary()],
    endorsingOrganizations: [mspId],
  });
}

/** `CheckCommitReadiness`: which organizations approved this definition. */
export async function checkCommitReadiness(
  gateway: Gateway,
  channelId: string,
  definition: ChaincodeDefinition,
): Promise<Record<string, boolean>> {
  const args = new peer.lifecycle.CheckCommitReadinessArgs();
  args.setName(definition.name);
  args.setVersion(definition.version);
  args.setSequence(definition.sequence);
  args.setValidationParameter(validationParameter(definition));
  args.setInitRequired(definition.initRequired ?? false);
  const bytes = await lifecycle(gateway, channelId).evaluate('CheckCommitReadiness', {
    arguments: [args.serializeBinary()],
  });
  const result = peer.lifecycle.CheckCommitReadinessResult.deserializeBinary(bytes);
  return Object.fromEntries(result.getApprovalsMap().toArray());
}

/** `CommitChaincodeDefinition`, endorsed by the given organizations (a majority of the channel's members). */
export async function commitChaincodeDefinition(
  gateway: Gateway,
  channelId: string,
  definition: ChaincodeDefinition,
  endorsingOrganizations: readonly string[],
): Promise<void> {
  const args = new peer.lifecycle.CommitChaincodeDefinitionArgs();
  args.setName(definition.name);
  args.setVersion(definition.version);
  args.setSequence(definition.sequence);
  args.setValidationParameter(validationParameter(definition));
  args.setInitRequired(definition.initRequired ?? false);
  await lifecycle(gateway, channelId).submit('CommitChaincodeDefinition', {
    arguments: [args.serializeBinary()],
    endorsingOrganizations: [...endorsingOrganizations],
  });
}

/** `QueryChaincodeDefinition` for one committed chaincode. */
export async function queryCommitted(gateway: Gateway, channelId: string, name: string): Promise<CommittedChaincode> {
  const args = new peer.lifecycle.QueryChaincodeDefinitionArgs();
  args.setName(name);
  const bytes = await lifecycle(gateway, channelId).evaluate('QueryChaincodeDefinition', {
    arguments: [args.serializeBinary()],
  });
  const result = peer.lifecycle.QueryChaincodeDefinitionResult.deserializeBinary(bytes);
  return {
    sequence: result.getSequence(),
    version: result.getVersion(),
    approvals: Object.fromEntries(result.getApprovalsMap().toArray()),
  };
}
