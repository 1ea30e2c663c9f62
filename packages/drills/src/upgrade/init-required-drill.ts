import { submitInit } from '../chaincode/init-transaction';
import { peerMessageOf, submitWithEvidence, type DrillTarget } from '../chaincode/transactions';
import { DrillStepError, type DrillReport } from '../report/drill-report';
import { answersStep, installStep, nextDefinition, organizationsOf } from './deploy-steps';
import { runDrill } from './upgrade-drill';

/**
 * The init-required drill: v1 is deployed with an init-required definition. Before init, invoking fails with the
 * peer's message; an init transaction (`is_init`) creates the first asset; then ordinary invokes work, and a
 * second init is refused.
 */
export function runInitRequiredDrill(target: DrillTarget): Promise<DrillReport> {
  return runDrill('init-required', target, async (state) => {
    const { names } = organizationsOf(target);
    const [first = 'org1'] = names;
    const org = target.network.organization(first);
    const endpoint = org.peers[0]?.endpoint;
    if (!endpoint) throw new Error('the init-required drill needs a peer');
    await installStep(state, 'v1');
    const definition = await nextDefinition(target, 'v1', { initRequired: true });
    await state.recorder.step(`approve and commit v1 with initRequired (sequence ${definition.sequence})`, async () => {
      await target.network.approveChaincode(definition);
      const tx = await target.network.commitChaincode(definition);
      return {
        value: undefined,
        evidence: { txId: tx.transactionId, blockNumber: tx.blockNumber, initRequired: true },
      };
    });
    const contract = state.clients.contract(first);
    await state.recorder.step('invoking before init fails', async () => {
      try {
        const tx = await submitWithEvidence(() =>
          contract.submitAsync('CreateAsset', { arguments: ['too-early', 'red', '1', 'x'] }),
        );
        throw new DrillStepError('the invoke committed before init', { ...tx });
      } catch (e) {
        if (e instanceof DrillStepError) throw e;
        return { value: undefined, evidence: { error: peerMessageOf(e) } };
      }
    });
    await state.recorder.step('init transaction (is_init) creates the first asset', async () => {
      const tx = await submitInit(endpoint, org.admin, target.channel, 'asset-upgrade', 'CreateAsset', [
        'genesis',
        'gold',
        '1',
        'init',
      ]);
      return { value: undefined, evidence: { ...tx } };
    });
    await answersStep(state, 'v1');
    await state.recorder.step('after init, invokes work and a second init is refused', async () => {
      const tx = await submitWithEvidence(() =>
        contract.submitAsync('CreateAsset', { arguments: ['after-init', 'red', '1', 'x'] }),
      );
      const second = await submitInit(endpoint, org.admin, target.channel, 'asset-upgrade', 'CreateAsset', [
        'second-init',
        'red',
        '1',
        'x',
      ]).then(
        () => '',
        (e: unknown) => peerMessageOf(e),
      );
      if (second === '') throw new DrillStepError('a second init committed', { ...tx });
      return { value: undefined, evidence: { ...tx, secondInit: second } };
    });
  });
}
