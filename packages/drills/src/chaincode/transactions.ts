import type { Gateway, SubmittedTransaction } from '@hyperledger/fabric-gateway';
import {
  approveChaincodeDefinition,
  ccaasPackage,
  commitChaincodeDefinition,
  createPeerClient,
  installChaincode,
  queryCommitted,
  type ChaincodeDefinition,
  type ChaincodeHost,
  type StartedFabricNetwork,
} from '@fabric-testkit/test-harness';
import { freePort, startContractServer, type RunningContractServer } from './contract-server';

/** Where a drill runs: a started network, how its peers reach chaincode servers on this host, and the channel. */
export interface DrillTarget {
  readonly network: StartedFabricNetwork;
  /** From the runtime the network was started with (`runtime.chaincodeHost()`). */
  readonly chaincodeHost: ChaincodeHost;
  readonly channel: string;
}

/** A transaction that committed: its ID and block. */
export interface CommittedTransaction {
  readonly txId: string;
  readonly blockNumber: number;
}

/** A ccaas package for a server on this host, and a server started under the installed package ID. */
export interface ServedPackage {
  readonly packageId: string;
  readonly peers: readonly string[];
  readonly server: RunningContractServer;
}

/**
 * Installs a ccaas package (label, fresh port on this host) on every peer of the given organizations, then
 * starts the contract server under the package ID the peers returned.
 */
export async function installAndServe(
  target: DrillTarget,
  organizations: readonly string[],
  label: string,
  modulePath: string,
): Promise<ServedPackage> {
  const listenHost = target.chaincodeHost.listenHost ?? target.chaincodeHost.host;
  const port = await freePort(listenHost);
  const pkg = ccaasPackage(label, { address: `${target.chaincodeHost.host}:${port}` });
  const installed = await installOnPeers(target.network, organizations, pkg);
  const server = await startContractServer(modulePath, installed.packageId, listenHost, port);
  return { ...installed, server };
}

/** Installs a package on every peer of the organizations; every peer must return the same package ID. */
export async function installOnPeers(
  network: StartedFabricNetwork,
  organizations: readonly string[],
  pkg: Uint8Array,
): Promise<{ packageId: string; peers: string[] }> {
  const results = await Promise.all(
    organizations.flatMap((name) => {
      const org = network.organization(name);
      return org.peers.map(async (p) => {
        const client = createPeerClient(p.endpoint);
        try {
          return { peer: p.name, ...(await installChaincode(client, org.admin, pkg, p.name)) };
        } finally {
          client.close();
        }
      });
    }),
  );
  const ids = new Set(results.map((r) => r.packageId));
  const packageId = results[0]?.packageId;
  if (packageId === undefined || ids.size !== 1) {
    throw new Error(`peers returned package IDs ${[...ids].join(', ') || '(none)'}`);
  }
  return { packageId, peers: results.map((r) => r.peer) };
}

/** Approves a definition for each organization, each through its own gateway, in parallel. */
export async function approveFor(
  target: DrillTarget,
  organizations: readonly string[],
  definition: ChaincodeDefinition,
  packageId: string,
): Promise<void> {
  await Promise.all(
    organizations.map(async (name) => {
      await using connection = target.network.connectGateway(name);
      await approveChaincodeDefinition(
        connection.gateway,
        target.channel,
        target.network.organization(name).mspId,
        definition,
        packageId,
      );
    }),
  );
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

/** The harness's `commitChaincodeDefinition`, with its transaction and block as the reports show them. */
export async function commitDefinition(
  gateway: Gateway,
  channel: string,
  definition: ChaincodeDefinition,
  endorsingOrganizations: readonly string[],
): Promise<CommittedTransaction> {
  const committed = await commitChaincodeDefinition(gateway, channel, definition, endorsingOrganizations);
  return { txId: committed.transactionId, blockNumber: committed.blockNumber };
}

/** Submits and waits for the commit; throws when the transaction was not valid. */
export async function submitWithEvidence(
  submit: () => Promise<SubmittedTransaction>,
  commitTimeoutMs?: number,
): Promise<CommittedTransaction> {
  const submitted = await submit();
  const status = await submitted.getStatus(
    commitTimeoutMs === undefined ? undefined : { deadline: Date.now() + commitTimeoutMs },
  );
  if (!status.successful) {
    throw new Error(`transaction ${status.transactionId} committed as invalid (code ${status.code})`);
  }
  return { txId: status.transactionId, blockNumber: Number(status.blockNumber) };
}

/** The `details` of a gateway error (each endorsing peer's message), or an empty list. */
export function detailsOf(error: unknown): { address: string; mspId: string; message: string }[] {
  if (typeof error === 'object' && error !== null && 'details' in error && Array.isArray(error.details)) {
    return (error.details as unknown[]).flatMap((d) =>
      typeof d === 'object' && d !== null && 'message' in d
        ? [
            {
              address: 'address' in d ? String(d.address) : '',
              mspId: 'mspId' in d ? String(d.mspId) : '',
              message: String(d.message),
            },
          ]
        : [],
    );
  }
  return [];
}

/** The error's message with the peers' detail messages, as a gateway client sees them. */
export function describeError(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  const details = detailsOf(error).map((d) => `${d.mspId || d.address}: ${d.message}`);
  return details.length > 0 ? `${message} (${details.join('; ')})` : message;
}

/** The endorsing peers' messages of a gateway error (`Org1MSP: ...`), or the error's message when it has none. */
export function peerMessageOf(error: unknown): string {
  const details = detailsOf(error).map((d) => `${d.mspId || d.address}: ${d.message}`);
  return details.length > 0 ? details.join('; ') : error instanceof Error ? error.message : String(error);
}
