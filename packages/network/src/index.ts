/**
 * @fabric-testkit/network: one test, two targets. The same suite runs on the in-memory peer (`mock`) while coding
 * and on real Fabric in containers (`network`) in CI. Chai matchers: `@fabric-testkit/network/chai`.
 * @packageDocumentation
 */
export { createNetwork, NetworkBuilder, targetFromEnvironment, TARGET_ENV } from './network-builder';
export type { ChaincodeLogLevel } from '@fabric-testkit/contract-test';
export type { CreateNetworkOptions } from './network-builder';
export type { ExplorerOptions, RunningExplorer } from '@fabric-testkit/explorer';
export type {
  ChaincodeClient,
  ChaincodeClientOptions,
  ChaincodeEvent,
  ChaincodeRef,
  ClientOptions,
  CollectionConfig,
  DeployedChaincode,
  DeployOptions,
  EndorsedTransaction,
  Identity,
  IdentityOptions,
  StartedNetwork,
  StateDatabase,
  TargetName,
  TransactionOutput,
  TransactionRecord,
  TransactionResult,
  ValidationCode,
} from './types';
export { NetworkDefinitionError, TargetUnsupportedError } from './errors';
export {
  CommitError,
  EndorseError,
  GatewayError,
  InMemoryCheckpointer,
  isFabricError,
  type ChaincodeEvents,
  type ChaincodeEventsOptions,
  type Checkpoint,
  type CommittedChaincodeEvent,
} from '@fabric-testkit/contract-test';
