import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { expect } from 'chai';
import { isScenarioError, loadScenarioFile, parseScenario, ScenarioFileError, scenarioSchema } from '../src';

const probe = { name: 'probe', sample: 'probe' };

function scenario(overrides: Record<string, unknown>): Record<string, unknown> {
  return {
    name: 'bad',
    network: { organizations: ['Org1MSP', 'Org2MSP'], chaincodes: [probe] },
    steps: [{ submit: { chaincode: 'probe', ops: [] } }],
    ...overrides,
  };
}

function problem(data: unknown): ScenarioFileError {
  try {
    parseScenario(data, '/scenarios/bad.yaml', 'bad.yaml');
  } catch (error) {
    if (error instanceof ScenarioFileError) return error;
    throw error;
  }
  throw new Error('expected a ScenarioFileError');
}

describe('loading scenarios', () => {
  let dir: string;

  before(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'scenarios-'));
  });

  after(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('fills in defaults: one org, mychannel, leveldb, user1, and observes each probe', () => {
    const loaded = parseScenario(
      {
        name: 'min',
        network: { chaincodes: [probe] },
        steps: [{ evaluate: { chaincode: 'probe', ops: [{ op: 'getTxID' }] } }],
      },
      '/x/min.yaml',
    );
    expect(loaded.network).to.deep.equal({
      organizations: ['Org1MSP'],
      channels: [{ name: 'mychannel', organizations: ['Org1MSP'] }],
      stateDatabase: 'leveldb',
      chaincodes: [{ name: 'probe', channel: 'mychannel', sample: 'probe' }],
    });
    expect(loaded.steps[0]).to.deep.include({ kind: 'evaluate' });
    expect(loaded.steps[0])
      .to.have.nested.property('call.identity')
      .that.deep.equals({ org: 'Org1MSP', name: 'user1' });
    expect(loaded.steps[0]).to.have.nested.property('call.args[0]', '[{"op":"getTxID"}]');
    expect(loaded.observe).to.have.length(1);
    expect(loaded.rules).to.deep.equal([]);
  });

  it('resolves identities, paths and collection files relative to the scenario file', async () => {
    const collections = [
      { name: 'c', policy: "OR('Org1MSP.member')", requiredPeerCount: 0, maxPeerCount: 1, blockToLive: 0 },
    ];
    await writeFile(path.join(dir, 'collections.json'), JSON.stringify(collections));
    const file = path.join(dir, 'ok.json');
    await writeFile(
      file,
      JSON.stringify(
        scenario({
          network: {
            organizations: ['Org1MSP', 'Org2MSP'],
            channels: ['a', { name: 'b', organizations: ['Org2MSP'] }],
            chaincodes: [
              { ...probe, collections: 'collections.json' },
              { name: 'basic', path: '../basic', channel: 'b' },
            ],
          },
          identities: { alice: { org: 'Org1MSP', attributes: { role: 'x' } } },
          steps: [
            {
              block: [
                { submit: { chaincode: 'probe', as: 'alice', ops: [] } },
                { submit: { chaincode: 'probe', as: 'bob@Org2MSP', ops: [] } },
              ],
            },
            { evaluate: { chaincode: 'basic', as: 'carol@Org2MSP', function: 'F', args: ['1'] } },
          ],
          observe: [
            {
              chaincode: 'basic',
              as: 'bob@Org2MSP',
              function: 'G',
              transient: { k: 'v' },
              endorsingOrgs: ['Org2MSP'],
              init: false,
            },
          ],
        }),
      ),
    );
    const loaded = await loadScenarioFile(file);
    expect(loaded.network.chaincodes[0]?.collections).to.deep.equal(collections);
    expect(loaded.network.chaincodes[1]?.path).to.equal(path.resolve(dir, '../basic'));
    const [block] = loaded.steps;
    expect(block)
      .to.have.nested.property('transactions[0].call.identity')
      .that.deep.equals({ org: 'Org1MSP', name: 'alice', attributes: { role: 'x' } });
    expect(block)
      .to.have.nested.property('transactions[1].call.identity')
      .that.deep.equals({ org: 'Org2MSP', name: 'bob' });
    expect(loaded.observe[0]).to.deep.include({
      function: 'G',
      transient: { k: 'v' },
      endorsingOrgs: ['Org2MSP'],
      init: false,
    });
  });

  const cases: [string, unknown, string, string][] = [
    ['a missing name', { steps: [] }, 'name', 'bad.yaml: field name: is required'],
    ['an unknown top-level field', scenario({ stepz: [] }), 'stepz', 'bad.yaml: field stepz: unknown field'],
    ['no steps', scenario({ steps: [] }), 'steps', 'bad.yaml: field steps: should NOT have fewer than 1 items'],
    [
      'a step with two kinds',
      scenario({ steps: [{ submit: { chaincode: 'probe', ops: [] }, evaluate: { chaincode: 'probe', ops: [] } }] }),
      'steps[0]',
      'bad.yaml: step 1, field steps[0]: a step needs exactly one of submit, evaluate, block; found submit, evaluate',
    ],
    [
      'a misspelt call field',
      scenario({ steps: [{ submit: { chaincode: 'probe', op: [] } }] }),
      'steps[0].submit.op',
      'bad.yaml: step 1, field steps[0].submit.op: unknown field',
    ],
    [
      'a wrong type',
      scenario({ steps: [{ evaluate: { chaincode: 'probe', function: 'F', args: [1] } }] }),
      'steps[0].evaluate.args[0]',
      'should be string',
    ],
    [
      'an unknown sample',
      scenario({ network: { chaincodes: [{ name: 'x', sample: 'nope' }] } }),
      'network.chaincodes[0].sample',
      'must be one of probe, asset-transfer-basic',
    ],
    [
      'both sample and path',
      scenario({ network: { chaincodes: [{ name: 'x', sample: 'probe', path: '.' }] } }),
      'network.chaincodes[0]',
      'give exactly one of "sample"',
    ],
    [
      'a chaincode on an unknown channel',
      scenario({ network: { chaincodes: [{ ...probe, channel: 'nope' }] } }),
      'network.chaincodes[0].channel',
      'unknown channel nope; declared: mychannel',
    ],
    [
      'a chaincode deployed twice',
      scenario({ network: { chaincodes: [probe, probe] } }),
      'network.chaincodes[1].name',
      'chaincode probe is deployed twice on mychannel',
    ],
    [
      'a duplicate organization',
      scenario({ network: { organizations: ['Org1MSP', 'Org1MSP'] } }),
      'network.organizations',
      'organization Org1MSP is listed twice',
    ],
    [
      'a channel member that is not an organization',
      scenario({ network: { channels: [{ name: 'c', organizations: ['Org9MSP'] }] } }),
      'network.channels[0].organizations',
      'unknown organization Org9MSP; declared: Org1MSP',
    ],
    [
      'an identity of an unknown organization',
      scenario({ identities: { eve: { org: 'Org9MSP' } } }),
      'identities.eve.org',
      'unknown organization Org9MSP',
    ],
    [
      'an identity declared twice',
      scenario({ identities: { a: { org: 'Org1MSP', name: 'x' }, b: { org: 'Org1MSP', name: 'x' } } }),
      'identities.b',
      'x@Org1MSP is declared twice',
    ],
    [
      'an unknown identity alias',
      scenario({ steps: [{ submit: { chaincode: 'probe', as: 'alice', ops: [] } }] }),
      'steps[0].submit.as',
      '"alice" is neither an identity alias (none declared) nor name@MSPID',
    ],
    [
      'an identity of a non-member organization',
      scenario({
        network: {
          organizations: ['Org1MSP', 'Org2MSP'],
          channels: [{ name: 'c', organizations: ['Org1MSP'] }],
          chaincodes: [probe],
        },
        steps: [{ submit: { chaincode: 'probe', as: 'bob@Org2MSP', ops: [] } }],
      }),
      'steps[0].submit.as',
      'Org2MSP is not a member of channel c',
    ],
    [
      'a non-member endorser',
      scenario({
        network: {
          organizations: ['Org1MSP', 'Org2MSP'],
          channels: [{ name: 'c', organizations: ['Org1MSP'] }],
          chaincodes: [probe],
        },
        steps: [{ submit: { chaincode: 'probe', endorsingOrgs: ['Org2MSP'], ops: [] } }],
      }),
      'steps[0].submit.endorsingOrgs[0]',
      'Org2MSP is not a member of channel c',
    ],
    [
      'an undeployed chaincode',
      scenario({ steps: [{ evaluate: { chaincode: 'basic', function: 'F' } }] }),
      'steps[0].evaluate.chaincode',
      'chaincode basic is not deployed; deployed: probe (mychannel)',
    ],
    [
      'a chaincode on several channels',
      scenario({
        network: {
          channels: ['a', 'b'],
          chaincodes: [
            { ...probe, channel: 'a' },
            { ...probe, channel: 'b' },
          ],
        },
      }),
      'steps[0].submit.channel',
      'chaincode probe is on several channels: name one',
    ],
    [
      'no function',
      scenario({ steps: [{ evaluate: { chaincode: 'probe' } }] }),
      'steps[0].evaluate.function',
      'is required (or give "ops" for a probe chaincode)',
    ],
    [
      'ops with args',
      scenario({ steps: [{ evaluate: { chaincode: 'probe', ops: [], args: ['x'] } }] }),
      'steps[0].evaluate.args',
      'give either "ops" or "args", not both',
    ],
    [
      'ops with another function',
      scenario({ steps: [{ evaluate: { chaincode: 'probe', ops: [], function: 'Run' } }] }),
      'steps[0].evaluate.function',
      'with "ops" the function is Exec',
    ],
    [
      'ops for a contract',
      scenario({
        network: { chaincodes: [{ name: 'basic', sample: 'asset-transfer-basic' }] },
        steps: [{ evaluate: { chaincode: 'basic', ops: [] } }],
      }),
      'steps[0].evaluate.ops',
      '"ops" calls the probe\'s Exec; basic is not a probe',
    ],
    [
      'a bad probe operation',
      scenario({ steps: [{ block: [{ submit: { chaincode: 'probe', ops: [{ op: 'getState' }] } }] }] }),
      'steps[0].block[0].submit.ops[0]',
      'bad.yaml: step 1, field steps[0].block[0].submit.ops[0]: getState: field "key" must be a string',
    ],
    [
      'an expectation on a block',
      scenario({ steps: [{ block: [{ submit: { chaincode: 'probe', ops: [] } }], expect: { status: 200 } }] }),
      'steps[0].expect',
      'a block step has expectations per transaction',
    ],
    [
      'a validation code on an evaluate',
      scenario({ steps: [{ evaluate: { chaincode: 'probe', ops: [] }, expect: { validationCode: 'VALID' } }] }),
      'steps[0].expect.validationCode',
      'an evaluate is never committed',
    ],
  ];
  for (const [what, data, field, message] of cases) {
    it(`refuses ${what}, naming the file and the field`, () => {
      const error = problem(data);
      expect(error.field).to.equal(field);
      expect(error.message).to.contain(message);
      expect(error.file).to.equal('bad.yaml');
      expect(isScenarioError(error)).to.equal(true);
    });
  }

  it('gives the step number of a field in a step', () => {
    expect(
      problem(
        scenario({
          steps: [{ evaluate: { chaincode: 'probe', ops: [] } }, { evaluate: { chaincode: 'nope', function: 'F' } }],
        }),
      ).step,
    ).to.equal(2);
    expect(problem({ steps: [] }).step).to.equal(undefined);
  });

  it('refuses an unreadable file, bad YAML, bad JSON, an unknown extension and a bad collections file', async () => {
    const yaml = path.join(dir, 'broken.yaml');
    await writeFile(yaml, 'name: [unclosed\n');
    const json = path.join(dir, 'broken.json');
    await writeFile(json, '{');
    const txt = path.join(dir, 'scenario.txt');
    await writeFile(txt, '');
    const badCollections = path.join(dir, 'collections.yaml');
    await writeFile(
      badCollections,
      'name: c\nnetwork:\n  chaincodes: [{name: probe, sample: probe, collections: missing.json}]\nsteps: [{evaluate: {chaincode: probe, ops: []}}]\n',
    );
    const notArray = path.join(dir, 'object.json');
    await writeFile(notArray, '{}');
    const objectCollections = path.join(dir, 'object-collections.yml');
    await writeFile(
      objectCollections,
      'name: c\nnetwork:\n  chaincodes: [{name: probe, sample: probe, collections: object.json}]\nsteps: [{evaluate: {chaincode: probe, ops: []}}]\n',
    );
    const expectations: [string, RegExp][] = [
      [path.join(dir, 'missing.yaml'), /missing\.yaml: cannot read the file \(ENOENT/],
      [yaml, /broken\.yaml: not valid YAML: /],
      [json, /broken\.json: not valid JSON: /],
      [txt, /scenario\.txt: unknown extension "\.txt": name scenario files \.yaml, \.yml or \.json/],
      [badCollections, /field network\.chaincodes\[0\]\.collections: cannot read collections file missing\.json/],
      [
        objectCollections,
        /field network\.chaincodes\[0\]\.collections: object\.json must hold a JSON array of collections/,
      ],
    ];
    for (const [file, message] of expectations) {
      const error = await loadScenarioFile(file).then(
        () => undefined,
        (caught: unknown) => caught,
      );
      expect(error, file).to.be.instanceOf(ScenarioFileError);
      expect((error as Error).message).to.match(message);
    }
  });

  it('ships the JSON schema', () => {
    expect(scenarioSchema()).to.have.property('title', 'fabric-testkit scenario');
  });
});
