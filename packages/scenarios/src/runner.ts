/** Runs a scenario on a target, checks its expectations and records everything each call observed. */
import { checkExpectation } from './expectations';
import type { StartedTarget, Target } from './target';
import type { Call, CallRecord, CallStep, Scenario, ScenarioRun, Step, StepRecord } from './types';

/** `alice@Org1MSP` */
export function identityText(call: Call): string {
  return `${call.identity.name}@${call.identity.org}`;
}

/** A short description of a step: its name, or what it calls. */
export function stepLabel(step: Step): string {
  if (step.name !== undefined) return step.name;
  if (step.kind === 'block') return `block of ${step.transactions.length} submits`;
  return `${step.kind} ${step.call.chaincode} ${step.call.function} as ${identityText(step.call)}`;
}

async function runCall(target: StartedTarget, step: CallStep): Promise<CallRecord> {
  const outcome = step.kind === 'submit' ? await target.submit(step.call) : await target.evaluate(step.call);
  return { kind: step.kind, call: step.call, outcome, failures: checkExpectation(step.kind, step.expect, outcome) };
}

async function runStep(target: StartedTarget, step: Step): Promise<CallRecord[]> {
  if (step.kind !== 'block') return [await runCall(target, step)];
  const outcomes = await target.block(step.transactions.map((transaction) => transaction.call));
  return step.transactions.map((transaction, index) => {
    const outcome = outcomes[index];
    if (outcome === undefined)
      throw new Error(`the target returned ${outcomes.length} outcomes for a block of ${step.transactions.length}`);
    return {
      kind: 'submit',
      call: transaction.call,
      outcome,
      failures: checkExpectation('submit', transaction.expect, outcome),
    };
  });
}

/**
 * Starts the target with the scenario's network, runs every step, then the observations, and stops the target.
 * A scenario the target says it cannot run is recorded as skipped without starting anything.
 * Never rejects for a failed expectation (see `passed`); a target failure stops the run and is recorded in `error`.
 */
export async function runScenario(scenario: Scenario, target: Target): Promise<ScenarioRun> {
  const skipped = target.unsupported?.(scenario.network);
  if (skipped !== undefined)
    return { scenario, target: target.name, steps: [], observations: [], skipped, passed: true };
  const steps: StepRecord[] = [];
  const observations: CallRecord[] = [];
  let error: string | undefined;
  let started: StartedTarget | undefined;
  try {
    started = await target.start(scenario.network);
    for (const [index, step] of scenario.steps.entries()) {
      const calls = await runStep(started, step).catch((cause: unknown) => {
        throw new StepError(index + 1, cause);
      });
      steps.push({ index: index + 1, label: stepLabel(step), calls });
    }
    for (const call of scenario.observe) {
      const outcome = await started.evaluate(call);
      observations.push({ kind: 'observe', call, outcome, failures: [] });
    }
  } catch (cause) {
    error = describeFailure(cause);
  } finally {
    await started?.stop();
  }
  const passed = error === undefined && steps.every((step) => step.calls.every((call) => call.failures.length === 0));
  return { scenario, target: target.name, steps, observations, ...(error === undefined ? {} : { error }), passed };
}

class StepError extends Error {
  constructor(
    readonly step: number,
    override readonly cause: unknown,
  ) {
    super(`step ${step}: ${cause instanceof Error ? cause.message : String(cause)}`);
  }
}

function describeFailure(cause: unknown): string {
  if (cause instanceof StepError) {
    const inner = cause.cause instanceof Error ? `${cause.cause.name}: ${cause.cause.message}` : String(cause.cause);
    return `step ${cause.step}: the target failed: ${inner}`;
  }
  return `the target failed: ${cause instanceof Error ? `${cause.name}: ${cause.message}` : String(cause)}`;
}
