/**
 * @fabric-testkit/scenarios: scenario files (YAML or JSON, `scenario.schema.json`) that run the same transactions
 * on the in-memory mock and on a real network, check expectations, and compare what each target observed.
 * @packageDocumentation
 */
export type {
  Call,
  CallKind,
  CallOutcome,
  CallRecord,
  CallStep,
  ChaincodeSpec,
  CollectionSpec,
  EventRecord,
  Expectation,
  IdentitySpec,
  NamespaceSummary,
  NetworkSpec,
  Payload,
  Scenario,
  ScenarioRun,
  StateDatabase,
  Step,
  StepRecord,
} from './types';
export type { StartedTarget, Target } from './target';
export { MockTarget, type MockTargetOptions } from './mock-target';
export { NetworkTarget, type NetworkTargetOptions } from './network-target';
export { chaincodeModule, samplePackageDir } from './chaincode-packages';
export { orgNameOf } from './org-names';
export { endorsedOutcome, refusedOutcome, type EndorsedOutcome } from './endorsed-transaction';
export { validationCodeName } from './network-calls';
export { loadScenarioFile, parseScenario, scenarioSchema, SAMPLE_NAMES, SCENARIO_SCHEMA_PATH } from './loader';
export { runScenario, stepLabel } from './runner';
export { checkExpectation } from './expectations';
export { compareRuns, formatComparison, Normaliser, type Difference, type RunComparison } from './differ';
export { formatCall, formatRun } from './report';
export { decodePayload } from './payload';
export {
  isScenarioError,
  ScenarioError,
  ScenarioFailedError,
  ScenarioFileError,
  TargetUnavailableError,
} from './errors';
export { createTarget, type TargetName } from './targets';
