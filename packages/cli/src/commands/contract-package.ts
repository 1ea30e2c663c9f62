/**
 * The chaincode a `deploy DIR` names: a fabric-contract-api package directory, built, whose `package.json` gives the
 * chaincode's default name and version; or a Go chaincode's main package (a `go.mod`, with or without a
 * `package.json` beside it), named after
 * the last element of its module path and built when it is served. Checked before anything is installed, each
 * problem with what to do.
 */
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import * as path from 'node:path';
import {
  collectionProblems,
  goChaincodeProblems,
  parseSignaturePolicy,
  policyMspIds,
  type CollectionConfig,
} from '@fabric-testkit/test-harness';
import { InvalidFlagError, NetworkCommandError } from './network-errors';
import type { ChaincodeLanguage } from './network-state';

/** Fabric's rule for chaincode names (`core/common/ccprovider` `ChaincodeNameRegExp`). */
const CHAINCODE_NAME = /^[a-zA-Z0-9]+([-_][a-zA-Z0-9]+)*$/;

/** A chaincode found in a directory. */
export interface ContractPackage {
  readonly directory: string;
  readonly language: ChaincodeLanguage;
  /** The `package.json` name without its scope (`asset-transfer-basic`), or the Go module path's last element. */
  readonly defaultName: string;
  /** The `package.json` version; `1.0` for Go, which has no version of its own (`--version` sets one). */
  readonly version: string;
}

/** The Go chaincode in `directory`, which has a go.mod: its module path's last element names it. */
async function readGoChaincode(dir: string, directory: string): Promise<ContractPackage> {
  const [problem] = goChaincodeProblems({ go: directory });
  if (problem !== undefined) throw new NetworkCommandError(`${dir}: ${problem}`);
  const module = /^module\s+(\S+)/m.exec(await readFile(path.join(directory, 'go.mod'), 'utf8'))?.[1];
  const last = module?.split('/').pop()?.replace(/^"|"$/g, '');
  return { directory, language: 'go', defaultName: last ?? path.basename(directory), version: '1.0' };
}

/** Reads and checks the package in `dir` (relative to the working directory). */
export async function readContractPackage(dir: string): Promise<ContractPackage> {
  const directory = path.resolve(dir);
  // A go.mod makes it Go, package.json or not (a Go chaincode may keep its TypeScript tests beside it).
  if (existsSync(path.join(directory, 'go.mod'))) return readGoChaincode(dir, directory);
  const manifest = path.join(directory, 'package.json');
  if (!existsSync(manifest)) {
    throw new NetworkCommandError(
      `${dir} is not a chaincode: it has neither a package.json nor a go.mod (give the directory of a ` +
        'fabric-contract-api package, whose package.json "main" exports "contracts", or of a Go chaincode\'s main ' +
        'package, which serves with shim.ChaincodeServer)',
    );
  }
  const pkg: unknown = JSON.parse(await readFile(manifest, 'utf8'));
  const field = (name: string): string | undefined => {
    const value: unknown = typeof pkg === 'object' && pkg !== null ? Reflect.get(pkg, name) : undefined;
    return typeof value === 'string' ? value : undefined;
  };
  const main = field('main') ?? 'index.js';
  const entry = path.join(directory, main);
  if (!existsSync(entry) && !existsSync(`${entry}.js`)) {
    throw new NetworkCommandError(
      `${dir} is not built: its package.json "main" (${main}) does not exist; build it first (for example "npm run build")`,
    );
  }
  return {
    directory,
    language: 'node',
    defaultName: (field('name') ?? path.basename(directory)).replace(/^@[^/]+\//, ''),
    version: field('version') ?? '1.0',
  };
}

/** The chaincode name: `--name`, else the package's name; either must be a Fabric chaincode name. */
export function chaincodeNameOf(flag: string | undefined, pkg: ContractPackage): string {
  const name = flag ?? pkg.defaultName;
  if (!CHAINCODE_NAME.test(name)) {
    throw new InvalidFlagError(
      '--name',
      name,
      'a chaincode name: letters and digits, words joined by single "-" or "_" (for example "basic")',
    );
  }
  return name;
}

/** Checks `--policy` against Fabric's policy language and the network's MSP IDs. */
export function checkPolicy(policy: string | undefined, mspIds: readonly string[]): string | undefined {
  if (policy === undefined) return undefined;
  try {
    parseSignaturePolicy(policy);
  } catch (e) {
    throw new InvalidFlagError(
      '--policy',
      policy,
      `a policy in Fabric's language, for example "OR('Org1MSP.peer','Org2MSP.peer')" (${e instanceof Error ? e.message : String(e)})`,
    );
  }
  const unknown = policyMspIds(policy).filter((id) => !mspIds.includes(id));
  if (unknown.length > 0) {
    throw new InvalidFlagError(
      '--policy',
      policy,
      `about the network's MSP IDs (${mspIds.join(', ')}), not ${unknown.join(', ')}`,
    );
  }
  return policy;
}

/** Reads `--collections FILE`: Fabric's collections JSON, checked as `_lifecycle` checks it. */
export async function readCollections(file: string | undefined): Promise<CollectionConfig[] | undefined> {
  if (file === undefined) return undefined;
  let parsed: unknown;
  try {
    parsed = JSON.parse(await readFile(file, 'utf8'));
  } catch (e) {
    throw new InvalidFlagError(
      '--collections',
      file,
      `a readable collections JSON file (${e instanceof Error ? e.message : String(e)})`,
    );
  }
  const problems = collectionProblems(parsed);
  if (problems.length > 0)
    throw new InvalidFlagError('--collections', file, `valid collections: ${problems.join('; ')}`);
  return parsed as CollectionConfig[];
}
