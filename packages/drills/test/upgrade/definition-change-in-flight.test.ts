// A transaction endorsed under one chaincode definition and committed after a newer definition is invalid.
//
// Every invocation reads its chaincode's committed sequence through the transaction simulator: core/chaincode/
// lifecycle/endorsement_info.go (ChaincodeEndorsementInfoSource.CachedChaincodeInfo) deserializes the field
// `Sequence` of `namespaces/<name>` from the `_lifecycle` namespace, so the key `namespaces/fields/<name>/Sequence`
// is a read of the endorsed read/write set, at the version of the block that committed that sequence. Committing a
// new definition (any change: package, version or just the endorsement policy) writes that key again; the
// committer's MVCC check (core/ledger/kvledger/txmgmt/validation/validator.go, validateKVRead) then finds the read
// version stale and marks an earlier-endorsed transaction MVCC_READ_CONFLICT.
import { listNetworkResources, skipWithoutFabricImages, type ChaincodeOptions } from '@fabric-testkit/test-harness';
import type { Contract, Transaction } from '@hyperledger/fabric-gateway';
import { common, gateway, ledger, peer } from '@hyperledger/fabric-protos';
import { expect } from 'chai';
import { startDrillNetwork, type StartedDrillNetwork } from '../../src/network/drill-network';
import { ASSET_UPGRADE, OrgClients, type AssetUpgradeVersion } from '../../src/upgrade/asset-upgrade';
import { assetUpgrade } from '../../src/upgrade/deploy-steps';
import { testImages } from '../support/network';

const SEQUENCE_KEY = `namespaces/fields/${ASSET_UPGRADE}/Sequence`;

/** The reads of the `_lifecycle` namespace in an endorsed transaction, key to `block:tx` version. */
function lifecycleReadsOf(transaction: Transaction): Record<string, string> {
  const prepared = gateway.PreparedTransaction.deserializeBinary(transaction.getBytes());
  const payload = common.Payload.deserializeBinary(prepared.getEnvelope()?.getPayload_asU8() ?? new Uint8Array());
  const tx = peer.Transaction.deserializeBinary(payload.getData_asU8());
  const actionPayload = peer.ChaincodeActionPayload.deserializeBinary(
    tx.getActionsList()[0]?.getPayload_asU8() ?? new Uint8Array(),
  );
  const responsePayload = peer.ProposalResponsePayload.deserializeBinary(
    actionPayload.getAction()?.getProposalResponsePayload_asU8() ?? new Uint8Array(),
  );
  const action = peer.ChaincodeAction.deserializeBinary(responsePayload.getExtension_asU8());
  const rwset = ledger.rwset.TxReadWriteSet.deserializeBinary(action.getResults_asU8());
  const lifecycle = rwset.getNsRwsetList().find((ns) => ns.getNamespace() === '_lifecycle');
  if (!lifecycle) return {};
  const reads = ledger.rwset.kvrwset.KVRWSet.deserializeBinary(lifecycle.getRwset_asU8()).getReadsList();
  return Object.fromEntries(
    reads.map((read) => {
      const version = read.getVersion();
      return [read.getKey(), version ? `${version.getBlockNum()}:${version.getTxNum()}` : 'none'];
    }),
  );
}

/** The validation code a transaction committed with, and its name. */
interface Validation {
  readonly code: number;
  readonly name: string;
}

/** Submits an endorsed transaction and waits for its validation code. */
async function submitted(transaction: Transaction): Promise<Validation> {
  const { code } = await (await transaction.submit()).getStatus();
  const name = Object.entries(peer.TxValidationCode).find(([, value]) => value === code)?.[0] ?? String(code);
  return { code, name };
}

function endorseCreate(contract: Contract, id: string): Promise<Transaction> {
  return contract.newProposal('CreateAsset', { arguments: [id, 'blue', '7', 'in-flight'] }).endorse();
}

