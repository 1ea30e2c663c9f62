/** Human-readable reports of scenario runs, as the CLI prints them. */
import { callText } from './differ';
import { show } from './expectations';
import type { CallRecord, NamespaceSummary, ScenarioRun } from './types';

const MAX_VALUE = 300;

function clip(text: string): string {
  return text.length <= MAX_VALUE ? text : `${text.slice(0, MAX_VALUE)}… (${text.length} characters)`;
}

function readWriteLines(readWriteSet: Readonly<Record<string, NamespaceSummary>>): string[] {
  const lines: string[] = [];
  for (const [namespace, summary] of Object.entries(readWriteSet)) {
    const parts = [
      ...Object.entries(summary.reads).map(([key, version]) => `read ${show(key)}@${version}`),
      ...summary.ranges.map(
        (range) =>
          `range [${show(range.startKey)}, ${show(range.endKey)})${range.itrExhausted ? '' : ' (stopped early)'} → ${range.keys.map((key) => show(key)).join(', ') || 'nothing'}`,
      ),
      ...Object.entries(summary.writes).map(([key, value]) => `write ${show(key)}=${clip(show(value))}`),
      ...summary.metadataWrites.map((key) => `metadata ${show(key)}`),
      ...Object.entries(summary.collections).flatMap(([name, collection]) => [
        ...Object.entries(collection.reads).map(([key, version]) => `read ${name}/${show(key)}@${version}`),
        ...Object.entries(collection.writes).map(([key, value]) => `write ${name}/${show(key)}=${clip(show(value))}`),
        ...collection.purges.map((key) => `purge ${name}/${show(key)}`),
      ]),
    ];
    if (parts.length > 0) lines.push(`rwset ${namespace}: ${parts.join('; ')}`);
  }
  return lines;
}

/** The lines describing one call: what was called, what came back, and failed expectations. */
export function formatCall(record: CallRecord): string[] {
  const { call, outcome } = record;
  const endorsers = call.endorsingOrgs === undefined ? '' : `, endorsed by ${call.endorsingOrgs.join(', ')}`;
  const lines = [`${callText(record)}${endorsers}`];
  if (call.ops !== undefined) lines.push(`  ops ${clip(show(call.ops))}`);
  else if (call.args.length > 0) lines.push(`  args ${clip(show(call.args))}`);
  if (call.transient !== undefined) lines.push(`  transient ${clip(show(call.transient))}`);
  const message = outcome.message === '' ? '' : ` ${show(outcome.message)}`;
  lines.push(`  → status ${outcome.status}${message}, payload ${clip(show(outcome.payload))}`);
  if (outcome.event !== undefined) lines.push(`  event ${outcome.event.name} ${clip(show(outcome.event.payload))}`);
  if (outcome.validationCode !== undefined) {
    lines.push(`  ${outcome.validationCode} in block ${outcome.blockNumber ?? '?'}`);
  }
  for (const line of readWriteLines(outcome.readWriteSet ?? {})) lines.push(`  ${line}`);
  for (const failure of record.failures) lines.push(`  ✗ ${failure}`);
  return lines;
}

/** Every step of a run, its observations and a PASS/FAIL line. */
export function formatRun(run: ScenarioRun): string[] {
  const rules = run.scenario.rules.length === 0 ? '' : ` [${run.scenario.rules.join(', ')}]`;
  const lines = [`scenario ${run.scenario.name}${rules} on ${run.target} (${run.scenario.file})`];
  if (run.skipped !== undefined) return [...lines, `  SKIPPED: ${run.skipped}`];
  for (const step of run.steps) {
    const [only, ...others] = step.calls;
    if (only !== undefined && others.length === 0 && callText(only) === step.label) {
      // An unnamed step: its label is the call itself.
      const [first, ...rest] = formatCall(only);
      lines.push(`  ${step.index}. ${first ?? ''}`, ...rest.map((line) => `     ${line}`));
      continue;
    }
    lines.push(`  ${step.index}. ${step.label}`);
    for (const record of step.calls) lines.push(...formatCall(record).map((line) => `     ${line}`));
  }
  for (const record of run.observations) {
    lines.push(`  observed ${record.call.chaincode}: ${clip(show(record.outcome.payload))}`);
  }
  if (run.error !== undefined) lines.push(`  ✗ ${run.error}`);
  const failures = run.steps.reduce(
    (count, step) => count + step.calls.filter((call) => call.failures.length > 0).length,
    0,
  );
  lines.push(
    run.passed
      ? '  PASS'
      : `  FAIL (${failures} call${failures === 1 ? '' : 's'} failed${run.error === undefined ? '' : ', target error'})`,
  );
  return lines;
}
