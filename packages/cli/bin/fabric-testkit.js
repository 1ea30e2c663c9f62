#!/usr/bin/env node
'use strict';
// Thin launcher: the CLI is TypeScript compiled to dist/ by `npm ci` (the root `prepare` script runs `tsc -b`).
require('../dist/src/main.js')
  .main(process.argv)
  .then((code) => {
    process.exitCode = code;
  });
