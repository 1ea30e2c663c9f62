/**
 * Loads scenario files: YAML (`.yaml`, `.yml`) or JSON, checked against `scenario.schema.json` with ajv, then
 * against the network they declare (organizations, channels, chaincodes, identities, probe operations). Every
 * problem is a {@link ScenarioFileError} naming the file, the step and the field.
 */
import { readFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import * as path from 'node:path';
import Ajv from 'ajv';
import { load as loadYaml } from 'js-yaml';
import { checkOperation } from '@fabric-testkit/probe';
import { ScenarioFileError } from './errors';
import type {
  Call,
  CallStep,
  ChaincodeSpec,
  CollectionSpec,
  Expectation,
  IdentitySpec,
  NetworkSpec,
  Scenario,
  Step,
} from './types';

/** Where `scenario.schema.json` is: the package root (this file runs from `dist/src`). */
export const SCENARIO_SCHEMA_PATH = path.join(__dirname, '..', '..', 'scenario.schema.json');

/** The names `sample:` accepts. */
export const SAMPLE_NAMES = [
  'probe',
  'asset-transfer-basic',
  'asset-transfer-private',
  'asset-ledger-queries',
  'token-erc20',
] as const;

/** The JSON Schema of scenario files. */
export function scenarioSchema(): object {
  return JSON.parse(readFileSync(SCENARIO_SCHEMA_PATH, 'utf8')) as object;
}

let validator: Ajv.ValidateFunction | undefined;

function validate(data: unknown): Ajv.ErrorObject | undefined {
  validator ??= new Ajv({ allErrors: false, jsonPointers: false }).compile(scenarioSchema());
  if (validator(data) === true) return undefined;
  return validator.errors?.[0];
}

/** Reads, parses and checks one scenario file. */
export async function loadScenarioFile(file: string): Promise<Scenario> {
  const absolute = path.resolve(file);
  let text: string;
  try {
    text = await readFile(absolute, 'utf8');
  } catch (error) {
    throw new ScenarioFileError(file, '', `cannot read the file (${messageOf(error)})`, { cause: error });
  }
  return parseScenario(parseText(text, file), absolute, file);
}

function parseText(text: string, file: string): unknown {
  const extension = path.extname(file).toLowerCase();
  try {
    if (extension === '.json') return JSON.parse(text);
    if (extension === '.yaml' || extension === '.yml') return loadYaml(text);
  } catch (error) {
    const kind = extension === '.json' ? 'JSON' : 'YAML';
    throw new ScenarioFileError(file, '', `not valid ${kind}: ${messageOf(error)}`, { cause: error });
  }
  throw new ScenarioFileError(file, '', `unknown extension "${extension}": name scenario files .yaml, .yml or .json`);
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/** `.steps[2].submit` → `steps[2].submit`; adds the property a `required`/`additionalProperties` error names. */
function fieldOf(error: Ajv.ErrorObject): string {
  let field = error.dataPath.replace(/^\./, '').replace(/\['([^']*)'\]/g, '.$1');
  const params = error.params as { missingProperty?: string; additionalProperty?: string };
  const extra = params.missingProperty ?? params.additionalProperty;
  if (extra !== undefined) field = field === '' ? extra.replace(/^\./, '') : `${field}.${extra.replace(/^\./, '')}`;
  return field;
}

function schemaProblem(error: Ajv.ErrorObject): string {
  const params = error.params as { additionalProperty?: string; allowedValues?: unknown[] };
  if (error.keyword === 'additionalProperties') return `unknown field (see scenario.schema.json for the fields)`;
  if (error.keyword === 'required') return 'is required';
  if (error.keyword === 'enum') return `must be one of ${(params.allowedValues ?? []).join(', ')}`;
  return error.message ?? error.keyword;
}

/**
 * Checks parsed scenario data and fills in defaults. `file` is where relative paths start from; `shownAs` is how
 * errors name the file (default `file`).
 */
export function parseScenario(data: unknown, file: string, shownAs: string = file): Scenario {
  const error = validate(data);
  if (error !== undefined) throw new ScenarioFileError(shownAs, fieldOf(error), schemaProblem(error));
  return new ScenarioBuilder(data as RawScenario, file, shownAs).build();
}

interface RawCall {
  chaincode: string;
  channel?: string;
  function?: string;
  args?: string[];
  ops?: Record<string, unknown>[];
  as?: string;
  transient?: Record<string, string>;
  endorsingOrgs?: string[];
  init?: boolean;
}

interface RawStep {
  name?: string;
  submit?: RawCall;
  evaluate?: RawCall;
  block?: { submit: RawCall; expect?: Expectation }[];
  expect?: Expectation;
}

interface RawChaincode {
  name: string;
  sample?: string;
  path?: string;
  channel?: string;
  endorsementPolicy?: string;
  collections?: string | CollectionSpec[];
  initRequired?: boolean;
}

interface RawScenario {
  name: string;
  rules?: string[];
  description?: string;
  network?: {
    organizations?: string[];
    channels?: (string | { name: string; organizations?: string[] })[];
    stateDatabase?: 'leveldb' | 'couchdb';
    totalQueryLimit?: number;
    chaincodes?: RawChaincode[];
  };
  identities?: Record<string, { org: string; name?: string; attributes?: Record<string, string> }>;
  steps: RawStep[];
  observe?: RawCall[];
}

class ScenarioBuilder {
  private readonly dir: string;
  private network!: NetworkSpec;
  private readonly identities = new Map<string, IdentitySpec>();

  constructor(
    private readonly raw: RawScenario,
    private readonly file: string,
    private readonly shownAs: string,
  ) {
    this.dir = path.dirname(file);
  }

  build(): Scenario {
    this.network = this.buildNetwork();
    this.buildIdentities();
    const steps = this.raw.steps.map((step, index) => this.buildStep(step, `steps[${index}]`));
    const observe =
      this.raw.observe?.map((call, index) => this.buildCall(call, `observe[${index}]`)) ?? this.defaultObservations();
    return {
      file: this.file,
      name: this.raw.name,
      rules: this.raw.rules ?? [],
      ...(this.raw.description === undefined ? {} : { description: this.raw.description }),
      network: this.network,
      steps,
      observe,
    };
  }

  private fail(field: string, problem: string): never {
    throw new ScenarioFileError(this.shownAs, field, problem);
  }

  private buildNetwork(): NetworkSpec {
    const raw = this.raw.network ?? {};
    const organizations = raw.organizations ?? ['Org1MSP'];
    const duplicate = organizations.find((org, index) => organizations.indexOf(org) !== index);
    if (duplicate !== undefined) this.fail('network.organizations', `organization ${duplicate} is listed twice`);
    const channels = (raw.channels ?? ['mychannel']).map((channel, index) => {
      const spec = typeof channel === 'string' ? { name: channel } : channel;
      const members = spec.organizations ?? organizations;
      for (const org of members) {
        if (!organizations.includes(org)) {
          this.fail(
            `network.channels[${index}].organizations`,
            `unknown organization ${org}; declared: ${organizations.join(', ')}`,
          );
        }
      }
      return { name: spec.name, organizations: members };
    });
    const partial = {
      organizations,
      channels,
      stateDatabase: raw.stateDatabase ?? 'leveldb',
      ...(raw.totalQueryLimit === undefined ? {} : { totalQueryLimit: raw.totalQueryLimit }),
      chaincodes: [],
    };
    this.network = partial;
    const chaincodes = (raw.chaincodes ?? []).map((chaincode, index) =>
      this.buildChaincode(chaincode, `network.chaincodes[${index}]`),
    );
    const seen = new Set<string>();
    for (const [index, chaincode] of chaincodes.entries()) {
      const id = `${chaincode.channel}/${chaincode.name}`;
      if (seen.has(id))
        this.fail(
          `network.chaincodes[${index}].name`,
          `chaincode ${chaincode.name} is deployed twice on ${chaincode.channel}`,
        );
      seen.add(id);
    }
    return { ...partial, chaincodes };
  }

  private buildChaincode(raw: RawChaincode, field: string): ChaincodeSpec {
    if ((raw.sample === undefined) === (raw.path === undefined)) {
      this.fail(field, 'give exactly one of "sample" (a chaincode of this repository) and "path" (a contract package)');
    }
    const channel = raw.channel ?? this.network.channels[0]?.name ?? '';
    this.channel(channel, `${field}.channel`);
    return {
      name: raw.name,
      channel,
      ...(raw.sample === undefined ? {} : { sample: raw.sample }),
      ...(raw.path === undefined ? {} : { path: path.resolve(this.dir, raw.path) }),
      ...(raw.endorsementPolicy === undefined ? {} : { endorsementPolicy: raw.endorsementPolicy }),
      ...(raw.collections === undefined
        ? {}
        : { collections: this.collections(raw.collections, `${field}.collections`) }),
      ...(raw.initRequired === undefined ? {} : { initRequired: raw.initRequired }),
    };
  }

  private collections(raw: string | CollectionSpec[], field: string): CollectionSpec[] {
    if (typeof raw !== 'string') return raw;
    const file = path.resolve(this.dir, raw);
    try {
      const parsed: unknown = JSON.parse(readFileSync(file, 'utf8'));
      if (!Array.isArray(parsed)) this.fail(field, `${raw} must hold a JSON array of collections`);
      return parsed as CollectionSpec[];
    } catch (error) {
      if (error instanceof ScenarioFileError) throw error;
      return this.fail(field, `cannot read collections file ${raw} (${messageOf(error)})`);
    }
  }

  private channel(name: string, field: string): { name: string; organizations: readonly string[] } {
    const channel = this.network.channels.find((candidate) => candidate.name === name);
    if (channel === undefined) {
      this.fail(field, `unknown channel ${name}; declared: ${this.network.channels.map((c) => c.name).join(', ')}`);
    }
    return channel;
  }

  private buildIdentities(): void {
    for (const [alias, raw] of Object.entries(this.raw.identities ?? {})) {
      this.organization(raw.org, `identities.${alias}.org`);
      const identity = {
        org: raw.org,
        name: raw.name ?? alias,
        ...(raw.attributes === undefined ? {} : { attributes: raw.attributes }),
      };
      const clash = [...this.identities.values()].find(
        (other) => other.org === identity.org && other.name === identity.name,
      );
      if (clash !== undefined) this.fail(`identities.${alias}`, `${identity.name}@${identity.org} is declared twice`);
      this.identities.set(alias, identity);
    }
  }

  private organization(org: string, field: string): void {
    if (!this.network.organizations.includes(org)) {
      this.fail(field, `unknown organization ${org}; declared: ${this.network.organizations.join(', ')}`);
    }
  }

  private identity(as: string | undefined, field: string): IdentitySpec {
    const firstOrg = this.network.organizations[0] ?? 'Org1MSP';
    if (as === undefined) return { org: firstOrg, name: 'user1' };
    const alias = this.identities.get(as);
    if (alias !== undefined) return alias;
    const match = /^([^@]+)@([^@]+)$/.exec(as);
    if (match?.[1] === undefined || match[2] === undefined) {
      this.fail(
        field,
        `"${as}" is neither an identity alias (${[...this.identities.keys()].join(', ') || 'none declared'}) nor name@MSPID`,
      );
    }
    this.organization(match[2], field);
    const declared = [...this.identities.values()].find((other) => other.org === match[2] && other.name === match[1]);
    return declared ?? { org: match[2], name: match[1] };
  }

  private buildStep(raw: RawStep, field: string): Step {
    const kinds = (['submit', 'evaluate', 'block'] as const).filter((kind) => raw[kind] !== undefined);
    if (kinds.length !== 1)
      this.fail(field, `a step needs exactly one of submit, evaluate, block; found ${kinds.join(', ') || 'none'}`);
    const name = raw.name === undefined ? {} : { name: raw.name };
    if (raw.block !== undefined) {
      if (raw.expect !== undefined)
        this.fail(`${field}.expect`, 'a block step has expectations per transaction, under each submit');
      const transactions = raw.block.map((entry, index) =>
        this.callStep('submit', entry.submit, entry.expect, `${field}.block[${index}]`),
      );
      return { kind: 'block', ...name, transactions };
    }
    const kind = kinds[0] === 'evaluate' ? 'evaluate' : 'submit';
    const call = raw[kind] as RawCall;
    return { ...this.callStep(kind, call, raw.expect, field), ...name };
  }

  private callStep(
    kind: 'submit' | 'evaluate',
    raw: RawCall,
    expect: Expectation | undefined,
    field: string,
  ): CallStep {
    if (kind === 'evaluate' && expect?.validationCode !== undefined) {
      this.fail(
        `${field}.expect.validationCode`,
        'an evaluate is never committed: expect a validation code on a submit',
      );
    }
    return { kind, call: this.buildCall(raw, `${field}.${kind}`), ...(expect === undefined ? {} : { expect }) };
  }

  private buildCall(raw: RawCall, field: string): Call {
    const chaincode = this.deployed(raw, field);
    const identity = this.identity(raw.as, `${field}.as`);
    const channel = this.channel(chaincode.channel, `${field}.channel`);
    if (!channel.organizations.includes(identity.org)) {
      this.fail(`${field}.as`, `${identity.org} is not a member of channel ${channel.name}`);
    }
    for (const [index, org] of (raw.endorsingOrgs ?? []).entries()) {
      if (!channel.organizations.includes(org)) {
        this.fail(`${field}.endorsingOrgs[${index}]`, `${org} is not a member of channel ${channel.name}`);
      }
    }
    const { fcn, args } = this.functionAndArgs(raw, chaincode, field);
    return {
      channel: chaincode.channel,
      chaincode: raw.chaincode,
      function: fcn,
      args,
      identity,
      ...(raw.transient === undefined ? {} : { transient: raw.transient }),
      ...(raw.endorsingOrgs === undefined ? {} : { endorsingOrgs: raw.endorsingOrgs }),
      ...(raw.init === undefined ? {} : { init: raw.init }),
      ...(raw.ops === undefined ? {} : { ops: raw.ops }),
    };
  }

  private deployed(raw: RawCall, field: string): ChaincodeSpec {
    const candidates = this.network.chaincodes.filter(
      (chaincode) =>
        chaincode.name === raw.chaincode && (raw.channel === undefined || chaincode.channel === raw.channel),
    );
    const deployed = this.network.chaincodes.map((chaincode) => `${chaincode.name} (${chaincode.channel})`).join(', ');
    const [only, ...others] = candidates;
    if (only === undefined) {
      this.fail(
        `${field}.chaincode`,
        `chaincode ${raw.chaincode} is not deployed${raw.channel === undefined ? '' : ` on ${raw.channel}`}; deployed: ${deployed || 'none'}`,
      );
    }
    if (others.length > 0) this.fail(`${field}.channel`, `chaincode ${raw.chaincode} is on several channels: name one`);
    return only;
  }

  private functionAndArgs(raw: RawCall, chaincode: ChaincodeSpec, field: string): { fcn: string; args: string[] } {
    if (raw.ops === undefined) {
      if (raw.function === undefined)
        this.fail(`${field}.function`, 'is required (or give "ops" for a probe chaincode)');
      return { fcn: raw.function, args: raw.args ?? [] };
    }
    if (chaincode.sample !== 'probe')
      this.fail(`${field}.ops`, `"ops" calls the probe's Exec; ${chaincode.name} is not a probe`);
    if (raw.args !== undefined) this.fail(`${field}.args`, 'give either "ops" or "args", not both');
    if (raw.function !== undefined && raw.function !== 'Exec')
      this.fail(`${field}.function`, 'with "ops" the function is Exec');
    for (const [index, op] of raw.ops.entries()) {
      const problem = checkOperation(op);
      if (problem !== undefined) this.fail(`${field}.ops[${index}]`, problem);
    }
    return { fcn: 'Exec', args: [JSON.stringify(raw.ops)] };
  }

  private defaultObservations(): Call[] {
    const ops = [{ op: 'getStateByRange', startKey: '', endKey: '' }];
    return this.network.chaincodes
      .filter((chaincode) => chaincode.sample === 'probe')
      .map((chaincode) => {
        const org = this.network.channels.find((channel) => channel.name === chaincode.channel)?.organizations[0] ?? '';
        return {
          channel: chaincode.channel,
          chaincode: chaincode.name,
          function: 'Exec',
          args: [JSON.stringify(ops)],
          identity: { org, name: 'user1' },
          ops,
        };
      });
  }
}
