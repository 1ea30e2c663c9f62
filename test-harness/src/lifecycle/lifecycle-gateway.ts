import type { Contract, Gateway } from '@hyperledger/fabric-gateway';
import { peer } from '@hyperledger/fabric-protos';
import { FabricRequestError } from '../errors';
import { applicationPolicy, collectionConfigPackage, type CollectionConfig } from '@fabric-testkit/fabric-core';

/** A chaincode definition as `_lifecycle` approves and commits it. */
export interface ChaincodeDefinition {
  readonly name: string;
  readonly version: string;
  readonly sequence: number;
  /**
   * The channel policy endorsements must satisfy. Default `/Channel/Application/Endorsement` (when
   * `signaturePolicy` is not given either).
   */
  readonly endorsementPolicyReference?: string;
  /**
   * An endorsement policy in Fabric's policy language, for example `"AND('Org1MSP.peer','Org2MSP.peer')"`,
   * instead of a channel policy reference (give one of the two). Default none.
   */
  readonly signaturePolicy?: string;
  /** Private data collections, in Fabric's collections JSON shape. Default none. */
  readonly collections?: readonly CollectionConfig[];
  /** Whether `Init` must run first. Default false. */
  readonly initRequired?: boolean;
}

/** The commit of a chaincode definition: its transaction and the block it is in. */
export interface CommittedDefinition {
  readonly transactionId: string;
  readonly blockNumber: number;
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

/** The definition's validation parameter: a serialized `ApplicationPolicy`. */
export function validationParameter(definition: ChaincodeDefinition): Uint8Array {
  const reference =
    definition.signaturePolicy === undefined
      ? (definition.endorsementPolicyReference ?? '/Channel/Application/Endorsement')
      : definition.endorsementPolicyReference;
  return applicationPolicy(definition.signaturePolicy, reference, `chaincode ${definition.name}`).serializeBinary();
}

/** The fields every `_lifecycle` definition argument (approve, check, commit) carries. */
function setDefinition(
  args: {
    setName(v: string): void;
    setVersion(v: string): void;
    setSequence(v: number): void;
    setValidationParameter(v: Uint8Array): void;
    setInitRequired(v: boolean): void;
    setCollections(v?: peer.CollectionConfigPackage): void;
  },
  definition: ChaincodeDefinition,
): void {
  args.setName(definition.name);
  args.setVersion(definition.version);
  args.setSequence(definition.sequence);
  args.setValidationParameter(validationParameter(definition));
  args.setInitRequired(definition.initRequired ?? false);
  args.setCollections(collectionConfigPackage(definition.collections));
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
  setDefinition(args, definition);
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
  setDefinition(args, definition);
  const bytes = await lifecycle(gateway, channelId).evaluate('CheckCommitReadiness', {
    arguments: [args.serializeBinary()],
  });
  const result = peer.lifecycle.CheckCommitReadinessResult.deserializeBinary(bytes);
  return Object.fromEntries(result.getApprovalsMap().toArray());
}

/**
 * `CommitChaincodeDefinition`, endorsed by the given organizations (a majority of the channel's members); returns
 * once committed, with the transaction ID and block number.
 *
 * @throws {@link FabricRequestError} when the transaction committed as invalid (`status` is its validation code).
 */
export async function commitChaincodeDefinition(
  gateway: Gateway,
  channelId: string,
  definition: ChaincodeDefinition,
  endorsingOrganizations: readonly string[],
): Promise<CommittedDefinition> {
  const args = new peer.lifecycle.CommitChaincodeDefinitionArgs();
  setDefinition(args, definition);
  const submitted = await lifecycle(gateway, channelId).submitAsync('CommitChaincodeDefinition', {
    arguments: [args.serializeBinary()],
    endorsingOrganizations: [...endorsingOrganizations],
  });
  const status = await submitted.getStatus();
  if (!status.successful) {
    throw new FabricRequestError(
      `CommitChaincodeDefinition of ${definition.name} sequence ${definition.sequence}`,
      `transaction ${status.transactionId} committed as invalid`,
      status.code,
    );
  }
  return { transactionId: status.transactionId, blockNumber: Number(status.blockNumber) };
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
