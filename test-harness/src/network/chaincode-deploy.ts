import { join } from 'node:path';
import { rootOf } from '../crypto/msp';
import { ccaasPackage, statedbEntries } from '../lifecycle/chaincode-package';
import { createPeerClient } from '../lifecycle/endorser-client';
import {
  approveChaincodeDefinition,
  checkCommitReadiness,
  commitChaincodeDefinition,
  type ChaincodeDefinition,
  type CommittedDefinition,
} from '../lifecycle/lifecycle-gateway';
import { installChaincode } from '../lifecycle/peer-admin';
import { FabricTestkitError } from '../errors';
import { waitForBlock } from './block-wait';
import { discoveringPeer, waitForDiscovery } from './discovery-wait';
import type { ChaincodeCoverage } from './chaincode-coverage';
import { startChaincodeServer, type RunningChaincodeServer } from './chaincode-server';
import type { ChannelMember } from './channel-setup';
import { freePort } from './free-port';
import type { GatewayConnection } from './gateway-connection';
import type { ChaincodeOptions } from './options';
import type { NodeRuntime } from './runtime';

/** How long discovery may take to show a member's peers (gossip state info every 500 ms here). */
const DISCOVERY_TIMEOUT_MS = 60_000;

/** A member organization of the chaincode's channel, by its harness name. */
export type DeployMember = ChannelMember & { readonly planned: { readonly name: string } };

/** The chaincode package one organization installed on its peers, and the server that serves it. */
export interface ServedPackage {
  readonly packageId: string;
  readonly server: RunningChaincodeServer;
}

/**
 * Installs a ccaas package on one organization's peers and starts its chaincode server, as each organization of a
 * real channel does for its own: a child process with `CORE_PEER_LOCALMSPID` set to the organization's MSP ID (so
 * `getMspID()` answers as on that organization's peer), serving the package ID the peers installed.
 */
export async function installAndServe(
  runtime: NodeRuntime,
  chaincode: ChaincodeOptions,
  member: DeployMember,
  /** The position of this organization's server among the chaincode's (its inspector port is the base plus it). */
  serverIndex = 0,
  coverage?: ChaincodeCoverage,
): Promise<ServedPackage> {
  const host = await runtime.chaincodeHost();
  const label = `${chaincode.name}_${chaincode.version ?? '1.0'}`.replace(/[^A-Za-z0-9._+-]/g, '_');
  const metaInf = metaInfDirOf(chaincode);
  const metadata = metaInf === undefined ? [] : await statedbEntries(metaInf);
  // A port free where the server will listen: one the system hands out on 127.0.0.1 may be taken on the docker
  // network's gateway address by another chaincode server (CI failed so: "port 192.168.16.1:33757 is already in use").
  const port = await freePort({ host: host.listenHost ?? host.host });
  const pkg = ccaasPackage(label, { address: `${host.host}:${port}` }, metadata);
  const packageId = await installOnPeers(member, pkg);
  const instrumented = coverage?.instrument(chaincode.name, chaincode.chaincode);
  const server = await startChaincodeServer(
    instrumented?.program ?? chaincode.chaincode,
    packageId,
    host.listenHost ?? host.host,
    port,
    30_000,
    {
      CORE_PEER_LOCALMSPID: member.crypto.mspId,
      ...instrumented?.environment,
    },
    chaincode.inspect === undefined
      ? undefined
      : { port: (chaincode.inspect.port ?? 9229) + serverIndex, wait: chaincode.inspect.wait ?? false },
  );
  return { packageId, server };
}

/** What {@link approveAndCommit} needs. */
export interface ChaincodeDefinitionStep {
  readonly chaincode: ChaincodeOptions;
  /** The definition's sequence: 1 for a first deployment, one more than the committed one for an upgrade. */
  readonly sequence: number;
  readonly members: readonly DeployMember[];
  /** The package each member approves, by MSP ID. */
  readonly packageIds: ReadonlyMap<string, string>;
  readonly connect: (organization: string) => GatewayConnection;
}

