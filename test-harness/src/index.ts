// The public API of @fabric-testkit/test-harness, listed by name.
export { FabricNetwork, newNetworkId } from './network/fabric-network';
export { organizationNameOf } from './network/options';
export { waitForBlock } from './network/block-wait';
export type {
  ChaincodeInspect,
  ChaincodeOptions,
  ChannelOptions,
  FabricNetworkOptions,
  OrganizationOptions,
  QueryLimits,
  StateDatabase,
} from './network/options';
export type {
  ChaincodeApproval,
  FabricNode,
  FabricOrganization,
  FabricPeer,
  StartedFabricNetwork,
  StartupTiming,
  UserOptions,
} from './network/started-network';
export {
  startChaincodeServer,
  startChaincodeServerPerOrganization,
  type OrganizationServers,
} from './network/chaincode-server';
export { chaincodeModuleProblems, INSPECT_IS_FOR_NODE } from './network/chaincode-check';
export type {
  ChaincodeClassModule,
  ChaincodeModule,
  ContractPackageModule,
  RunningChaincodeServer,
} from './network/chaincode-server';
export { freePort } from './network/free-port';
export {
  ChaincodeCoverage,
  ChaincodeCoverageError,
  reportCoverage,
  type ChaincodeCoverageReport,
} from './network/chaincode-coverage';
export type { DeployedChaincode, ServedChaincode } from './network/chaincode-deployments';
export { ChaincodeProgramError, type ChaincodeProgram } from './network/chaincode-program';
export {
  isChaincodeServerRunning,
  startDetachedChaincodeServer,
  stopDetachedChaincodeServer,
} from './network/detached-chaincode-server';
export type { DetachedChaincodeServer, DetachedChaincodeServerOptions } from './network/detached-chaincode-server';
export { connectGateway } from './network/gateway-connection';
export { waitForDiscovery } from './network/discovery-wait';
export type { DiscoveringPeer, DiscoveryExpectation } from './network/discovery-wait';
export { CA_BOOTSTRAP } from './network/node-specs';
export { MSP_CA_CERT_FILE, nodeOusConfig } from './crypto/msp';
export { GoBuildError, goChaincodeProblems, type GoChaincode } from './network/go-chaincode';
export type { GatewayConnection } from './network/gateway-connection';
export type { NodeKind, NodePlan, NodeRuntime, NodeSpec, RunningNode, ChaincodeHost } from './network/runtime';
export { ContainerRuntime, CHAINCODE_HOST_NAME } from './containers/container-runtime';
export type { ContainerRuntimeOptions } from './containers/container-runtime';
export { LocalProcessRuntime } from './network/local-runtime';
export type { LocalBinaries } from './network/local-runtime';
export { fabricImages, fabricImagesFromEnvironment } from './containers/images';
export type { FabricImages } from './containers/images';
export { NETWORK_LABEL, NODE_LABEL } from './containers/labels';
export { listNetworkResources, removeNetworkResources } from './containers/cleanup';
export { listNetworks } from './containers/network-listing';
export type { DockerNetwork, ListedNetwork, NetworkContainer, PublishedPort } from './containers/network-listing';
export { missingImages } from './containers/image-check';
export {
  fabricImagesMissing,
  skipWithoutFabricImages,
  type FabricImagesCheck,
  type SkippableTest,
} from './network/images-ready';

export { CaClient } from './ca/ca-client';
export type { CaClientOptions } from './ca/ca-client';
export type {
  AttributeRequest,
  CaInfo,
  EnrollRequest,
  Enrollment,
  ReenrollRequest,
  RegisterRequest,
  RegistrationAttribute,
} from './ca/types';

export { ccaasPackage, chaincodePackage, nodePackage, statedbEntries } from './lifecycle/chaincode-package';
export type { CcaasConnection } from './lifecycle/chaincode-package';
export { buildSignedProposal } from './lifecycle/proposal';
export { computeTransactionId } from '@fabric-testkit/fabric-core';
export type { BuiltProposal, ProposalRequest } from './lifecycle/proposal';
export { withIsInit } from './lifecycle/init-proposal';
export type { SigningIdentity } from './lifecycle/signing-identity';
export { getChannelConfig, installChaincode, joinChannel, listChannels } from './lifecycle/peer-admin';
export type { InstalledChaincode } from './lifecycle/peer-admin';
export { createPeerClient } from './lifecycle/endorser-client';
export type { PeerEndpoint } from './lifecycle/endorser-client';
export {
  approveChaincodeDefinition,
  checkCommitReadiness,
  commitChaincodeDefinition,
  queryCommitted,
} from './lifecycle/lifecycle-gateway';
export type { ChaincodeDefinition, CommittedChaincode, CommittedDefinition } from './lifecycle/lifecycle-gateway';
// Fabric's rules live in fabric-core; re-exported so the harness's users keep their imports.
export {
  collectionConfigPackage,
  collectionProblems,
  parseSignaturePolicy,
  policyMspIds,
  PolicyParseError,
} from '@fabric-testkit/fabric-core';
export type { CollectionConfig } from '@fabric-testkit/fabric-core';
export { buildChannelConfig } from './config/channel-config';
export { ordererTlsRootCertificates } from './config/orderer-tls';
export {
  channelCapabilities,
  channelCapabilityUpdate,
  configUpdateTransaction,
  signConfigUpdate,
  type ChannelCapability,
  type ChannelCapabilityChange,
} from './config/config-update';
export { broadcast } from './lifecycle/orderer-broadcast';
export type {
  ChannelConfigOptions,
  OrdererOrganization,
  PeerOrganization,
  Consenter,
  ConsensusType,
} from './config/channel-config';
export { buildGenesisBlock } from './config/genesis-block';
export { OsnAdminClient } from './network/osnadmin';
export type { ChannelInfo, OsnAdminOptions } from './network/osnadmin';

export {
  CaError,
  DockerUnreachableError,
  FabricRequestError,
  FabricTestkitError,
  WaitTimeoutError,
  isFabricTestkitError,
} from './errors';
export type { CaErrorDetail } from './errors';
export { NodeExitedError, isConsensusLeader } from './network/wait';
