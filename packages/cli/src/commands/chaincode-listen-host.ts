/**
 * Where a real network's chaincode servers listen: the docker network's gateway address on this host, which the
 * peers reach as {@link CHAINCODE_HOST_NAME} (the harness gives every peer that host entry), and a free port there.
 */
import { getContainerRuntimeClient } from 'testcontainers';
import { NetworkCommandError } from './network-errors';

/** The gateway address of the harness network `networkId`'s docker network (`<id>-net`). */
export async function dockerNetworkGateway(networkId: string): Promise<string> {
  const docker = (await getContainerRuntimeClient()).container.dockerode;
  const info: unknown = await docker.getNetwork(`${networkId}-net`).inspect();
  const gateway = gatewayOf(info);
  if (gateway === undefined) {
    throw new NetworkCommandError(`docker network ${networkId}-net has no gateway address to serve chaincode on`);
  }
  return gateway;
}

function gatewayOf(info: unknown): string | undefined {
  if (typeof info !== 'object' || info === null || !('IPAM' in info)) return undefined;
  const ipam: unknown = info.IPAM;
  if (typeof ipam !== 'object' || ipam === null || !('Config' in ipam) || !Array.isArray(ipam.Config)) return undefined;
  for (const entry of ipam.Config as unknown[]) {
    if (typeof entry === 'object' && entry !== null && 'Gateway' in entry && typeof entry.Gateway === 'string') {
      return entry.Gateway;
    }
  }
  return undefined;
}
