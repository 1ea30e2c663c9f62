import type { Gateway } from '@hyperledger/fabric-gateway';
import { peer } from '@hyperledger/fabric-protos';

/** The collections of the committed definition, as `name(blockToLive=n)`. */
export async function committedCollections(gateway: Gateway, channel: string, name: string): Promise<string[]> {
  const args = new peer.lifecycle.QueryChaincodeDefinitionArgs();
  args.setName(name);
  const bytes = await gateway
    .getNetwork(channel)
    .getContract('_lifecycle')
    .evaluate('QueryChaincodeDefinition', { arguments: [args.serializeBinary()] });
  const result = peer.lifecycle.QueryChaincodeDefinitionResult.deserializeBinary(bytes);
  return (result.getCollections()?.getConfigList() ?? []).map((c) => {
    const config = c.getStaticCollectionConfig();
    return `${config?.getName() ?? '?'}(blockToLive=${config?.getBlockToLive() ?? 0})`;
  });
}
