// The public API of @fabric-testkit/drills, listed by name.
export { DrillFailedError, DrillRecorder, DrillStepError } from './report/drill-report';
export type { DrillReport, DrillStep, Evidence, StepOutcome } from './report/drill-report';
export { formatEvidence, formatReport, reportToJson } from './report/format';
export { PrometheusParseError, parsePrometheusText } from './metrics/prometheus';
export type { PrometheusSample } from './metrics/prometheus';
export { peerMetricsOf } from './metrics/peer-metrics';
export type { DurationSummary, PeerMetrics } from './metrics/peer-metrics';
