import { queryCommitted, type ChaincodeOptions } from '@fabric-testkit/test-harness';
import { detailsOf } from '../chaincode/transactions';
import { DrillStepError, type DrillReport } from '../report/drill-report';
import type { DrillTarget } from '../chaincode/transactions';
import { ASSET_UPGRADE, readAsset } from './asset-upgrade';
import {
  answersStep,
  approveStep,
  commitStep,
  deployVersion,
  installStep,
  nextDefinition,
  organizationsOf,
  type DrillState,
} from './deploy-steps';
import { createAssetsStep, runDrill } from './upgrade-drill';

/**
 * The partial-approval drill (needs two organizations or more): v1 is deployed and holds data; v2 is installed
 * everywhere but approved by the first organization only. Commit readiness shows the missing approval, the
 * commit fails with the peer's message, and v1 keeps serving at the same sequence with its data.
 */
export function runPartialApprovalDrill(target: DrillTarget): Promise<DrillReport> {
  return runDrill('partial-approval', target, async (state) => {
    await deployVersion(state, 'v1');
    const [asset] = await createAssetsStep(state, 1);
    await installStep(state, 'v2');
    const definition = await nextDefinition(state.target, 'v2');
    const [first = 'org1'] = organizationsOf(state.target).names;
    await approveStep(state, definition, [first]);
    await readinessStep(state, definition, 'readiness shows the missing approvals', (approvals) =>
      approvals.every(([mspId, ok]) => ok === (mspId === state.target.network.organization(first).mspId)),
    );
    await failedCommitStep(state, definition);
    await answersStep(state, 'v1');
    await state.recorder.step('v1 still committed, its data intact', async () => {
      await using connection = state.target.network.connectGateway(first);
      const committed = await queryCommitted(connection.gateway, state.target.channel, ASSET_UPGRADE);
      const read = await readAsset(state.clients.contract(first), asset?.ID ?? 'asset-1');
      if (committed.version !== 'v1' || committed.sequence !== definition.sequence - 1 || read.Owner !== asset?.Owner) {
        throw new DrillStepError('the definition or the data changed', {
          version: committed.version,
          sequence: committed.sequence,
        });
      }
      return {
        value: undefined,
        evidence: { version: committed.version, sequence: committed.sequence, read: read.ID },
      };
    });
  });
}

/**
 * The differing-approvals drill (two organizations or more): every organization but the last approves v2 with the
 * channel's default endorsement policy, the last approves it with `/Channel/Application/Writers`. Readiness of
 * each definition shows the mismatch, the commit fails, then the last organization approves the same definition
 * and the commit succeeds.
 */
export function runDifferingApprovalsDrill(target: DrillTarget): Promise<DrillReport> {
  return runDrill('differing-approvals', target, async (state) => {
    await deployVersion(state, 'v1');
    await installStep(state, 'v2');
    const definition = await nextDefinition(state.target, 'v2');
    const other = { ...definition, endorsementPolicyReference: '/Channel/Application/Writers' };
    const names = organizationsOf(state.target).names;
    const last = names[names.length - 1] ?? 'org2';
    const lastMspId = state.target.network.organization(last).mspId;
    await approveStep(state, definition, names.slice(0, -1));
    await state.recorder.step(`${lastMspId} approves with policy /Channel/Application/Writers`, async () => {
      await state.target.network.approveChaincode(other, { organizations: [last] });
      return { value: undefined, evidence: { approvedBy: lastMspId, policy: '/Channel/Application/Writers' } };
    });
    await readinessStep(state, definition, 'readiness of the default-policy definition', (approvals) =>
      approvals.every(([mspId, ok]) => ok === (mspId !== lastMspId)),
    );
    await readinessStep(state, other, 'readiness of the Writers-policy definition', (approvals) =>
      approvals.every(([mspId, ok]) => ok === (mspId === lastMspId)),
    );
    await failedCommitStep(state, definition);
    await answersStep(state, 'v1');
    await state.recorder.step(`${lastMspId} approves the default-policy definition`, async () => {
      await state.target.network.approveChaincode(definition, { organizations: [last] });
      return { value: undefined, evidence: { approvedBy: lastMspId, sequence: definition.sequence } };
    });
    await commitStep(state, definition);
    await answersStep(state, 'v2');
  });
}

/** Step: `CheckCommitReadiness` for a definition; passes when `expected` holds for the approvals. */
export function readinessStep(
  state: DrillState,
  definition: ChaincodeOptions,
  name: string,
  expected: (approvals: [string, boolean][]) => boolean,
): Promise<void> {
  return state.recorder.step(name, async () => {
    const approvals = Object.entries(await state.target.network.checkCommitReadiness(definition));
    const shown = approvals.map(([mspId, ok]) => `${mspId}=${ok}`);
    if (!expected(approvals)) {
      throw new DrillStepError('unexpected approvals', { approvals: shown });
    }
    return { value: undefined, evidence: { approvals: shown } };
  });
}

/** Step: committing the definition must fail; the evidence is the peers' message. */
export function failedCommitStep(
  state: DrillState,
  definition: ChaincodeOptions & { readonly sequence: number },
): Promise<void> {
  return state.recorder.step(`commit ${definition.version} (sequence ${definition.sequence}) is refused`, async () => {
    try {
      const tx = await state.target.network.commitChaincode(definition);
      throw new DrillStepError('the commit succeeded', { txId: tx.transactionId, blockNumber: tx.blockNumber });
    } catch (e) {
      if (e instanceof DrillStepError) {
        throw e;
      }
      const peerMessages = detailsOf(e).map((d) => `${d.mspId}: ${d.message}`);
      return {
        value: undefined,
        evidence: { peerMessages, gatewayError: e instanceof Error ? e.message : String(e) },
      };
    }
  });
}
