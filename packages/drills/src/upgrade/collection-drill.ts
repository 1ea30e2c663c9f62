import type { CollectionConfig } from '@fabric-testkit/test-harness';
import { describeError, detailsOf, type DrillTarget } from '../chaincode/transactions';
import { committedCollections } from '../chaincode/committed-collections';
import { DrillStepError, type DrillReport } from '../report/drill-report';
import { ASSET_UPGRADE } from './asset-upgrade';
import { answersStep, deployVersion, nextDefinition, organizationsOf, type DrillState } from './deploy-steps';
import { runDrill } from './upgrade-drill';

/**
 * The collection config drill: v1 runs without collections; a new sequence adds a private data collection;
 * the next adds a second one; changing a collection's `blockToLive` and dropping a collection are refused with
 * the peer's message; v1 answers throughout.
 */
export function runCollectionConfigDrill(target: DrillTarget): Promise<DrillReport> {
  return runDrill('collection-config', target, async (state) => {
    const { mspIds } = organizationsOf(target);
    await deployVersion(state, 'v1');
    const members = `OR(${mspIds.map((m) => `'${m}.member'`).join(', ')})`;
    const shared = { policy: members, maxPeerCount: 1, memberOnlyRead: true, memberOnlyWrite: true };
    const assets: CollectionConfig = { name: 'assetPrivate', ...shared };
    const audit: CollectionConfig = { name: 'auditPrivate', ...shared, blockToLive: 100 };
    await change(state, 'add collection assetPrivate', [assets], true);
    await change(state, 'add collection auditPrivate', [assets, audit], true);
    await change(state, 'change blockToLive of assetPrivate', [{ ...assets, blockToLive: 5 }, audit], false);
    await change(state, 'drop collection auditPrivate', [assets], false);
    await answersStep(state, 'v1');
  });
}

/** Step: approve and commit v1 with these collections at the next sequence; `expectCommit` says whether it should work. */
async function change(
  state: DrillState,
  name: string,
  collections: readonly CollectionConfig[],
  expectCommit: boolean,
): Promise<void> {
  const { names } = organizationsOf(state.target);
  const definition = await nextDefinition(state.target, 'v1', { collections });
  const { sequence } = definition;
  await state.recorder.step(`${name} (sequence ${sequence}) ${expectCommit ? 'commits' : 'is refused'}`, async () => {
    await using connection = state.target.network.connectGateway(names[0] ?? 'org1');
    let outcome: Record<string, string | number>;
    try {
      await state.target.network.approveChaincode(definition);
      const committed = await state.target.network.commitChaincode(definition);
      outcome = { txId: committed.transactionId, blockNumber: committed.blockNumber };
    } catch (e) {
      const peerMessages = detailsOf(e).map((d) => `${d.mspId}: ${d.message}`);
      outcome = { refused: peerMessages.length > 0 ? peerMessages.join('; ') : describeError(e) };
    }
    const committed = await committedCollections(connection.gateway, state.target.channel, ASSET_UPGRADE);
    const evidence = { ...outcome, committedCollections: committed };
    if (expectCommit === 'refused' in outcome) {
      throw new DrillStepError(expectCommit ? 'the change was refused' : 'the change committed', evidence);
    }
    return { value: undefined, evidence };
  });
}
