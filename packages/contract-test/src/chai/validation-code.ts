/// <reference types="chai" />
import type { ValidationCode } from '@fabric-testkit/mock-stub';
import { isFabricError } from '../errors';
import { checkMaybeAsync, describeRejection, describeSubject, isTransactionLike } from './internal/subjects';

/** Adds `.validationCode(code)`: on a transaction result, or on a submit that rejects with `CommitError`. */
export function supportValidationCode(Assertion: Chai.AssertionStatic, fail: (message: string) => never): void {
  Assertion.addMethod('validationCode', function (this: Chai.AssertionStatic, code: ValidationCode) {
    const check = (txId: string, actual: string): void => {
      this.assert(
        actual === code,
        `Expected transaction ${txId} to have validation code ${code}, but it was ${actual}`,
        `Expected transaction ${txId} not to have validation code ${code}, but it did`,
        code,
        actual,
      );
    };
    checkMaybeAsync(
      this,
      (subject) => {
        if (!isTransactionLike(subject) || subject.validationCode === undefined) {
          throw new TypeError(
            `validationCode: expected a committed transaction result, got ${describeSubject(subject)}`,
          );
        }
        check(subject.txId, subject.validationCode);
      },
      (reason) => {
        if (isFabricError(reason, 'CommitError')) return check(reason.transactionId, reason.validationCode);
        const text = describeRejection(reason);
        fail(`Expected a committed transaction with a validation code, but it failed before commit: ${text}`);
      },
    );
    return this;
  });
}
