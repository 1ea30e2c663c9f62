import { validationCodeName } from '@fabric-testkit/fabric-core';
import type { ChaincodeOptions } from '@fabric-testkit/test-harness';
import type { DrillTarget } from '../chaincode/transactions';
import { DrillStepError, type DrillReport } from '../report/drill-report';
import { deployVersion, nextDefinition, organizationsOf, type DrillState } from './deploy-steps';
import { runDrill } from './upgrade-drill';

/** An endorsement policy of the definition: a channel policy reference or a signature policy. */
type EndorsementPolicy = Pick<ChaincodeOptions, 'endorsementPolicyReference' | 'signaturePolicy'>;

const MAJORITY: EndorsementPolicy = { endorsementPolicyReference: '/Channel/Application/Endorsement' };

/**
 * The endorsement policy drill (two organizations): v1 runs under the channel's `MAJORITY Endorsement`, where a
 * transaction endorsed by the first organization alone is invalid; the definition changes to "1 of the peers of
 * any organization" (same package, next sequence), where it is valid; and back to majority, where it is invalid
 * again and one endorsed by every organization is valid.
 */
export function runEndorsementPolicyDrill(target: DrillTarget): Promise<DrillReport> {
  return runDrill('endorsement-policy', target, async (state) => {
    const { mspIds } = organizationsOf(target);
    const [firstMsp = 'Org1MSP'] = mspIds;
    await deployVersion(state, 'v1');
    let n = 0;
    const submit = (endorsers: readonly string[], valid: boolean, label: string): Promise<void> =>
      submitStep(
        state,
        `${label}: endorsed by ${endorsers.join(' + ')} is ${valid ? 'valid' : 'invalid'}`,
        endorsers,
        valid,
        `policy-${++n}`,
      );

    await submit([firstMsp], false, 'majority');
    const anyOrg = `OR(${mspIds.map((m) => `'${m}.peer'`).join(', ')})`;
    await changePolicy(state, { signaturePolicy: anyOrg });
    await submit([firstMsp], true, 'any org');
    await changePolicy(state, MAJORITY);
    await submit([firstMsp], false, 'majority again');
    await submit(mspIds, true, 'majority again');
  });
}

async function changePolicy(state: DrillState, policy: EndorsementPolicy): Promise<void> {
  const definition = await nextDefinition(state.target, 'v1', policy);
  const { sequence } = definition;
  const shown = policy.signaturePolicy ?? policy.endorsementPolicyReference;
  await state.recorder.step(`policy -> ${shown} (sequence ${sequence})`, async () => {
    await state.target.network.approveChaincode(definition);
    const approvals = await state.target.network.checkCommitReadiness(definition);
    const approved = Object.entries(approvals).map(([m, ok]) => `${m}=${ok}`);
    if (!Object.values(approvals).every(Boolean))
      throw new DrillStepError('not every organization approved', { approvals: approved });
    const tx = await state.target.network.commitChaincode(definition);
    return { value: undefined, evidence: { approvals: approved, txId: tx.transactionId, blockNumber: tx.blockNumber } };
  });
}

function submitStep(
  state: DrillState,
  name: string,
  endorsers: readonly string[],
  expectValid: boolean,
  id: string,
): Promise<void> {
  return state.recorder.step(name, async () => {
    const [first = 'org1'] = organizationsOf(state.target).names;
    const submitted = await state.clients
      .contract(first)
      .submitAsync('CreateAsset', { arguments: [id, 'green', '4', 'policy'], endorsingOrganizations: [...endorsers] });
    const status = await submitted.getStatus();
    const code = codeName(status.code);
    const evidence = { txId: status.transactionId, blockNumber: Number(status.blockNumber), validation: code };
    if (status.successful !== expectValid) {
      throw new DrillStepError(`expected ${expectValid ? 'VALID' : 'an invalid transaction'}, got ${code}`, evidence);
    }
    return { value: undefined, evidence };
  });
}

function codeName(code: number): string {
  return validationCodeName(code) ?? String(code);
}
