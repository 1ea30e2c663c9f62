// The entry point of the child process that checks chaincode modules before a network starts:
//   node chaincode-check-main.js '<JSON array of ChaincodeModule>'
// It loads each module as chaincode-main.js would (in a child process for the same reason: fabric-shim's protobuf
// classes must not load into the harness's process) and sends back `{ problems }`, one entry per module: a problem
// or null. It serves nothing.
import Bootstrap from 'fabric-shim/lib/contract-spi/bootstrap';

function isChaincode(value: unknown): boolean {
  return typeof value === 'object' && value !== null && 'Init' in value && 'Invoke' in value;
}

function exportNames(loaded: unknown): string {
  const names = typeof loaded === 'object' && loaded !== null ? Object.keys(loaded) : [];
  return names.length === 0 ? 'none' : names.join(', ');
}

/** The problem with a class module's export, as chaincode-main.js would meet it, or null. */
async function classModuleProblem(modulePath: string, exportName: string): Promise<string | null> {
  const loaded: unknown = await import(modulePath);
  const exported: unknown = typeof loaded === 'object' && loaded !== null ? Reflect.get(loaded, exportName) : undefined;
  if (exported === undefined) {
    return (
      `module ${modulePath} has no export ${JSON.stringify(exportName)} (its exports: ${exportNames(loaded)}); ` +
      'set exportName to the export that is the chaincode class'
    );
  }
  const chaincode: unknown = typeof exported === 'function' ? Reflect.construct(exported, []) : exported;
  if (!isChaincode(chaincode)) {
    return (
      `export ${JSON.stringify(exportName)} of ${modulePath} is not a chaincode; export a class (or an object) with ` +
      'Init and Invoke, or serve a fabric-contract-api package with { contractPackage }'
    );
  }
  return null;
}

/** The problem with a contract package's contracts, as fabric-shim's bootstrap would meet it, or null. */
function contractPackageProblem(dir: string): string | null {
  const { contracts } = Bootstrap.getInfoFromContract(dir);
  const valid = Array.isArray(contracts) && contracts.length > 0 && contracts.every((c) => typeof c === 'function');
  return valid
    ? null
    : `contract package ${dir} exports no contract classes; its "main" module must export contracts: [MyContract] ` +
        '(classes extending Contract from fabric-contract-api)';
}

async function problemOf(chaincode: unknown): Promise<string | null> {
  const module: Record<string, unknown> = typeof chaincode === 'object' && chaincode !== null ? { ...chaincode } : {};
  const { contractPackage, modulePath, exportName } = module;
  try {
    if (typeof contractPackage === 'string') {
      return contractPackageProblem(contractPackage);
    }
    if (typeof modulePath === 'string') {
      return await classModuleProblem(modulePath, typeof exportName === 'string' ? exportName : 'default');
    }
    return 'neither { modulePath } nor { contractPackage }';
  } catch (e) {
    const what = typeof contractPackage === 'string' ? `contract package ${contractPackage}` : String(modulePath);
    return `loading ${what} failed: ${e instanceof Error ? e.message : String(e)}; fix the error it names`;
  }
}

async function main(): Promise<void> {
  const modules: unknown = JSON.parse(process.argv[2] ?? '[]');
  const problems: (string | null)[] = [];
  for (const chaincode of Array.isArray(modules) ? (modules as unknown[]) : []) {
    problems.push(await problemOf(chaincode));
  }
  process.send?.({ problems }, () => process.exit(0));
}

main().catch((e: unknown) => {
  process.send?.({ error: e instanceof Error ? e.message : String(e) }, () => process.exit(1));
});
