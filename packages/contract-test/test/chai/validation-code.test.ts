import { expect } from 'chai';
import { MockNetwork, type ChaincodeClient, type StartedMockNetwork, type TransactionResult } from '../../src';
import { KvContract } from '../fixtures/ledger-contract';
import { failureOf, kvNetwork } from './helpers';

describe('chai: validationCode', () => {
  let network: StartedMockNetwork;
  let cc: ChaincodeClient;
  let valid: TransactionResult | undefined;
  let conflicted: TransactionResult | undefined;

  beforeEach(async () => {
    ({ network, cc } = await kvNetwork());
    [valid, conflicted] = await network.block([cc.endorse('Append', 'k', '1'), cc.endorse('Append', 'k', '2')]);
  });

  afterEach(() => network.stop());

  it('passes on results, resolved submits and CommitErrors', async () => {
    await expect(valid).to.have.validationCode('VALID');
    await expect(conflicted).to.have.validationCode('MVCC_READ_CONFLICT');
    await expect(cc.submit('Put', 'j', 'v')).to.have.validationCode('VALID');
    const twoOrgs = await new MockNetwork().withOrganizations('Org1MSP', 'Org2MSP').start();
    await twoOrgs.deploy({
      name: 'strict',
      contracts: [KvContract],
      endorsementPolicy: "AND('Org1MSP.peer','Org2MSP.peer')",
    });
    const oneEndorser = twoOrgs.chaincode('strict', { endorsingOrganizations: ['Org1MSP'] });
    await expect(oneEndorser.submit('Put', 'k', 'v')).to.have.validationCode('ENDORSEMENT_POLICY_FAILURE');
    await expect(oneEndorser.submit('Put', 'k', 'v')).not.to.have.validationCode('VALID');
    await twoOrgs.stop();
  });

  it('passes negated', async () => {
    await expect(valid).not.to.have.validationCode('MVCC_READ_CONFLICT');
    await expect(conflicted).not.to.have.validationCode('VALID');
  });

  it('fails with the actual code', async () => {
    expect(await failureOf(() => expect(conflicted).to.have.validationCode('VALID'))).to.equal(
      `Expected transaction ${conflicted?.txId} to have validation code VALID, but it was MVCC_READ_CONFLICT`,
    );
  });

  it('fails negated', async () => {
    expect(await failureOf(() => expect(valid).not.to.have.validationCode('VALID'))).to.equal(
      `Expected transaction ${valid?.txId} not to have validation code VALID, but it did`,
    );
  });

  it('fails when the transaction never reached commit, and refuses other subjects', async () => {
    expect(await failureOf(() => expect(cc.submit('Get', 'missing')).to.have.validationCode('VALID'))).to.equal(
      'Expected a committed transaction with a validation code, but it failed before commit: EndorseError: 10 ABORTED: failed to endorse transaction, see attached details for more info (Org1MSP: chaincode response 500, missing not found)',
    );
    expect(() => expect({ txId: 'x' }).to.have.validationCode('VALID')).to.throw(
      TypeError,
      'validationCode: expected a committed transaction result, got Object',
    );
  });
});
