#!/usr/bin/env node
'use strict';
// Thin launcher: the CLI is TypeScript compiled to dist/ by `npm ci` (the root `prepare` script runs `tsc -b`).
// The process guards (closed output pipe, uncaught exceptions) are installed here, after the CLI's modules loaded,
// and not in main(), which tests call in-process. The chaincode log level is set before anything loads
// fabric-contract-api (see src/chaincode-log-level.ts).
require('../dist/src/chaincode-log-level.js').quietInProcessChaincode();
const { main } = require('../dist/src/main.js');
require('../dist/src/process-guards.js').installProcessGuards();
main(process.argv).then((code) => {
  process.exitCode = code;
});
