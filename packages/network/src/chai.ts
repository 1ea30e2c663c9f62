/** The chai matchers, for both targets: `chai.use(fabricMatchers)`. They are contract-test's. */
export { fabricMatchers } from '@fabric-testkit/contract-test/chai';
