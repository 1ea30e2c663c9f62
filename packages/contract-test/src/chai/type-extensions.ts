/// <reference types="chai" />
/** Typings of the matchers `fabricMatchers` adds to chai. */
import type { ValidationCode } from '@fabric-testkit/mock-stub';

declare global {
  // eslint-disable-next-line @typescript-eslint/no-namespace
  namespace Chai {
    /** An assertion that can be awaited: the matcher's subject may be a promise. */
    interface FabricAsyncAssertion extends Assertion, Promise<void> {}

    interface Assertion {
      /**
       * The transaction set the chaincode event `name`, with `payload` if given: a string is compared with the
       * payload's text, bytes byte for byte, anything else with the payload parsed as JSON. Works on a result or a
       * promise of one; await it. Events of invalid transactions are not delivered, so they never match.
       *
       * @example
       * ```ts
       * await expect(await cc.submit('CreateAsset', 'a1', 'blue', '5', '300')).to.emit('AssetCreated', { ID: 'a1' });
       * await expect(cc.submit('ReadAsset', 'a1')).not.to.emit('AssetCreated');
       * ```
       */
      emit(name: string, payload?: unknown): FabricAsyncAssertion;

      /**
       * The promise rejects with a chaincode error (an `EndorseError` from submit/endorse or a `GatewayError` from
       * evaluate) with this status and message (exact string, or RegExp) when given. The message is the chaincode's,
       * without the peer's `chaincode response 500, ` prefix. A rejection of any other kind fails the assertion.
       *
       * @example
       * ```ts
       * await expect(cc.submit('ReadAsset', 'nope')).to.be.rejectedWithChaincodeError(500, 'the asset nope does not exist');
       * await expect(cc.evaluate('ReadAsset', 'a1')).not.to.be.rejectedWithChaincodeError();
       * ```
       */
      rejectedWithChaincodeError(status?: number, message?: string | RegExp): FabricAsyncAssertion;

      /**
       * The transaction was committed with this validation code. The subject is a result (e.g. from
       * `network.block()`), or a submit promise that resolves (VALID) or rejects with `CommitError`.
       *
       * @example
       * ```ts
       * const [first, second] = await network.block([cc.endorse('TransferAsset', 'a1', 'x'), cc.endorse('TransferAsset', 'a1', 'y')]);
       * await expect(second).to.have.validationCode('MVCC_READ_CONFLICT');
       * ```
       */
      validationCode(code: ValidationCode): FabricAsyncAssertion;

      /**
       * The committed world state of the chaincode (the subject is a `ChaincodeClient`) at `key` is set, or equals
       * `expected`: a string is compared with the value's text, bytes byte for byte, anything else with the value
       * parsed as JSON. `.not.state(key)` asserts the key is absent.
       *
       * @example
       * ```ts
       * expect(cc).to.have.state('a1', { ID: 'a1', Color: 'blue' });
       * expect(cc).not.to.have.state('deleted-asset');
       * ```
       */
      state(key: string, expected?: unknown): Assertion;
    }
  }
}

export {};
