import * as path from 'node:path';

/** The repository's fixtures/scenarios (tests run from dist/test). */
export const CORPUS_DIR = path.resolve(__dirname, '..', '..', '..', '..', '..', 'fixtures', 'scenarios');
