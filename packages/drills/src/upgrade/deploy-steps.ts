import type { ChaincodeDefinition } from '@fabric-testkit/test-harness';
import {
  approveFor,
  commitDefinition,
  committedSequence,
  installAndServe,
  type DrillTarget,
  type ServedPackage,
} from '../chaincode/lifecycle-steps';
import { DrillStepError, type DrillRecorder } from '../report/drill-report';
import {
  ASSET_UPGRADE,
  contractDirectory,
  versionsAnswered,
  type AssetUpgradeVersion,
  type OrgClients,
} from './asset-upgrade';

/** The chaincode servers a drill started; `stopAll()` stops those still running. */
export class ServerSet {
  readonly #served: ServedPackage[] = [];

  add(served: ServedPackage): ServedPackage {
    this.#served.push(served);
    return served;
  }

  async stopAll(): Promise<void> {
    await Promise.all(this.#served.map((s) => s.server.stop()));
  }
}

/** What a drill shares between its steps. */
export interface DrillState {
  readonly recorder: DrillRecorder;
  readonly target: DrillTarget;
  readonly clients: OrgClients;
  readonly servers: ServerSet;
}

/** The names of the network's organizations and their MSP IDs. */
export function organizationsOf(target: DrillTarget): { names: string[]; mspIds: string[] } {
  const orgs = target.network.organizations;
  return { names: orgs.map((o) => o.name), mspIds: orgs.map((o) => o.mspId) };
}

/** The definition of the next sequence of `asset-upgrade` for a version. */
export async function nextDefinition(
  target: DrillTarget,
  version: AssetUpgradeVersion,
  extra: Partial<ChaincodeDefinition> = {},
): Promise<ChaincodeDefinition> {
  const first = target.network.organizations[0]?.name ?? 'org1';
  const sequence = (await committedSequence(target, first, ASSET_UPGRADE)) + 1;
  return { name: ASSET_UPGRADE, version, sequence, ...extra };
}

/** Step: install a version on every peer and start its server. */
export function installStep(state: DrillState, version: AssetUpgradeVersion): Promise<ServedPackage> {
  return state.recorder.step(`install ${version} on every peer, start its server`, async () => {
    const served = state.servers.add(
      await installAndServe(
        state.target,
        organizationsOf(state.target).names,
        `${ASSET_UPGRADE}_${version}`,
        contractDirectory(version),
      ),
    );
    return { value: served, evidence: { packageId: served.packageId, peers: served.peers } };
  });
}

/** Step: approve a definition for the given organizations (default every one). */
export function approveStep(
  state: DrillState,
  definition: ChaincodeDefinition,
  packageId: string,
  organizations: readonly string[] = organizationsOf(state.target).names,
): Promise<void> {
  return state.recorder.step(`approve ${definition.version} (sequence ${definition.sequence})`, async () => {
    await approveFor(state.target, organizations, definition, packageId);
    const mspIds = organizations.map((o) => state.target.network.organization(o).mspId);
    return { value: undefined, evidence: { approvedBy: mspIds, sequence: definition.sequence } };
  });
}

/** Step: commit a definition, endorsed by every organization; evidence is the transaction and block. */
export function commitStep(state: DrillState, definition: ChaincodeDefinition): Promise<void> {
  return state.recorder.step(`commit ${definition.version} (sequence ${definition.sequence})`, async () => {
    const first = organizationsOf(state.target).names[0] ?? 'org1';
    await using connection = state.target.network.connectGateway(first);
    const committed = await commitDefinition(
      connection.gateway,
      state.target.channel,
      definition,
      organizationsOf(state.target).mspIds,
    );
    return { value: undefined, evidence: { ...committed, sequence: definition.sequence } };
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
export async function deployVersion(state: DrillState, version: AssetUpgradeVersion): Promise<ServedPackage> {
  const served = await installStep(state, version);
  const definition = await nextDefinition(state.target, version);
  await approveStep(state, definition, served.packageId);
  await commitStep(state, definition);
  return served;
}
