import type { Client } from '@grpc/grpc-js';
import { common, peer } from '@hyperledger/fabric-protos';
import { FabricRequestError } from '../errors';
import { processProposal } from './endorser-client';
import { buildSignedProposal } from './proposal';
import type { SigningIdentity } from './signing-identity';

/** What `InstallChaincode` returns. */
export interface InstalledChaincode {
  /** The package ID, `label:sha256-of-package`. */
  readonly packageId: string;
  readonly label: string;
}

/**
 * Installs a chaincode package on a peer: an `InstallChaincode` proposal to `_lifecycle`, signed by an admin
 * of the peer's organization, sent to the peer's Endorser service.
 */
export async function installChaincode(
  client: Client,
  admin: SigningIdentity,
  packageBytes: Uint8Array,
  peerName: string,
): Promise<InstalledChaincode> {
  const args = new peer.lifecycle.InstallChaincodeArgs();
  args.setChaincodeInstallPackage(packageBytes);
  const payload = await invoke(client, admin, '_lifecycle', 'InstallChaincode', args.serializeBinary(), peerName);
  const result = peer.lifecycle.InstallChaincodeResult.deserializeBinary(payload);
  return { packageId: result.getPackageId(), label: result.getLabel() };
}

/** Joins a peer to a channel: a `JoinChain` proposal to `cscc` with the channel's genesis block. */
export async function joinChannel(
  client: Client,
  admin: SigningIdentity,
  genesisBlock: Uint8Array,
  peerName: string,
): Promise<void> {
  await invoke(client, admin, 'cscc', 'JoinChain', genesisBlock, peerName);
}

/** Lists the channels a peer has joined (`cscc GetChannels`). */
export async function listChannels(client: Client, admin: SigningIdentity, peerName: string): Promise<string[]> {
  const payload = await invoke(client, admin, 'cscc', 'GetChannels', undefined, peerName);
  return peer.ChannelQueryResponse.deserializeBinary(payload)
    .getChannelsList()
    .map((c) => c.getChannelId());
}

/** A channel's current configuration as the peer holds it (`cscc GetChannelConfig`; the channel's Readers may ask). */
export async function getChannelConfig(
  client: Client,
  admin: SigningIdentity,
  channelId: string,
  peerName: string,
): Promise<common.Config> {
  const payload = await invoke(client, admin, 'cscc', 'GetChannelConfig', Buffer.from(channelId), peerName);
  return common.Config.deserializeBinary(payload);
}

async function invoke(
  client: Client,
  admin: SigningIdentity,
  chaincodeName: string,
  fn: string,
  arg: Uint8Array | undefined,
  peerName: string,
): Promise<Uint8Array> {
  const args = [Buffer.from(fn), ...(arg ? [arg] : [])];
  const { signedProposal } = buildSignedProposal(admin, { channelId: '', chaincodeName, args });
  const operation = `${fn} on ${peerName}`;
  const response = await processProposal(client, signedProposal).catch((e: unknown) => {
    throw new FabricRequestError(operation, e instanceof Error ? e.message : String(e), undefined, { cause: e });
  });
  const status = response.getResponse()?.getStatus() ?? 0;
  if (status !== 200) {
    throw new FabricRequestError(operation, response.getResponse()?.getMessage() ?? 'no response', status);
  }
  return response.getResponse()?.getPayload_asU8() ?? new Uint8Array();
}
