import { queryCommitted, type ChaincodeOptions, type ServedChaincode } from '@fabric-testkit/test-harness';
import { detailsOf, type DrillTarget } from '../chaincode/transactions';
import { DrillStepError, type DrillRecorder } from '../report/drill-report';
import {
  ASSET_UPGRADE,
  contractDirectory,
  versionsAnswered,
  type AssetUpgradeVersion,
  type OrgClients,
} from './asset-upgrade';

/** What a drill shares between its steps. */
export interface DrillState {
  readonly recorder: DrillRecorder;
  readonly target: DrillTarget;
  readonly clients: OrgClients;
}

/** The names of the network's organizations and their MSP IDs. */
export function organizationsOf(target: DrillTarget): { names: string[]; mspIds: string[] } {
  const orgs = target.network.organizations;
  return { names: orgs.map((o) => o.name), mspIds: orgs.map((o) => o.mspId) };
}

/** `asset-upgrade` at a version, as the harness deploys it: the version's contract package on the drill's channel. */
export function assetUpgrade(
  target: DrillTarget,
  version: AssetUpgradeVersion,
  extra: Partial<ChaincodeOptions> = {},
): ChaincodeOptions {
  return {
    name: ASSET_UPGRADE,
    channel: target.channel,
    chaincode: { contractPackage: contractDirectory(version) },
    version,
    ...extra,
  };
}

/** `asset-upgrade` at a version with the next sequence, as the peers report the committed one. */
export async function nextDefinition(
  target: DrillTarget,
  version: AssetUpgradeVersion,
  extra: Partial<ChaincodeOptions> = {},
): Promise<ChaincodeOptions & { readonly sequence: number }> {
  const first = target.network.organizations[0]?.name ?? 'org1';
  const sequence = (await committedSequence(target, first, ASSET_UPGRADE)) + 1;
  return { ...assetUpgrade(target, version, extra), sequence };
}

/** The committed sequence of a chaincode, or 0 when none is committed. */
export async function committedSequence(target: DrillTarget, organization: string, name: string): Promise<number> {
  await using connection = target.network.connectGateway(organization);
  try {
    return (await queryCommitted(connection.gateway, target.channel, name)).sequence;
  } catch (e) {
    if (e instanceof Error && /namespace .* is not defined/.test(JSON.stringify(detailsOf(e)) + e.message)) {
      return 0;
    }
    throw e;
  }
}

/** The package IDs a served chaincode has, each once (one when every organization serves the same). */
export function packageIdsOf(served: ServedChaincode): string | string[] {
  const ids = [...new Set(served.packageIds.values())];
  return ids.length === 1 ? (ids[0] ?? '') : ids;
}

/** Stops every organization's server of a served chaincode; resolves with whether any still runs. */
export async function stopServers(served: ServedChaincode): Promise<boolean> {
  await Promise.all([...served.servers.values()].map((s) => s.stop()));
  return [...served.servers.values()].some((s) => s.running);
}

/** Step: install a version on every peer and start its servers (one per organization). */
export function installStep(state: DrillState, version: AssetUpgradeVersion): Promise<ServedChaincode> {
  return state.recorder.step(`install ${version} on every peer, start its server`, async () => {
    const served = await state.target.network.installChaincode(assetUpgrade(state.target, version));
    const peers = state.target.network.organizations.flatMap((o) => o.peers.map((p) => p.name));
    return { value: served, evidence: { packageId: packageIdsOf(served), peers } };
  });
}

/** Step: approve a definition for the given organizations (default every one), each with the package it serves. */
export function approveStep(
  state: DrillState,
  chaincode: ChaincodeOptions & { readonly sequence: number },
  organizations: readonly string[] = organizationsOf(state.target).names,
  packageIds?: ReadonlyMap<string, string>,
): Promise<void> {
  return state.recorder.step(`approve ${chaincode.version} (sequence ${chaincode.sequence})`, async () => {
    await state.target.network.approveChaincode(chaincode, { organizations, ...(packageIds ? { packageIds } : {}) });
    const mspIds = organizations.map((o) => state.target.network.organization(o).mspId);
    return { value: undefined, evidence: { approvedBy: mspIds, sequence: chaincode.sequence } };
  });
}

/** Step: commit a definition, endorsed by every organization; evidence is the transaction and block. */
export function commitStep(
  state: DrillState,
  chaincode: ChaincodeOptions & { readonly sequence: number },
): Promise<void> {
  return state.recorder.step(`commit ${chaincode.version} (sequence ${chaincode.sequence})`, async () => {
    const committed = await state.target.network.commitChaincode(chaincode);
    return {
      value: undefined,
      evidence: { txId: committed.transactionId, blockNumber: committed.blockNumber, sequence: chaincode.sequence },
    };
  });
}

/** Step: every organization's gateway answers `Version` with `version`, polling until it does (30 s at most). */
export function answersStep(state: DrillState, version: AssetUpgradeVersion, timeoutMs = 30_000): Promise<void> {
  return state.recorder.step(`${version} answers`, async () => {
    const deadline = Date.now() + timeoutMs;
    let polls = 0;
    for (;;) {
      polls++;
      const answers = await versionsAnswered(state.target, state.clients);
      if (answers.every((a) => a.endsWith(`=${version}`))) {
        return { value: undefined, evidence: { answers, polls } };
      }
      if (Date.now() > deadline) {
        throw new DrillStepError(`not every organization answers ${version}`, { answers, polls });
      }
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  });
}

/** Steps: deploy a version: install and serve, approve for every organization, commit the next sequence. */
export async function deployVersion(state: DrillState, version: AssetUpgradeVersion): Promise<ServedChaincode> {
  const served = await installStep(state, version);
  const definition = await nextDefinition(state.target, version);
  await approveStep(state, definition);
  await commitStep(state, definition);
  return served;
}
