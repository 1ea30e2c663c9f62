import { fork } from 'node:child_process';
import { readFileSync, statSync } from 'node:fs';
import { isAbsolute, join, resolve } from 'node:path';
import { FabricTestkitError } from '../errors';
import type { ChaincodeModule, ChaincodeClassModule, ContractPackageModule } from './chaincode-server';
import { chaincodeProgramProblems } from './chaincode-program';
import { goChaincodeProblems } from './go-chaincode';

function resolves(path: string): boolean {
  try {
    require.resolve(path);
    return true;
  } catch {
    return false;
  }
}

function classModuleProblems(chaincode: ChaincodeClassModule): string[] {
  const path = chaincode.modulePath;
  if (typeof path !== 'string' || !isAbsolute(path)) {
    return [
      `modulePath ${JSON.stringify(path)} must be an absolute path to the chaincode module, ` +
        "e.g. require.resolve('./my-chaincode')",
    ];
  }
  if (!resolves(path)) {
    return [
      `module ${path} (modulePath) does not exist; give the path of the built chaincode module, ` +
        "e.g. require.resolve('./my-chaincode'), and build it first if it is compiled",
    ];
  }
  return [];
}

/** A package.json's `main`, or a problem. */
function packageMain(dir: string): { main: string } | { problem: string } {
  const file = join(dir, 'package.json');
  let json: unknown;
  try {
    json = JSON.parse(readFileSync(file, 'utf8'));
  } catch (e) {
    const missing = e instanceof Error && 'code' in e && e.code === 'ENOENT';
    return {
      problem: missing
        ? `contract package ${dir} has no package.json; contractPackage must be the directory holding it`
        : `${file} is not valid JSON: ${e instanceof Error ? e.message : String(e)}`,
    };
  }
  const main: unknown = typeof json === 'object' && json !== null ? Reflect.get(json, 'main') : undefined;
  if (typeof main !== 'string' || main === '') {
    return {
      problem: `${file} has no "main"; set it to the module that exports the contracts, as fabric-chaincode-node needs`,
    };
  }
  return { main };
}

function contractPackageProblems(chaincode: ContractPackageModule): string[] {
  const dir = chaincode.contractPackage;
  if (typeof dir !== 'string' || !isAbsolute(dir)) {
    return [`contractPackage ${JSON.stringify(dir)} must be an absolute path to the contract's package directory`];
  }
  if (statSync(dir, { throwIfNoEntry: false })?.isDirectory() !== true) {
    return [
      `contract package directory ${dir} (contractPackage) does not exist; give the directory holding the ` +
        "contract's package.json",
    ];
  }
  const found = packageMain(dir);
  if ('problem' in found) return [found.problem];
  const main = resolve(dir, found.main);
  if (!resolves(main)) {
    return [
      `"main" of ${join(dir, 'package.json')} is ${JSON.stringify(found.main)}, but ${main} does not exist; ` +
        'build the package (e.g. npm run build) or fix "main"',
    ];
  }
  return [];
}

/** `inspect` given for a program (any server): what to do instead. */
export const INSPECT_IS_FOR_NODE =
  'inspect runs Node chaincode under the inspector and Go chaincode under Delve; run any other program under its ' +
  "debugger with the server form, e.g. { server: { command: 'dlv', args: ['exec', BINARY, '--headless', " +
  "'--listen=127.0.0.1:2345', '--api-version=2', '--continue', '--accept-multiclient'] } }";

/**
 * What is wrong with a chaincode module that the file system can tell, without loading it: a module path that is not
 * absolute or does not resolve, a contract package directory that is missing, or whose package.json has no `main`
 * or a `main` that does not exist (a package that was not built). Empty when nothing is.
 */
export function chaincodeModuleProblems(chaincode: ChaincodeModule): string[] {
  if (typeof chaincode !== 'object' || chaincode === null) {
    return [
      `chaincode must be { modulePath, exportName? }, { contractPackage }, { server: { command } } or { go }, not ${String(chaincode)}`,
    ];
  }
  if ('server' in chaincode) return chaincodeProgramProblems(chaincode);
  if ('go' in chaincode) return goChaincodeProblems(chaincode);
  return 'contractPackage' in chaincode ? contractPackageProblems(chaincode) : classModuleProblems(chaincode);
}

function isCheckReply(message: unknown): message is { problems: (string | null)[] } | { error: string } {
  return (
    typeof message === 'object' &&
    message !== null &&
    (('problems' in message && Array.isArray(message.problems)) ||
      ('error' in message && typeof message.error === 'string'))
  );
}

/**
 * Loads each chaincode module in a child process, as the chaincode server will, and tells which do not export a
 * chaincode: a class module without the named export, or whose export has no `Init`/`Invoke`; a contract package
 * whose `main` exports no contract classes; a module that throws when loaded. One entry per module, in order: a
 * problem or null. A child process because fabric-shim's protobuf classes must not load into this process (see
 * chaincode-main.ts); it inherits this process's flags, so TypeScript loaders work as they do for the server.
 */
export async function chaincodeExportProblems(
  modules: readonly ChaincodeModule[],
  timeoutMs = 30_000,
): Promise<(string | null)[]> {
  // A program (or Go package) is checked when it starts: it must listen. Only Node modules can be loaded here.
  const isNode = (m: ChaincodeModule): boolean => !('server' in m) && !('go' in m);
  const nodeModules = modules.filter(isNode);
  const answers = nodeModules.length === 0 ? [] : await nodeExportProblems(nodeModules, timeoutMs);
  return modules.map((m) => (isNode(m) ? (answers.shift() ?? null) : null));
}

function nodeExportProblems(modules: readonly ChaincodeModule[], timeoutMs: number): Promise<(string | null)[]> {
  const child = fork(join(__dirname, 'chaincode-check-main.js'), [JSON.stringify(modules)], {
    stdio: ['ignore', 'ignore', 'inherit', 'ipc'],
    env: { ...process.env, CORE_CHAINCODE_LOGGING_LEVEL: process.env['CORE_CHAINCODE_LOGGING_LEVEL'] ?? 'warning' },
  });
  return new Promise((resolvePromise, reject) => {
    let settled = false;
    const settle = (outcome: { problems: (string | null)[] } | { error: string }): void => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      if ('problems' in outcome) {
        resolvePromise(outcome.problems);
        return;
      }
      child.kill('SIGKILL');
      reject(new FabricTestkitError(`could not check the chaincode modules: ${outcome.error}`));
    };
    const timer = setTimeout(() => settle({ error: `no answer within ${timeoutMs} ms` }), timeoutMs);
    child.once('message', (message: unknown) => {
      settle(isCheckReply(message) ? message : { error: `unexpected answer ${JSON.stringify(message)}` });
    });
    // 'close' comes after every message the child sent has been read.
    child.once('close', (code, signal) => {
      settle({ error: `the checking process exited (${signal ?? String(code)}) without answering` });
    });
  });
}
