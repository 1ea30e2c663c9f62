// The public API of @fabric-testkit/drills, listed by name.
export { DrillFailedError, DrillRecorder, DrillStepError } from './report/drill-report';
export type { DrillReport, DrillStep, Evidence, StepOutcome } from './report/drill-report';
export { formatEvidence, formatReport, reportToJson } from './report/format';
export { PrometheusParseError, parsePrometheusText } from './metrics/prometheus';
export type { PrometheusSample } from './metrics/prometheus';
export { peerMetricsOf } from './metrics/peer-metrics';
export type { DurationSummary, PeerMetrics } from './metrics/peer-metrics';
export { samplePeerMetrics } from './metrics/sample';
export { startContractServer } from './chaincode/contract-server';
export type { RunningContractServer } from './chaincode/contract-server';
export type { CommittedTransaction, DrillTarget } from './chaincode/lifecycle-steps';
export { startDrillNetwork } from './network/drill-network';
export type { DrillNetworkOptions, StartedDrillNetwork } from './network/drill-network';
export { ASSET_UPGRADE } from './upgrade/asset-upgrade';
export { runUpgradeDrill } from './upgrade/upgrade-drill';
export type { UpgradeDrillOptions } from './upgrade/upgrade-drill';
export { DRILLS, missingDrillImages, runNamedDrill } from './catalogue';
export type { NamedDrill, RunNamedDrillOptions } from './catalogue';
export { runDifferingApprovalsDrill, runPartialApprovalDrill } from './upgrade/approval-drills';
export { runPeerRestartDrill } from './fault/peer-restart-drill';
export { runRollbackDrill } from './upgrade/rollback-drill';
export { runRollingUpgradeDrill } from './upgrade/rolling-upgrade-drill';
export type { RollingResult } from './upgrade/rolling-client';
export { runOrdererFaultDrill } from './fault/orderer-fault-drill';
export { packageIdOf, runPackageMismatchDrill } from './upgrade/package-mismatch-drill';
export { runEndorsementPolicyDrill } from './upgrade/endorsement-policy-drill';
export {
  collectionPackage,
  committedCollections,
  describePolicy,
  validationParameter,
} from './chaincode/policy-lifecycle';
export type { CollectionDefinition, EndorsementPolicy, PolicyDefinition } from './chaincode/policy-lifecycle';
export { runCaDownDrill } from './fault/ca-down-drill';
export { runPartitionDrill } from './fault/partition-drill';
export { runCollectionConfigDrill } from './upgrade/collection-drill';
export { runInitRequiredDrill } from './upgrade/init-required-drill';
export { submitInit } from './chaincode/init-transaction';
