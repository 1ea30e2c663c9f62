/**
 * @fabric-testkit/explorer: see a Fabric ledger. Channels and their blocks as they arrive; each transaction's
 * function, arguments, creator, endorsers, read set with versions, write set, event and validation code; for an
 * invalid transaction, the reason in words with the evidence; chaincode definitions; private data as hashes unless
 * the viewer's organization may read it. One model for the page, `fabric-testkit explore` and `fabric-testkit blocks`.
 * @packageDocumentation
 */
export { startExplorer, type ExplorerOptions, type RunningExplorer } from './server/explorer-server';
export { LedgerExplorer, type BlocksQuery } from './model/ledger-explorer';
export type { LedgerSource } from './model/ledger-source';
export { mockLedgerSource } from './mock/mock-source';
export {
  fabricLedgerSource,
  type FabricLedgerSourceOptions,
  type LedgerContract,
  type LedgerGateway,
} from './fabric/fabric-source';
export { decodeBlock } from './fabric/block-decoder';
export { conflictSentence, versionText } from './model/explain';
export { blockLines } from './text/block-text';
export {
  ExplorerError,
  isExplorerError,
  LedgerReadError,
  UnknownChannelError,
  UnknownOrganizationError,
} from './errors';
export type {
  BlockView,
  ChaincodeDefinitionView,
  ChannelView,
  CollectionDefinitionView,
  CollectionView,
  CreatorView,
  DisplayValue,
  EventView,
  ExplanationView,
  HeightUpdate,
  MvccConflictView,
  NamespaceView,
  OverviewView,
  PhantomConflictView,
  PrivateReadView,
  PrivateWriteView,
  RangeQueryView,
  ReadView,
  TransactionView,
  VersionView,
  WriteView,
} from './model/views';
export { findChromium } from './browser/find-chromium';
