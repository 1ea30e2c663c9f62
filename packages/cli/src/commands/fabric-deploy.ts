/**
 * `deploy` / `upgrade` on a real network, as an organization of a real channel does it, with the harness's own
 * lifecycle calls: each organization installs a chaincode-as-a-service package on its peers and runs the chaincode
 * server for it, approves the definition; then the definition is committed, endorsed by every organization.
 *
 * The servers are detached processes (the harness's `startDetachedChaincodeServer`), so the chaincode keeps being
 * served after the command exits; their process IDs go into the state file, `down` stops them and `status` reports
 * them. An upgrade starts new servers for the new package and stops the old ones once the new definition is
 * committed (until then the old definition is the one peers use).
 */
import { mkdir } from 'node:fs/promises';
import * as path from 'node:path';
import {
  approveChaincodeDefinition,
  CHAINCODE_HOST_NAME,
  ccaasPackage,
  checkCommitReadiness,
  commitChaincodeDefinition,
  connectGateway,
  createPeerClient,
  freePort,
  installChaincode,
  startDetachedChaincodeServer,
  statedbEntries,
  stopDetachedChaincodeServer,
  waitForDiscovery,
  type ChaincodeDefinition,
} from '@fabric-testkit/test-harness';
import type { DeployRequest } from './command-target';
import { chaincodeServerLogLevel } from '../chaincode-log-level';
import { dockerNetworkGateway } from './chaincode-listen-host';
import { asFabricRefusal } from './fabric-error-text';
import { adminOf, firstPeerOf } from './fabric-identity';
import { NetworkCommandError } from './network-errors';
import type {
  ChaincodeRecord,
  ChaincodeServerRecord,
  NetworkDescription,
  OrganizationDescription,
} from './network-state';

/** How long discovery may take to show the new chaincode on every peer (gossip state info). */
const DISCOVERY_TIMEOUT_MS = 60_000;
/** How long every peer may take to see every organization's approval. */
const APPROVALS_TIMEOUT_MS = 60_000;
/** How long a chaincode server may take to serve. */
const SERVER_START_TIMEOUT_MS = 30_000;

/** Installs, serves, approves and commits; resolves with the record to store. Leaves no new server on failure. */
export async function deployOnFabric(
  description: NetworkDescription,
  request: DeployRequest,
  sequence: number,
  logDirectory: string,
  progress: (line: string) => void,
): Promise<ChaincodeRecord> {
  const listenHost = await dockerNetworkGateway(description.id);
  const metadata = await statedbEntries(path.join(request.directory, 'META-INF'));
  await mkdir(logDirectory, { recursive: true, mode: 0o700 });
  const servers: ChaincodeServerRecord[] = [];
  try {
    for (const org of description.organizations) {
      servers.push(await installAndServe(description, org, request, { listenHost, metadata, logDirectory }, progress));
    }
    const definition: ChaincodeDefinition = {
      name: request.name,
      version: request.version,
      sequence,
      ...(request.endorsementPolicy === undefined ? {} : { signaturePolicy: request.endorsementPolicy }),
      ...(request.collections === undefined ? {} : { collections: request.collections }),
    };
    for (const org of description.organizations) {
      const server = servers.find((s) => s.organization === org.name);
      progress(`approving ${request.name} sequence ${sequence} for ${org.mspId}`);
      await withGateway(org, (gateway) =>
        asFabricRefusal(`approving ${request.name} for ${org.mspId}`, () =>
          approveChaincodeDefinition(gateway, description.channel, org.mspId, definition, server?.packageId ?? ''),
        ),
      );
    }
    await waitUntilApprovedEverywhere(description, definition, progress);
    progress(`committing ${request.name} version ${request.version} sequence ${sequence} on ${description.channel}`);
    const [first] = description.organizations;
    if (first !== undefined) {
      await withGateway(first, (gateway) =>
        asFabricRefusal(`committing ${request.name}`, () =>
          commitChaincodeDefinition(
            gateway,
            description.channel,
            definition,
            description.organizations.map((o) => o.mspId),
          ),
        ),
      );
    }
    await waitUntilDiscovered(description, request.name, progress);
  } catch (e) {
    await Promise.all(servers.map((s) => stopDetachedChaincodeServer(s.pid, s.packageId)));
    throw e;
  }
  return {
    name: request.name,
    version: request.version,
    sequence,
    directory: request.directory,
    language: request.language,
    ...(request.endorsementPolicy === undefined ? {} : { endorsementPolicy: request.endorsementPolicy }),
    ...(request.collections === undefined ? {} : { collections: request.collections }),
    servers,
  };
}