describe('a transaction endorsed before a new chaincode definition commits MVCC_READ_CONFLICT (containers, one org)', function () {
  this.timeout(600_000);
  let target: StartedDrillNetwork | undefined;
  let clients: OrgClients | undefined;
  /** The block of the last definition commit: the version of the `Sequence` key an endorsement reads. */
  let definitionBlock = 0;

  /** Deploys `asset-upgrade`, or commits its next sequence, with the harness; returns that sequence. */
  async function commitNext(version: AssetUpgradeVersion, extra: Partial<ChaincodeOptions> = {}): Promise<number> {
    if (!target) throw new Error('no network');
    const chaincode = assetUpgrade(target, version, extra);
    const committed =
      definitionBlock === 0
        ? await target.network.deployChaincode(chaincode)
        : await target.network.upgradeChaincode(chaincode);
    definitionBlock = committed.blockNumber;
    return committed.sequence;
  }

  /** Endorses `CreateAsset` and checks that its only `_lifecycle` read is `Sequence`, at the last definition. */
  async function endorseReadingSequence(id: string): Promise<{ transaction: Transaction; version: string }> {
    const transaction = await endorseCreate(contract(), id);
    const reads = lifecycleReadsOf(transaction);
    console.log(`      _lifecycle reads of ${id}: ${JSON.stringify(reads)}`);
    // The definition commit is alone in its block, so it is transaction 0 there.
    expect(reads).to.deep.equal({ [SEQUENCE_KEY]: `${definitionBlock}:0` });
    return { transaction, version: `${definitionBlock}:0` };
  }

  /** Whether an asset exists, through `ReadAsset`. */
  async function exists(id: string): Promise<boolean> {
    return contract()
      .evaluateTransaction('ReadAsset', id)
      .then(
        () => true,
        () => false,
      );
  }

  function contract(): Contract {
    if (!clients) throw new Error('no clients');
    return clients.contract('org1');
  }

  before(async function () {
    await skipWithoutFabricImages(this, { images: testImages() });
    target = await startDrillNetwork({ images: testImages(), channel: 'mychannel' });
    clients = new OrgClients(target, ASSET_UPGRADE);
    expect(await commitNext('v1')).to.equal(1);
  });

  after(async () => {
    clients?.close();
    if (!target) return;
    await target.stop();
    expect(await listNetworkResources(target.runtime.id)).to.deep.equal({ containers: [], networks: [] });
  });

  it('a policy change at sequence 2 (same package) invalidates a transaction endorsed at sequence 1', async () => {
    const inFlight = await endorseReadingSequence('in-flight-policy');

    expect(await commitNext('v1', { signaturePolicy: "OR('Org1MSP.peer')" })).to.equal(2);

    const validation = await submitted(inFlight.transaction);
    console.log(`      in-flight-policy, submitted after sequence 2 committed: ${validation.name}`);
    expect(validation.code, validation.name).to.equal(peer.TxValidationCode.MVCC_READ_CONFLICT);
    expect(await exists('in-flight-policy'), 'in-flight-policy written').to.equal(false);

    // Control: endorsed and submitted under sequence 2, its Sequence read is current.
    const after = await endorseReadingSequence('after-policy');
    expect(after.version).to.not.equal(inFlight.version);
    expect((await submitted(after.transaction)).name).to.equal('VALID');
    expect(await exists('after-policy'), 'after-policy written').to.equal(true);
  });

  it('an upgrade to v2 at the next sequence invalidates a transaction endorsed by v1', async () => {
    const inFlight = await endorseReadingSequence('in-flight-upgrade');

    expect(await commitNext('v2')).to.equal(3);

    const validation = await submitted(inFlight.transaction);
    console.log(`      in-flight-upgrade, submitted after the upgrade committed: ${validation.name}`);
    expect(validation.code, validation.name).to.equal(peer.TxValidationCode.MVCC_READ_CONFLICT);
    expect(await exists('in-flight-upgrade'), 'in-flight-upgrade written').to.equal(false);

    // Control: v2 answers, and a transaction it endorses after the upgrade commits.
    expect(Buffer.from(await contract().evaluateTransaction('Version')).toString()).to.equal('v2');
    const after = await endorseReadingSequence('after-upgrade');
    expect((await submitted(after.transaction)).name).to.equal('VALID');
    expect(await exists('after-upgrade'), 'after-upgrade written').to.equal(true);
  });
});
