/**
 * fabric-shim's and fabric-contract-api's log level, as a peer sets it with `CORE_CHAINCODE_LOGGING_LEVEL`.
 *
 * Quiet by default in tests: fabric-contract-api logs every decorated class and transaction at INFO when the
 * contract module is imported, before any `MockNetwork` exists, and fabric-shim logs each failed transaction. Unless
 * the user set `CORE_CHAINCODE_LOGGING_LEVEL`, importing this package lowers both to WARNING, for loggers made
 * before (a contract imported first) and after. `withChaincodeLogLevel()` changes it again.
 */
import * as ContractApiLogger from 'fabric-contract-api/lib/logger';
import * as ShimLogger from 'fabric-shim/lib/logger';

/** fabric-shim's log levels (`CORE_CHAINCODE_LOGGING_LEVEL`). */
export type ChaincodeLogLevel = 'CRITICAL' | 'ERROR' | 'WARNING' | 'INFO' | 'DEBUG';

/** Sets the level of every chaincode logger of the process, existing and future. */
export function setChaincodeLogLevel(level: ChaincodeLogLevel): void {
  ShimLogger.setLevel(level);
  ContractApiLogger.setLevel(level);
  // setLevel stores winston's level name, which both libraries map back to INFO for loggers created later.
  process.env['CORE_CHAINCODE_LOGGING_LEVEL'] = level;
}

if (process.env['CORE_CHAINCODE_LOGGING_LEVEL'] === undefined) setChaincodeLogLevel('WARNING');
