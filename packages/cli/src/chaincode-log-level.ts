/**
 * The chaincode log level of the CLI's own process. On an in-memory network the chaincode runs in this process,
 * and fabric-contract-api logs each refused transaction at ERROR, which the CLI already prints in Fabric's words:
 * quiet (CRITICAL) unless the user set `CORE_CHAINCODE_LOGGING_LEVEL`. It must be set before fabric-contract-api is
 * loaded (its loggers read it when made), so the launcher calls {@link quietInProcessChaincode} first. A real
 * network's chaincode servers are other processes, whose log files should say what they did: they get
 * {@link chaincodeServerLogLevel}.
 */

let userLevel: string | undefined;

/** Records the user's level and sets CRITICAL when there is none. */
export function quietInProcessChaincode(env: NodeJS.ProcessEnv = process.env): void {
  userLevel = env['CORE_CHAINCODE_LOGGING_LEVEL'];
  if (userLevel === undefined) env['CORE_CHAINCODE_LOGGING_LEVEL'] = 'CRITICAL';
}

/** The level for a chaincode server's log file: the user's, else INFO. */
export function chaincodeServerLogLevel(): string {
  return userLevel ?? 'INFO';
}
