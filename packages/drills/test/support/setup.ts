// Loaded by mocha before the tests (.mocharc.json): the harness removes its containers itself, and no registry
// may be reachable to pull testcontainers' Ryuk image, so the drills run without Ryuk unless told otherwise.
process.env.TESTCONTAINERS_RYUK_DISABLED ??= 'true';