/** Stops the servers of a replaced definition. */
export async function stopServers(servers: readonly ChaincodeServerRecord[]): Promise<void> {
  await Promise.all(servers.map((s) => stopDetachedChaincodeServer(s.pid, s.packageId)));
}

interface ServeContext {
  readonly listenHost: string;
  readonly metadata: Awaited<ReturnType<typeof statedbEntries>>;
  readonly logDirectory: string;
}

async function installAndServe(
  description: NetworkDescription,
  org: OrganizationDescription,
  request: DeployRequest,
  context: ServeContext,
  progress: (line: string) => void,
): Promise<ChaincodeServerRecord> {
  const port = await freePort({ host: context.listenHost });
  const label = `${request.name}_${request.version}`.replace(/[^A-Za-z0-9._+-]/g, '_');
  const pkg = ccaasPackage(label, { address: `${CHAINCODE_HOST_NAME}:${port}` }, context.metadata);
  const admin = adminOf(org);
  let packageId = '';
  for (const peer of org.peers) {
    progress(`installing ${label} on ${peer.name}`);
    const client = createPeerClient(peer);
    try {
      const installed = await asFabricRefusal(`installing ${label} on ${peer.name}`, () =>
        installChaincode(client, admin, pkg, peer.name),
      );
      packageId = installed.packageId;
    } finally {
      client.close();
    }
  }
  const logFile = path.join(context.logDirectory, `${description.id}-${label}-${org.name}.log`);
  progress(`starting the chaincode server of ${org.mspId} at ${context.listenHost}:${port} (log: ${logFile})`);
  const server = await startDetachedChaincodeServer({
    chaincode: request.language === 'go' ? { go: request.directory } : { contractPackage: request.directory },
    packageId,
    host: context.listenHost,
    port,
    logFile,
    environment: { CORE_PEER_LOCALMSPID: org.mspId, CORE_CHAINCODE_LOGGING_LEVEL: chaincodeServerLogLevel() },
    timeoutMs: SERVER_START_TIMEOUT_MS,
  });
  return { organization: org.name, packageId, address: server.address, pid: server.pid, logFile };
}

async function withGateway<T>(
  org: OrganizationDescription,
  use: (gateway: ReturnType<typeof connectGateway>['gateway']) => Promise<T>,
): Promise<T> {
  const connection = connectGateway(firstPeerOf(org), adminOf(org));
  try {
    return await use(connection.gateway);
  } finally {
    connection.close();
  }
}

/**
 * Waits until every organization's peer has committed every approval: each approval commits on the approving
 * organization's peer first, and a commit endorsed by a peer that has not seen them all yet fails with
 * "ProposalResponsePayloads do not match". `peer lifecycle chaincode checkcommitreadiness` on each peer, polled.
 */
async function waitUntilApprovedEverywhere(
  description: NetworkDescription,
  definition: ChaincodeDefinition,
  progress: (line: string) => void,
): Promise<void> {
  progress(`waiting for every peer to see every approval (at most ${APPROVALS_TIMEOUT_MS / 1000} s)`);
  const deadline = Date.now() + APPROVALS_TIMEOUT_MS;
  for (const org of description.organizations) {
    for (;;) {
      const readiness = await withGateway(org, (gateway) =>
        asFabricRefusal(`checking the commit readiness of ${definition.name} on ${org.mspId}'s peer`, () =>
          checkCommitReadiness(gateway, description.channel, definition),
        ),
      );
      const missing = description.organizations.filter((o) => readiness[o.mspId] !== true).map((o) => o.mspId);
      if (missing.length === 0) break;
      if (Date.now() > deadline) {
        throw new NetworkCommandError(
          `waited ${APPROVALS_TIMEOUT_MS / 1000} s for ${org.mspId}'s peer to see the approvals of ` +
            `${definition.name} sequence ${definition.sequence}; still missing: ${missing.join(', ')}`,
        );
      }
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
  }
}

/** Waits until each organization's gateway peer sees the chaincode on every organization's peers. */
async function waitUntilDiscovered(
  description: NetworkDescription,
  chaincode: string,
  progress: (line: string) => void,
): Promise<void> {
  progress(`waiting for discovery to show ${chaincode} on every peer (at most ${DISCOVERY_TIMEOUT_MS / 1000} s)`);
  const peersByOrganization = Object.fromEntries(description.organizations.map((o) => [o.mspId, o.peers.length]));
  await Promise.all(
    description.organizations.map((org) => {
      const peer = firstPeerOf(org);
      return waitForDiscovery(
        { name: peer.name, endpoint: peer, identity: adminOf(org) },
        { channelId: description.channel, peersByOrganization, chaincode },
        DISCOVERY_TIMEOUT_MS,
      );
    }),
  );
}
