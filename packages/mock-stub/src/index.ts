/**
 * @fabric-testkit/mock-stub: an in-memory Fabric peer and ledger behind fabric-shim's own ChaincodeStub.
 * @packageDocumentation
 */
export { compareKeys } from './ledger/key-order';
