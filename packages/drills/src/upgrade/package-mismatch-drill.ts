import { createHash } from 'node:crypto';
import { ccaasPackage } from '@fabric-testkit/test-harness';
import { describeError, type DrillTarget } from '../chaincode/transactions';
import { DrillStepError, type DrillReport } from '../report/drill-report';
import { ASSET_UPGRADE, versionsAnswered } from './asset-upgrade';
import {
  answersStep,
  approveStep,
  commitStep,
  deployVersion,
  installStep,
  nextDefinition,
  organizationsOf,
  packageIdsOf,
} from './deploy-steps';
import { runDrill } from './upgrade-drill';

/**
 * The package-mismatch drill: v2 is installed everywhere, but the organizations approve (and commit) a package
 * ID no peer installed (same label, other content). The gateway then finds no peer to evaluate on, and the fix
 * is a new sequence approving the installed package ID, after which v2 answers.
 */
export function runPackageMismatchDrill(target: DrillTarget): Promise<DrillReport> {
  return runDrill('package-mismatch', target, async (state) => {
    await deployVersion(state, 'v1');
    const installed = await installStep(state, 'v2');
    const otherId = packageIdOf(`${ASSET_UPGRADE}_v2`, ccaasPackage(`${ASSET_UPGRADE}_v2`, { address: 'nowhere:1' }));
    const wrong = await nextDefinition(state.target, 'v2');
    await state.recorder.step('the package ID to approve is not the installed one', () => {
      if ([...installed.packageIds.values()].includes(otherId)) {
        throw new DrillStepError('the package IDs are the same', { otherId });
      }
      return Promise.resolve({
        value: undefined,
        evidence: { installed: packageIdsOf(installed), approving: otherId },
      });
    });
    const { names, mspIds } = organizationsOf(state.target);
    await approveStep(state, wrong, names, new Map(mspIds.map((mspId) => [mspId, otherId])));
    await commitStep(state, wrong);
    await state.recorder.step('invocations fail: the approved package is not installed', async () => {
      try {
        const answers = await versionsAnswered(state.target, state.clients);
        throw new DrillStepError('the chaincode answered', { answers });
      } catch (e) {
        if (e instanceof DrillStepError) throw e;
        return { value: undefined, evidence: { error: describeError(e) } };
      }
    });
    const fixed = await nextDefinition(state.target, 'v2');
    await approveStep(state, fixed);
    await commitStep(state, fixed);
    await answersStep(state, 'v2');
  });
}

/** The package ID a peer computes: `label:hex(sha256(package bytes))`. */
export function packageIdOf(label: string, pkg: Uint8Array): string {
  return `${label}:${createHash('sha256').update(pkg).digest('hex')}`;
}