/** The chaincode's META-INF directory: the option, else the contract package's own. */
function metaInfDirOf(chaincode: ChaincodeOptions): string | undefined {
  if (chaincode.metaInf !== undefined) return chaincode.metaInf;
  if ('contractPackage' in chaincode.chaincode) return join(chaincode.chaincode.contractPackage, 'META-INF');
  return 'go' in chaincode.chaincode ? join(chaincode.chaincode.go, 'META-INF') : undefined;
}

/** Installs the package on every peer of one organization; returns its package ID. */
async function installOnPeers(member: DeployMember, pkg: Uint8Array): Promise<string> {
  const installed = await Promise.all(
    member.peers.map(async ({ plan, node }) => {
      const client = createPeerClient({
        address: node.hostAddress(plan.port),
        tlsCaCertificate: rootOf(member.crypto.registrar.caChain),
        serverName: plan.name,
      });
      try {
        return await installChaincode(client, member.crypto.admin, pkg, plan.name);
      } finally {
        client.close();
      }
    }),
  );
  return installed[0]?.packageId ?? missingMember(`${member.crypto.mspId} (no peer to install on)`);
}

/** The `_lifecycle` definition of a chaincode at a sequence. */
export function definitionOf(chaincode: ChaincodeOptions, sequence: number): ChaincodeDefinition {
  return {
    name: chaincode.name,
    version: chaincode.version ?? '1.0',
    sequence,
    ...(chaincode.endorsementPolicyReference === undefined
      ? {}
      : { endorsementPolicyReference: chaincode.endorsementPolicyReference }),
    ...(chaincode.signaturePolicy === undefined ? {} : { signaturePolicy: chaincode.signaturePolicy }),
    ...(chaincode.collections === undefined ? {} : { collections: chaincode.collections }),
    ...(chaincode.initRequired === undefined ? {} : { initRequired: chaincode.initRequired }),
  };
}

/**
 * Approves the chaincode definition for every member organization (each with its own package ID) and commits it,
 * all through the gateway on `_lifecycle`; returns once every member's peers have the definition and discovery on
 * each of them shows the chaincode on every member's peers.
 */
export async function approveAndCommit(deployment: ChaincodeDefinitionStep): Promise<CommittedDefinition> {
  await approveDefinition(deployment, deployment.members);
  await waitForApprovalsOnEveryMember(deployment);
  return commitDefinition(deployment, true);
}

/** How long every member's peer may take to commit every member's approval. */
const APPROVALS_TIMEOUT_MS = 60_000;

/**
 * Waits until each member's peer has committed every member's approval. An approval is reported committed by the
 * approving organization's peer; another peer asked at once may not have that block yet (a clean-clone CI run
 * saw "not approved by Org2MSP" from Org1's CouchDB peer), and a commit endorsed by such a peer fails with
 * "ProposalResponsePayloads do not match". Approvals still missing after the timeout fail as "not approved by".
 */
