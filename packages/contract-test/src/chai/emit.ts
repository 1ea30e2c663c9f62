/// <reference types="chai" />
import {
  checkMaybeAsync,
  describeActual,
  describeExpected,
  describeSubject,
  isTransactionLike,
  payloadEquals,
} from './internal/subjects';

/** Adds `.emit(name, payload?)`. */
export function supportEmit(Assertion: Chai.AssertionStatic): void {
  Assertion.addMethod('emit', function (this: Chai.AssertionStatic, name: string, ...payload: unknown[]) {
    const withPayload = payload.length > 0;
    const expectedPayload = payload[0];
    checkMaybeAsync(
      this,
      (subject) => {
        if (!isTransactionLike(subject)) {
          throw new TypeError(
            `emit: expected a transaction result (submit, endorse, block), got ${describeSubject(subject)}`,
          );
        }
        const event = subject.event;
        const nameMatches = event?.name === name;
        const payloadMatches = event !== undefined && (!withPayload || payloadEquals(event.payload, expectedPayload));
        const expectation = withPayload
          ? `event "${name}" with payload ${describeExpected(expectedPayload)}`
          : `event "${name}"`;
        let failure: string;
        if (event === undefined) failure = 'it emitted no event';
        else if (!nameMatches) failure = `it emitted "${event.name}"`;
        else failure = `its payload was ${describeActual(event.payload)}`;
        this.assert(
          nameMatches && payloadMatches,
          `Expected transaction ${subject.txId} to emit ${expectation}, but ${failure}`,
          `Expected transaction ${subject.txId} not to emit ${expectation}, but it did`,
          expectedPayload,
        );
      },
      (reason) => {
        throw reason;
      },
    );
    return this;
  });
}
