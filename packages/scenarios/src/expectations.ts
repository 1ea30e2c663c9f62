import { isDeepStrictEqual } from 'node:util';
import { gatewayRefuses } from '@fabric-testkit/mock-stub';
import type { CallKind, CallOutcome, Expectation } from './types';

/** Compact JSON for messages. */
export function show(value: unknown): string {
  return JSON.stringify(value) ?? 'undefined';
}

function checkStatus(expect: Expectation, outcome: CallOutcome): string[] {
  const failures: string[] = [];
  if (expect.status !== undefined && outcome.status !== expect.status) {
    failures.push(`status: expected ${expect.status}, got ${outcome.status}${messageSuffix(outcome)}`);
  }
  if (expect.error !== undefined) {
    if (!gatewayRefuses(outcome.status))
      failures.push(`error: expected an error containing ${show(expect.error)}, got status ${outcome.status}`);
    else if (!outcome.message.includes(expect.error)) {
      failures.push(`error: expected a message containing ${show(expect.error)}, got ${show(outcome.message)}`);
    }
  }
  if (expect.status === undefined && expect.error === undefined && gatewayRefuses(outcome.status)) {
    failures.push(`unexpected error: status ${outcome.status}${messageSuffix(outcome)}`);
  }
  return failures;
}

function messageSuffix(outcome: CallOutcome): string {
  return outcome.message === '' ? '' : ` (${show(outcome.message)})`;
}

function checkEvent(expect: Expectation, outcome: CallOutcome): string[] {
  if (expect.event === undefined) return [];
  if (expect.event === null)
    return outcome.event === undefined ? [] : [`event: expected none, got ${show(outcome.event)}`];
  if (outcome.event === undefined) return [`event: expected ${show(expect.event)}, got none`];
  if (outcome.event.name !== expect.event.name) {
    return [`event: expected name ${show(expect.event.name)}, got ${show(outcome.event.name)}`];
  }
  if (expect.event.payload !== undefined && !isDeepStrictEqual(outcome.event.payload, expect.event.payload)) {
    return [
      `event ${expect.event.name}: expected payload ${show(expect.event.payload)}, got ${show(outcome.event.payload)}`,
    ];
  }
  return [];
}

function checkValidation(kind: CallKind, expect: Expectation, outcome: CallOutcome): string[] {
  if (kind !== 'submit' || gatewayRefuses(outcome.status)) {
    return expect.validationCode === undefined
      ? []
      : [
          `validationCode: expected ${expect.validationCode}, but the transaction was not committed (status ${outcome.status})`,
        ];
  }
  const wanted = expect.validationCode ?? 'VALID';
  return outcome.validationCode === wanted
    ? []
    : [`validationCode: expected ${wanted}, got ${outcome.validationCode ?? 'none'}`];
}

function checkResult(
  index: number,
  wanted: { readonly result?: unknown; readonly error?: string },
  actual: unknown,
): string[] {
  const entry = (typeof actual === 'object' && actual !== null ? actual : {}) as { result?: unknown; error?: unknown };
  if (wanted.error !== undefined) {
    if (typeof entry.error !== 'string')
      return [`results[${index}]: expected an error containing ${show(wanted.error)}, got ${show(actual)}`];
    if (!entry.error.includes(wanted.error)) {
      return [`results[${index}]: expected an error containing ${show(wanted.error)}, got ${show(entry.error)}`];
    }
  }
  if ('result' in wanted && !('result' in entry && isDeepStrictEqual(entry.result, wanted.result))) {
    return [`results[${index}]: expected result ${show(wanted.result)}, got ${show(actual)}`];
  }
  return [];
}

function checkResults(expect: Expectation, outcome: CallOutcome): string[] {
  if (expect.results === undefined) return [];
  if (!Array.isArray(outcome.payload)) return [`results: expected probe results, got ${show(outcome.payload)}`];
  const actual: unknown[] = outcome.payload;
  if (actual.length !== expect.results.length) {
    return [`results: expected ${expect.results.length} operation results, got ${actual.length}`];
  }
  return expect.results.flatMap((wanted, index) => checkResult(index, wanted, actual[index]));
}

/**
 * What does not match the expectation, one readable line each; empty when everything holds. Without an
 * expectation a call must succeed (a status a gateway accepts, 200–399) and a submit must be VALID.
 */
export function checkExpectation(kind: CallKind, expect: Expectation | undefined, outcome: CallOutcome): string[] {
  const wanted = expect ?? {};
  const failures = [
    ...checkStatus(wanted, outcome),
    ...checkValidation(kind, wanted, outcome),
    ...checkEvent(wanted, outcome),
    ...checkResults(wanted, outcome),
  ];
  if (wanted.payload !== undefined && !isDeepStrictEqual(outcome.payload, wanted.payload)) {
    failures.push(`payload: expected ${show(wanted.payload)}, got ${show(outcome.payload)}`);
  }
  return failures;
}
