/**
 * @fabric-testkit/probe: a raw chaincode that runs a JSON list of stub operations and returns every result, so
 * conformance scenarios can exercise any Fabric rule on the mock and on a real peer alike.
 * @packageDocumentation
 */
import { ProbeChaincode } from './probe-chaincode';

export { ProbeChaincode, parseOperations } from './probe-chaincode';
export { OPERATION_NAMES, checkOperation, type Operation, type OperationResult } from './operations';
export { encodeBytes, decodeValue, type EncodedBytes, type ValueInput } from './encoding';

/** The chaincode class, as the test harness's chaincode server loads it (`exportName` default `default`). */
export default ProbeChaincode;
