/// <reference types="chai" />
import { isFabricError } from '../errors';
import { checkMaybeAsync, describeRejection, isThenable } from './internal/subjects';

function describeError(status: number | undefined, message: string | RegExp | undefined): string {
  const parts = ['chaincode error'];
  if (status !== undefined) parts.push(String(status));
  if (typeof message === 'string') parts.push(JSON.stringify(message));
  else if (message !== undefined) parts.push(String(message));
  return parts.join(' ');
}

/** Adds `.rejectedWithChaincodeError(status?, message?)` for submit, evaluate and endorse promises. */
export function supportRejectedWithChaincodeError(
  Assertion: Chai.AssertionStatic,
  fail: (message: string) => never,
): void {
  Assertion.addMethod(
    'rejectedWithChaincodeError',
    function (this: Chai.AssertionStatic, status?: number, message?: string | RegExp) {
      if (!isThenable(this._obj))
        throw new TypeError('rejectedWithChaincodeError: expected a promise (submit, evaluate, endorse)');
      const expectation = describeError(status, message);
      checkMaybeAsync(
        this,
        () => {
          this.assert(
            false,
            `Expected the transaction to be rejected with a ${expectation}, but it succeeded`,
            'unreachable: a resolved promise always satisfies the negated assertion',
            expectation,
          );
        },
        (reason) => {
          if (!isFabricError(reason, 'GatewayError')) {
            const text = describeRejection(reason);
            fail(`Expected the transaction to be rejected with a ${expectation}, but it was rejected with ${text}`);
          }
          const statusMatches = status === undefined || reason.status === status;
          const messageMatches =
            message === undefined ||
            (typeof message === 'string' ? reason.chaincodeMessage === message : message.test(reason.chaincodeMessage));
          this.assert(
            statusMatches && messageMatches,
            `Expected the transaction to be rejected with a ${expectation}, but it was rejected with ${describeError(reason.status, reason.chaincodeMessage)}`,
            `Expected the transaction not to be rejected with a ${expectation}, but it was`,
            expectation,
          );
        },
      );
      return this;
    },
  );
}
