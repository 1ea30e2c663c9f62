/**
 * Hyperledger Fabric's rules that more than one fabric-testkit package needs, each written once: the policy
 * language and its envelope, MSP roles, proposals and transaction IDs, the protobuf wire format for messages
 * written and read by hand, collection configuration, validation codes and the gateway's status rule.
 */
export {
  FabricCoreError,
  isFabricCoreError,
  PolicyConflictError,
  PolicyEnvelopeError,
  PolicyParseError,
  ProtobufReadError,
} from './errors';
export { isMspRoleName, MSP_ROLE_NAMES, MSP_ROLE_NUMBERS, mspRoleName, type MspRoleName } from './msp-role';
export type { OutOfPolicy, Policy, SignedByPolicy } from './policy/policy';
export { parsePolicy } from './policy/policy-parser';
export { policyMspIds, policyToText } from './policy/policy-text';
export { parseSignaturePolicy, policyFromEnvelope, policyToEnvelope } from './policy/policy-envelope';
export { computeTransactionId, newNonce } from './proposal/transaction-id';
export { bytesField, serialize, sizeOf, stringField, varintField, type Part } from './protobuf/writer';
export { bytesOf, numberOf, readFields, utf8Field, type FieldValue } from './protobuf/reader';
export {
  buildProposalBytes,
  CHAINCODE_TYPES,
  chaincodeInputFields,
  encodeProposal,
  type ProposalBytes,
  type ProposalContent,
} from './proposal/proposal-bytes';
export {
  COLLECTION_DEFAULTS,
  COLLECTION_NAME,
  type CollectionConfig,
  type CollectionEndorsementPolicy,
} from './collections/collection-config';
export { collectionProblems, lifecycleCollectionError } from './collections/collection-problems';
export { applicationPolicy, collectionConfigPackage } from './collections/collection-package';
export { validationCodeName, validationCodeNumber, type ValidationCodeName } from './transactions/validation-code';
export { chaincodeResponseOfDetail, gatewayRefuses } from './transactions/gateway-status';
export { chaincodeActionOf, type EndorsedChaincodeAction } from './transactions/chaincode-action';
