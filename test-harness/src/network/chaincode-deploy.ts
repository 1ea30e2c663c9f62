import { rootOf } from '../crypto/msp';
import { ccaasPackage } from '../lifecycle/chaincode-package';
import { createPeerClient } from '../lifecycle/endorser-client';
import {
  approveChaincodeDefinition,
  checkCommitReadiness,
  commitChaincodeDefinition,
  type ChaincodeDefinition,
} from '../lifecycle/lifecycle-gateway';
import { installChaincode } from '../lifecycle/peer-admin';
import { FabricTestkitError } from '../errors';
import { startChaincodeServer, type RunningChaincodeServer } from './chaincode-server';
import type { ChannelMember } from './channel-setup';
import { freePort } from './free-port';
import type { GatewayConnection } from './gateway-connection';
import type { ChaincodeOptions } from './options';
import type { NodeRuntime } from './runtime';

/** What {@link deployChaincode} needs. */
export interface ChaincodeDeployment {
  readonly runtime: NodeRuntime;
  readonly chaincode: ChaincodeOptions;
  readonly members: readonly (ChannelMember & { readonly planned: { readonly name: string } })[];
  readonly connect: (organization: string) => GatewayConnection;
}

/**
 * Deploys a chaincode as a service: packages a ccaas package pointing at a fresh port on the host, installs it
 * on every member peer (`InstallChaincode` to each Endorser), starts the chaincode server in this process under
 * the package ID, approves for each organization and commits, all through the gateway on `_lifecycle`.
 */
export async function deployChaincode(deployment: ChaincodeDeployment): Promise<RunningChaincodeServer> {
  const { chaincode, members } = deployment;
  const host = await deployment.runtime.chaincodeHost();
  const port = await freePort();
  const label = `${chaincode.name}_${chaincode.version ?? '1.0'}`.replace(/[^A-Za-z0-9._+-]/g, '_');
  const pkg = ccaasPackage(label, { address: `${host.host}:${port}` });

  const installed = await Promise.all(
    members.flatMap((m) =>
      m.peers.map(async ({ plan, node }) => {
        const client = createPeerClient({
          address: node.hostAddress(plan.port),
          tlsCaCertificate: rootOf(m.crypto.registrar.caChain),
          serverName: plan.name,
        });
        try {
          return await installChaincode(client, m.crypto.admin, pkg, plan.name);
        } finally {
          client.close();
        }
      }),
    ),
  );
  const packageId = installed[0]?.packageId;
  if (!packageId) {
    throw new FabricTestkitError(`chaincode ${chaincode.name}: no member peer to install on`);
  }
  const server = await startChaincodeServer(chaincode.chaincode, packageId, host.listenHost ?? host.host, port);
  try {
    const definition: ChaincodeDefinition = {
      name: chaincode.name,
      version: chaincode.version ?? '1.0',
      sequence: chaincode.sequence ?? 1,
      ...(chaincode.signaturePolicy === undefined ? {} : { signaturePolicy: chaincode.signaturePolicy }),
      ...(chaincode.collections === undefined ? {} : { collections: chaincode.collections }),
      ...(chaincode.initRequired === undefined ? {} : { initRequired: chaincode.initRequired }),
    };
    const connections = members.map((m) => ({ member: m, connection: deployment.connect(m.planned.name) }));
    try {
      await Promise.all(
        connections.map(({ member, connection }) =>
          approveChaincodeDefinition(connection.gateway, chaincode.channel, member.crypto.mspId, definition, packageId),
        ),
      );
      const first = connections[0] ?? missingMember(chaincode.name);
      const readiness = await checkCommitReadiness(first.connection.gateway, chaincode.channel, definition);
      const notApproved = Object.entries(readiness).filter(([, approved]) => !approved);
      if (notApproved.length > 0) {
        throw new FabricTestkitError(
          `chaincode ${chaincode.name}: not approved by ${notApproved.map(([mspId]) => mspId).join(', ')}`,
        );
      }
      await commitChaincodeDefinition(
        first.connection.gateway,
        chaincode.channel,
        definition,
        members.map((m) => m.crypto.mspId),
      );
    } finally {
      for (const { connection } of connections) {
        connection.close();
      }
    }
  } catch (e) {
    await server.stop();
    throw e;
  }
  return server;
}

function missingMember(name: string): never {
  throw new FabricTestkitError(`chaincode ${name}: the channel has no member organization`);
}
