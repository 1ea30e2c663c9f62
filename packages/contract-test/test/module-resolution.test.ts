import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { expect } from 'chai';
import ts from 'typescript';

/**
 * Type-checks `import '@fabric-testkit/contract-test/chai'` as a user's project would, under each common
 * `moduleResolution` (TS2307 under "node" before `typesVersions` mapped the subpath). The file sits inside this
 * package so that the workspace's node_modules resolve the package as an installed one.
 */
describe('@fabric-testkit/contract-test/chai resolves under every common moduleResolution', function () {
  this.timeout(60_000);
  let directory: string;

  before(() => {
    directory = mkdtempSync(path.join(__dirname, '..', 'resolution-'));
    writeFileSync(
      path.join(directory, 'user-test.ts'),
      [
        "import { fabricMatchers } from '@fabric-testkit/contract-test/chai';",
        "import { MockNetwork } from '@fabric-testkit/contract-test';",
        'export const used = [fabricMatchers, MockNetwork];',
      ].join('\n'),
    );
  });

  after(() => rmSync(directory, { recursive: true, force: true }));

  const settings: [string, ts.CompilerOptions][] = [
    ['node (node10)', { module: ts.ModuleKind.CommonJS, moduleResolution: ts.ModuleResolutionKind.Node10 }],
    ['node16', { module: ts.ModuleKind.Node16, moduleResolution: ts.ModuleResolutionKind.Node16 }],
    ['nodenext', { module: ts.ModuleKind.NodeNext, moduleResolution: ts.ModuleResolutionKind.NodeNext }],
    ['bundler', { module: ts.ModuleKind.ESNext, moduleResolution: ts.ModuleResolutionKind.Bundler }],
  ];
  for (const [name, options] of settings) {
    it(`"moduleResolution": "${name}"`, () => {
      const program = ts.createProgram([path.join(directory, 'user-test.ts')], {
        ...options,
        noEmit: true,
        strict: true,
        skipLibCheck: true,
        types: [],
        experimentalDecorators: true,
      });
      const errors = ts
        .getPreEmitDiagnostics(program)
        .map((d) => `TS${d.code}: ${ts.flattenDiagnosticMessageText(d.messageText, '\n')}`);
      expect(errors).to.deep.equal([]);
    });
  }
});
