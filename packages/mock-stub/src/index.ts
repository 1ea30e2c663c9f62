/**
 * @fabric-testkit/mock-stub: an in-memory Fabric peer and ledger behind fabric-shim's own ChaincodeStub.
 * @packageDocumentation
 */
export type {
  Block,
  ChaincodeDefinition,
  ChaincodeEvent,
  ChaincodeResponse,
  ChaincodeServer,
  CollectionConfig,
  CommittedChaincodeDefinition,
  CommittedTransaction,
  CouchDbIndexDefinition,
  DeterministicOptions,
  Endorsement,
  EndorserDetail,
  GatewayRefusal,
  HistoryEntry,
  IdentityOptions,
  IdentityRole,
  LedgerSnapshot,
  MockChannel,
  MockFabric,
  MockFabricOptions,
  MockIdentity,
  MockOrganization,
  NamespaceReadWriteSet,
  ProposalRequest,
  ReadWriteSet,
  StateDatabase,
  ValidationCode,
  Version,
} from './api';
export {
  ChaincodeServerError,
  CommitError,
  DeterminismError,
  EndorseError,
  InvalidArgumentError,
  MockFabricError,
  NoEndorsersError,
  isMockFabricError,
} from './errors';
export { createMockFabric } from './internal/fabric';
export { gatewayRefuses } from '@fabric-testkit/fabric-core';
export { compareKeys } from './ledger/key-order';
