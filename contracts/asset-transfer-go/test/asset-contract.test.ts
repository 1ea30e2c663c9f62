// The Go chaincode through the same client API and matchers as the Node samples: built with `go build` and served
// as a chaincode server, which the in-memory peer (default) or a real network's peers (FABRIC_TESTKIT_TARGET=network)
// talk to over the chaincode protocol.
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import chai, { expect } from 'chai';
import { createNetwork, type ChaincodeClient, type StartedNetwork } from '@fabric-testkit/network';
import { fabricMatchers } from '@fabric-testkit/network/chai';
import { useFixture, useNetwork } from '@fabric-testkit/network/mocha';

chai.use(fabricMatchers);

/** The Go main package: this package's directory (the test runs from dist/test). */
const goPackage = path.resolve(__dirname, '..', '..');

interface Owner {
  MSPID: string;
  ID: string;
}

async function deployed(network: StartedNetwork): Promise<{ alice: ChaincodeClient; bob: ChaincodeClient }> {
  // Either organization may endorse: an appraisal is endorsed by its owner's organization alone, since the gateway
  // keeps transient data away from organizations outside the collection's distribution (and a majority policy
  // would then fail validation, ENDORSEMENT_POLICY_FAILURE).
  await network.deploy({ name: 'basic-go', go: goPackage, endorsementPolicy: "OR('Org1MSP.peer','Org2MSP.peer')" });
  const alice = network.chaincode('basic-go', { as: await network.identity('Org1MSP', 'alice') });
  return { alice, bob: alice.with({ as: await network.identity('Org2MSP', 'bob') }) };
}

/** Where the chaincode's coverage goes, per target: `coverage/chaincode-mock/basic-go/lcov.info` and the like. */
const coverageDir = path.resolve(
  __dirname,
  '..',
  '..',
  'coverage',
  `chaincode-${process.env.FABRIC_TESTKIT_TARGET ?? 'mock'}`,
);

describe('asset-transfer-go (Go chaincode as a service)', () => {
  const network = useNetwork(() =>
    createNetwork({ progress: (line) => console.log(`      ${line}`) })
      .withOrganizations('Org1MSP', 'Org2MSP')
      .withChannel('mychannel')
      .withChaincodeCoverage(coverageDir),
  );

  // After useNetwork's own `after`, which stops the network: the Go chaincode, built with -cover, wrote its coverage.
  after(() => {
    const lcov = readFileSync(path.join(coverageDir, 'basic-go', 'lcov.info'), 'utf8');
    expect(lcov).to.match(/^SF:.*asset_contract\.go$/m);
    expect(readFileSync(path.join(coverageDir, 'basic-go', 'summary.txt'), 'utf8')).to.match(
      /coverage: \d+\.\d% of statements/,
    );
  });

  let alice: ChaincodeClient;
  let bob: ChaincodeClient;
  useFixture(network, deployed, (clients) => ({ alice, bob } = clients));

  it('creates an asset owned by the caller, emits AssetCreated, and any organization reads it', async () => {
    const created = await alice.submit('CreateAsset', 'a1', 'blue', '5', '300');
    const owner = (await alice.evaluate('WhoAmI')).json<Owner>();
    expect(owner.MSPID).to.equal('Org1MSP');
    // fabric-chaincode-go's cid gives the identity as base64 of "x509::<subject>::<issuer>".
    expect(Buffer.from(owner.ID, 'base64').toString()).to.match(/^x509::.*CN=alice/);
    const expected = { AppraisedValue: 300, Color: 'blue', ID: 'a1', Owner: owner, Size: 5 };
    expect(created.json()).to.deep.equal(expected);
    await expect(created).to.emit('AssetCreated', expected);
    expect((await bob.evaluate('ReadAsset', 'a1')).json()).to.deep.equal(expected);
    expect(await network().transaction(created.txId)).to.deep.include({
      validationCode: 'VALID',
      // One organization satisfies the policy: the gateway's own (alice's, Org1).
      endorsingOrganizations: ['Org1MSP'],
    });
  });

  it("rejects with the contract's errors, as fabric-contract-api-go returns them", async () => {
    await alice.submit('CreateAsset', 'a1', 'blue', '5', '300');
    await expect(bob.submit('CreateAsset', 'a1', 'red', '1', '1')).to.be.rejectedWithChaincodeError(
      500,
      'the asset a1 already exists',
    );
    await expect(bob.submit('TransferAsset', 'a1', 'Org2MSP', 'x')).to.be.rejectedWithChaincodeError(
      500,
      'bob@Org2MSP may not transfer asset a1: it is owned by alice@Org1MSP',
    );
    await expect(alice.evaluate('ReadAsset', 'nope')).to.be.rejectedWithChaincodeError(
      500,
      'the asset nope does not exist',
    );
  });

  it('transfers to the other organization, whose client may then delete it', async () => {
    await alice.submit('CreateAsset', 'a1', 'blue', '5', '300');
    const to = (await bob.evaluate('WhoAmI')).json<Owner>();
    await expect(alice.submit('TransferAsset', 'a1', to.MSPID, to.ID)).to.emit('AssetTransferred');
    await expect(bob.submit('DeleteAsset', 'a1')).to.emit('AssetDeleted');
    expect((await alice.evaluate('AssetExists', 'a1')).text).to.equal('false');
  });

  it('lists every asset in key order with a range query', async () => {
    for (const id of ['b', 'a', 'c']) await alice.submit('CreateAsset', id, 'blue', '1', '1');
    expect((await bob.evaluate('GetAllAssets')).json<{ ID: string }[]>().map((a) => a.ID)).to.deep.equal([
      'a',
      'b',
      'c',
    ]);
  });

  it("keeps the owner's appraisal in its organization's implicit collection: others see only its hash", async () => {
    await alice.submit('CreateAsset', 'a1', 'blue', '5', '300');
    await expect(alice.submit('SetAppraisal', 'a1')).to.be.rejectedWithChaincodeError(
      500,
      'give the appraisal of asset a1 in the transient map under "appraisal"',
    );
    await alice
      .with({ transient: { appraisal: '350' }, endorsingOrganizations: ['Org1MSP'] })
      .submit('SetAppraisal', 'a1');
    expect((await alice.evaluate('ReadAppraisal', 'a1')).text).to.equal('350');
    await expect(bob.evaluate('ReadAppraisal', 'a1')).to.be.rejectedWithChaincodeError(
      500,
      'no appraisal of asset a1 in _implicit_org_Org2MSP',
    );
    expect((await bob.evaluate('AppraisalHash', 'Org1MSP', 'a1')).text).to.equal(
      createHash('sha256').update('350').digest('hex'),
    );
  });

  it('lets only one of two transfers in the same block commit (MVCC_READ_CONFLICT)', async () => {
    await alice.submit('CreateAsset', 'a1', 'blue', '5', '300');
    const [first, second] = await network().block([
      alice.endorse('TransferAsset', 'a1', 'Org2MSP', 'one'),
      alice.endorse('TransferAsset', 'a1', 'Org2MSP', 'two'),
    ]);
    await expect(first).to.have.validationCode('VALID');
    await expect(second).to.have.validationCode('MVCC_READ_CONFLICT');
  });
});
