/**
 * The contract package a `deploy DIR` names: a fabric-contract-api package directory, built, whose `package.json`
 * gives the chaincode's default name and version. Checked before anything is installed, each problem with what to do.
 */
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import * as path from 'node:path';
import {
  collectionProblems,
  parseSignaturePolicy,
  policyMspIds,
  type CollectionConfig,
} from '@fabric-testkit/test-harness';
import { InvalidFlagError, NetworkCommandError } from './network-errors';

/** Fabric's rule for chaincode names (`core/common/ccprovider` `ChaincodeNameRegExp`). */
const CHAINCODE_NAME = /^[a-zA-Z0-9]+([-_][a-zA-Z0-9]+)*$/;

/** A contract package found in a directory. */
export interface ContractPackage {
  readonly directory: string;
  /** The `package.json` name without its scope, for example `asset-transfer-basic`. */
  readonly defaultName: string;
  readonly version: string;
}

/** Reads and checks the package in `dir` (relative to the working directory). */
export async function readContractPackage(dir: string): Promise<ContractPackage> {
  const directory = path.resolve(dir);
  const manifest = path.join(directory, 'package.json');
  if (!existsSync(manifest)) {
    throw new NetworkCommandError(
      `${dir} is not a contract package: it has no package.json (give the directory of a fabric-contract-api ` +
        'package, whose package.json "main" exports "contracts")',
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
