/** Set to `true` in a chaincode server's environment to keep it running when the process that started it exits. */
export const DETACHED_ENV = 'FABRIC_TESTKIT_CHAINCODE_DETACHED';
