/// <reference types="chai" />
/**
 * Chai matchers for contract tests. Register once, e.g. in a mocha `--require` file or at the top of a test:
 *
 * ```ts
 * import chai from 'chai';
 * import { fabricMatchers } from '@fabric-testkit/contract-test/chai';
 * chai.use(fabricMatchers);
 * ```
 * @packageDocumentation
 */
import './type-extensions';
import { supportEmit } from './emit';
import { supportRejectedWithChaincodeError } from './rejected-with-chaincode-error';
import { supportState } from './state';
import { supportValidationCode } from './validation-code';

/** The chai plugin adding `emit`, `rejectedWithChaincodeError`, `validationCode` and `state`. */
export const fabricMatchers: Chai.ChaiPlugin = (chai) => {
  const fail = (message: string): never => chai.expect.fail(message);
  supportEmit(chai.Assertion);
  supportRejectedWithChaincodeError(chai.Assertion, fail);
  supportValidationCode(chai.Assertion, fail);
  supportState(chai.Assertion);
};
