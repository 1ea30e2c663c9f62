import { fabricImages, missingImages } from '@fabric-testkit/test-harness';
import { startDrillNetwork, type DrillNetworkOptions, type StartedDrillNetwork } from './network/drill-network';
import type { DrillReport } from './report/drill-report';
import { runBftOrdererFaultDrill } from './fault/bft-orderer-fault-drill';
import { runCaDownDrill } from './fault/ca-down-drill';
import { runOrdererFaultDrill } from './fault/orderer-fault-drill';
import { runPartitionDrill } from './fault/partition-drill';
import { runPeerRestartDrill } from './fault/peer-restart-drill';
import { runDifferingApprovalsDrill, runPartialApprovalDrill } from './upgrade/approval-drills';
import { runCapabilityUpgradeDrill } from './upgrade/capability-upgrade-drill';
import { runCollectionConfigDrill } from './upgrade/collection-drill';
import { runEndorsementPolicyDrill } from './upgrade/endorsement-policy-drill';
import { runInitRequiredDrill } from './upgrade/init-required-drill';
import { runPackageMismatchDrill } from './upgrade/package-mismatch-drill';
import { runRollbackDrill } from './upgrade/rollback-drill';
import { runRollingUpgradeDrill } from './upgrade/rolling-upgrade-drill';
import { runUpgradeDrill } from './upgrade/upgrade-drill';

/** A drill that can be run by name: the network it needs and how to run it. */
export interface NamedDrill {
  readonly name: string;
  readonly description: string;
  /** The network the drill starts (organizations, peers, orderers, batch timeout). */
  readonly network: DrillNetworkOptions;
  run(target: StartedDrillNetwork): Promise<DrillReport>;
}

/** Every drill that runs by name, in the order `--help` lists them. */
export const DRILLS: readonly NamedDrill[] = [
  {
    name: 'upgrade',
    description:
      'asset-upgrade v1 -> v2 on 1 org (100 ms BatchTimeout): install, approve, readiness, commit sequence + 1, ' +
      'v1 records intact, v2 answers, v1 server stopped; reports upgradeSeconds',
    network: { organizations: 1, batchTimeout: '100ms' },
    run: (target) => runUpgradeDrill(target),
  },
  {
    name: 'rolling-upgrade',
    description:
      'v1 -> v2 while a client keeps submitting: transactions answered by v1 and v2, none lost or double-applied',
    network: { organizations: 1, batchTimeout: '100ms' },
    run: (target) => runRollingUpgradeDrill(target),
  },
  {
    name: 'rollback',
    description: 'v1 -> v2, then the v1 code redeployed as sequence 3: v1 answers and reads what v2 wrote',
    network: { organizations: 1, batchTimeout: '100ms' },
    run: (target) => runRollbackDrill(target),
  },
  {
    name: 'partial-approval',
    description: 'v2 approved by org1 only: readiness shows org2 missing, the commit is refused, v1 keeps serving',
    network: { organizations: 2 },
    run: (target) => runPartialApprovalDrill(target),
  },
  {
    name: 'differing-approvals',
    description:
      'org1 and org2 approve different v2 definitions: readiness shows the mismatch, commit refused, then fixed',
    network: { organizations: 2 },
    run: (target) => runDifferingApprovalsDrill(target),
  },
  {
    name: 'endorsement-policy',
    description: 'MAJORITY -> 1 of any org -> MAJORITY: a one-org endorsement is invalid, valid, invalid again',
    network: { organizations: 2 },
    run: (target) => runEndorsementPolicyDrill(target),
  },
  {
    name: 'collection-config',
    description: 'add collections in new sequences; a blockToLive change and a dropped collection are refused',
    network: { organizations: 1 },
    run: (target) => runCollectionConfigDrill(target),
  },
  {
    name: 'init-required',
    description: 'an init-required definition: invoke before init fails, init (is_init) commits, second init refused',
    network: { organizations: 1 },
    run: (target) => runInitRequiredDrill(target),
  },
  {
    name: 'package-mismatch',
    description:
      'a package ID no peer installed is approved and committed: no peer can run it; a new sequence fixes it',
    network: { organizations: 1 },
    run: (target) => runPackageMismatchDrill(target),
  },
  {
    name: 'peer-restart',
    description: 'stop a peer, commit while it is down, restart it: ledger kept, caught up, clients reconnect',
    network: { organizations: 1, peersPerOrganization: 2 },
    run: (target) => runPeerRestartDrill(target),
  },
  {
    name: 'orderer-fault',
    description: '3 Raft orderers: one down, commits; two down, submits fail; one back, commits again',
    network: { organizations: 1, orderers: 3 },
    run: (target) => runOrdererFaultDrill(target),
  },
  {
    name: 'bft-orderer-fault',
    description:
      'Fabric 3, 4 BFT orderers: one down, commits; two down, submits fail with the quorum error; back, commits',
    network: { organizations: 1, consensus: 'bft', fabricVersion: '3.1' },
    run: (target) => runBftOrdererFaultDrill(target),
  },
  {
    name: 'capability-upgrade',
    description: 'Fabric 3: a V2_0 channel in use raised to V3_0 by a signed config update; chaincode still commits',
    network: { organizations: 2, fabricVersion: '3.1', channelCapability: 'V2_0' },
    run: (target) => runCapabilityUpgradeDrill(target),
  },
  {
    name: 'ca-down',
    description: 'CA stopped: enrolled users still transact, enrollment fails; CA restarted: registrations kept',
    network: { organizations: 1 },
    run: (target) => runCaDownDrill(target),
  },
  {
    name: 'partition',
    description: 'disconnect a peer from the docker network, commit without it, reconnect: it catches up and serves',
    network: { organizations: 1, peersPerOrganization: 2 },
    run: (target) => runPartitionDrill(target),
  },
];

/** Options of {@link runNamedDrill}. */
export interface RunNamedDrillOptions {
  /** Overrides the drill's network (for example the images). */
  readonly network?: DrillNetworkOptions;
}

/** Starts the drill's network in containers, runs the drill, removes the network and returns the report. */
export async function runNamedDrill(name: string, options: RunNamedDrillOptions = {}): Promise<DrillReport> {
  const drill = DRILLS.find((d) => d.name === name);
  if (!drill) {
    throw new Error(`unknown drill "${name}"; drills: ${DRILLS.map((d) => d.name).join(', ')}`);
  }
  await using target = await startDrillNetwork({ ...drill.network, ...options.network });
  return await drill.run(target);
}

/** The Fabric images the drills need that are not present locally (empty when all are). */
export function missingDrillImages(): Promise<string[]> {
  return missingImages(fabricImages());
}
