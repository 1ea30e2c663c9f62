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
