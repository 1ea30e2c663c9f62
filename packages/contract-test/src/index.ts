/**
 * @fabric-testkit/contract-test: drive fabric-contract-api contracts through fabric-shim's real
 * `ChaincodeFromContract` dispatch on the in-memory peer. Chai matchers: `@fabric-testkit/contract-test/chai`.
 * @packageDocumentation
 */
// First: lowers the chaincode libraries' import-time logging before anything else loads them.
export { setChaincodeLogLevel, type ChaincodeLogLevel } from './chaincode-log-level';
export { MockNetwork } from './network';
export type {
  ChaincodeClient,
  ChaincodeClientOptions,
  ChaincodeRef,
  ClientOptions,
  ContextOptions,
  ContextResult,
  ContractClass,
  DeployedChaincode,
  DeployOptions,
  EndorsedTransaction,
  IdentityCreateOptions,
  LedgerView,
  SerializerConfig,
  StartedMockNetwork,
  TransactionOutput,
  TransactionResult,
} from './types';
export {
  InMemoryCheckpointer,
  type ChaincodeEvents,
  type ChaincodeEventsOptions,
  type Checkpoint,
  type Checkpointer,
  type CommittedChaincodeEvent,
} from './events';
export {
  CommitError,
  EndorseError,
  GatewayError,
  GrpcStatus,
  isFabricError,
  validationCodeNumber,
  type ErrorDetail,
  type FabricError,
  type TxValidationCodeName,
} from './errors';
export type { ChaincodeEvent, HistoryEntry, MockIdentity, ValidationCode } from '@fabric-testkit/mock-stub';
export { readPackagedIndexes, type PackagedIndexes } from './internal/couchdb-indexes';