async function waitForApprovalsOnEveryMember(deployment: ChaincodeDefinitionStep): Promise<void> {
  const definition = definitionOf(deployment.chaincode, deployment.sequence);
  const deadline = Date.now() + APPROVALS_TIMEOUT_MS;
  for (const member of deployment.members) {
    for (;;) {
      const connection = deployment.connect(member.planned.name);
      const readiness = await checkCommitReadiness(
        connection.gateway,
        deployment.chaincode.channel,
        definition,
      ).finally(() => connection.close());
      const missing = Object.entries(readiness)
        .filter(([, approved]) => !approved)
        .map(([mspId]) => mspId);
      if (missing.length === 0) break;
      if (Date.now() > deadline) {
        throw new FabricTestkitError(
          `chaincode ${deployment.chaincode.name}: not approved by ${missing.join(', ')} ` +
            `(as ${member.crypto.mspId}'s peer saw it ${APPROVALS_TIMEOUT_MS / 1000} s after the approvals)`,
        );
      }
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }
}

/** Approves the definition for `approvers` (members of the channel), each with its package ID, in parallel. */
export async function approveDefinition(
  deployment: ChaincodeDefinitionStep,
  approvers: readonly DeployMember[],
): Promise<void> {
  const { chaincode, packageIds } = deployment;
  const definition = definitionOf(chaincode, deployment.sequence);
  await Promise.all(
    approvers.map(async (member) => {
      const connection = deployment.connect(member.planned.name);
      try {
        await approveChaincodeDefinition(
          connection.gateway,
          chaincode.channel,
          member.crypto.mspId,
          definition,
          packageIds.get(member.crypto.mspId) ?? missingMember(member.crypto.mspId),
        );
      } finally {
        connection.close();
      }
    }),
  );
}

/** `CheckCommitReadiness` of the definition, asked of the first member: which organizations approved it. */
export async function readinessOf(deployment: ChaincodeDefinitionStep): Promise<Record<string, boolean>> {
  const first = deployment.members[0] ?? missingMember(deployment.chaincode.name);
  const connection = deployment.connect(first.planned.name);
  try {
    const definition = definitionOf(deployment.chaincode, deployment.sequence);
    return await checkCommitReadiness(connection.gateway, deployment.chaincode.channel, definition);
  } finally {
    connection.close();
  }
}

/**
 * Commits the definition, endorsed by every member, without checking approvals first (a definition too few
 * organizations approved is refused by Fabric, with its peers' messages). Returns once every member's peers have
 * the definition's block, and, with `awaitEndorsers`, once discovery on each of them shows the chaincode on every
 * member's peers (which never happens when no peer installed the approved package).
 */
export async function commitDefinition(
  deployment: ChaincodeDefinitionStep,
  awaitEndorsers: boolean,
): Promise<CommittedDefinition> {
  const { chaincode, members } = deployment;
  if (members.length === 0) missingMember(chaincode.name);
  const definition = definitionOf(chaincode, deployment.sequence);
  const connections = members.map((m) => ({ member: m, connection: deployment.connect(m.planned.name) }));
  try {
    const first = connections[0] ?? missingMember(chaincode.name);
    // The gateway plans the commit from discovery; wait until the first organization's peer sees every member.
    await waitForMembersInDiscovery(deployment, [first.member]);
    const committed = await commitChaincodeDefinition(
      first.connection.gateway,
      chaincode.channel,
      definition,
      members.map((m) => m.crypto.mspId),
    );
    // The commit status comes from the first organization's peer; the others must have the definition too before
    // they are asked to endorse (or to receive private data), so wait for that block on each. Then the gateway on
    // every member peer must see the chaincode on every member's peers, or a first submit planned from discovery
    // fails with "failed to find any endorsing peers" / "no combination of peers".
    await Promise.all(
      connections.map(({ connection }) =>
        waitForBlock(connection.gateway.getNetwork(chaincode.channel), BigInt(committed.blockNumber), 60_000),
      ),
    );
    if (awaitEndorsers) await waitForMembersInDiscovery(deployment, members, chaincode.name);
    return committed;
  } finally {
    for (const { connection } of connections) {
      connection.close();
    }
  }
}

/** Waits until discovery on every peer of `askers` reports every member's peers (with `chaincode`, when given). */
async function waitForMembersInDiscovery(
  deployment: ChaincodeDefinitionStep,
  askers: readonly DeployMember[],
  chaincode?: string,
): Promise<void> {
  const peersByOrganization = Object.fromEntries(deployment.members.map((m) => [m.crypto.mspId, m.peers.length]));
  await Promise.all(
    askers.flatMap((member) =>
      member.peers.map((peer) =>
        waitForDiscovery(
          discoveringPeer(peer, rootOf(member.crypto.registrar.caChain), member.crypto.admin),
          {
            channelId: deployment.chaincode.channel,
            peersByOrganization,
            ...(chaincode === undefined ? {} : { chaincode }),
          },
          DISCOVERY_TIMEOUT_MS,
        ),
      ),
    ),
  );
}

function missingMember(name: string): never {
  throw new FabricTestkitError(`chaincode ${name}: the channel has no member organization`);
}
