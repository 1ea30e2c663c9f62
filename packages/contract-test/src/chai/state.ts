/// <reference types="chai" />
import { describeActual, describeExpected, describeSubject, payloadEquals } from './internal/subjects';

interface StateSource {
  name: string;
  state(key: string): Uint8Array | undefined;
}

function isStateSource(value: unknown): value is StateSource {
  return (
    typeof value === 'object' &&
    value !== null &&
    'name' in value &&
    typeof value.name === 'string' &&
    'state' in value &&
    typeof value.state === 'function'
  );
}

/** Adds `.state(key, expected?)` on a chaincode client: committed world state. */
export function supportState(Assertion: Chai.AssertionStatic): void {
  Assertion.addMethod('state', function (this: Chai.AssertionStatic, key: string, ...expected: unknown[]) {
    const subject: unknown = this._obj;
    if (!isStateSource(subject)) {
      throw new TypeError(`state: expected a chaincode client (network.chaincode()), got ${describeSubject(subject)}`);
    }
    const actual = subject.state(key);
    const where = `the world state of ${subject.name} at ${JSON.stringify(key)}`;
    const shown = actual === undefined ? 'absent' : describeActual(actual);
    if (expected.length === 0) {
      this.assert(
        actual !== undefined,
        `Expected ${where} to be set, but it is absent`,
        `Expected ${where} to be absent, but it is ${shown}`,
        undefined,
      );
    } else {
      const value = expected[0];
      this.assert(
        actual !== undefined && payloadEquals(actual, value),
        `Expected ${where} to equal ${describeExpected(value)}, but it is ${shown}`,
        `Expected ${where} not to equal ${describeExpected(value)}, but it does`,
        value,
      );
    }
    return this;
  });
}
