import { createHash, randomBytes } from 'node:crypto';
import { common } from '@hyperledger/fabric-protos';
import { timestampNow } from '../lifecycle/timestamp';

/**
 * Wraps a channel `Config` into a genesis block the way Fabric's `genesis.Factory` does: one unsigned CONFIG
 * envelope, data hash over the envelope, and LAST_CONFIG / SIGNATURES metadata pointing at block 0.
 * The orderers' channel participation API (`POST /participation/v1/channels`) accepts it as is.
 */
export function buildGenesisBlock(channelId: string, config: common.Config): common.Block {
  const nonce = randomBytes(24);
  const channelHeader = new common.ChannelHeader();
  channelHeader.setType(common.HeaderType.CONFIG);
  channelHeader.setVersion(1);
  channelHeader.setChannelId(channelId);
  channelHeader.setEpoch(0);
  channelHeader.setTimestamp(timestampNow());
  channelHeader.setTxId(createHash('sha256').update(nonce).digest('hex'));
  const signatureHeader = new common.SignatureHeader();
  signatureHeader.setNonce(nonce);
  const header = new common.Header();
  header.setChannelHeader(channelHeader.serializeBinary());
  header.setSignatureHeader(signatureHeader.serializeBinary());
  const configEnvelope = new common.ConfigEnvelope();
  configEnvelope.setConfig(config);
  const payload = new common.Payload();
  payload.setHeader(header);
  payload.setData(configEnvelope.serializeBinary());
  const envelope = new common.Envelope();
  envelope.setPayload(payload.serializeBinary());

  const envelopeBytes = envelope.serializeBinary();
  const data = new common.BlockData();
  data.setDataList([envelopeBytes]);
  const blockHeader = new common.BlockHeader();
  blockHeader.setNumber(0);
  blockHeader.setDataHash(createHash('sha256').update(envelopeBytes).digest());
  const lastConfig = new common.LastConfig();
  lastConfig.setIndex(0);
  const ordererMetadata = new common.OrdererBlockMetadata();
  ordererMetadata.setLastConfig(lastConfig);
  const metadataEntries: Uint8Array[] = Array.from({ length: 5 }, () => new Uint8Array());
  metadataEntries[common.BlockMetadataIndex.SIGNATURES] = metadata(ordererMetadata.serializeBinary());
  metadataEntries[common.BlockMetadataIndex.LAST_CONFIG] = metadata(lastConfig.serializeBinary());
  const blockMetadata = new common.BlockMetadata();
  blockMetadata.setMetadataList(metadataEntries);
  const block = new common.Block();
  block.setHeader(blockHeader);
  block.setData(data);
  block.setMetadata(blockMetadata);
  return block;
}

function metadata(value: Uint8Array): Uint8Array {
  const entry = new common.Metadata();
  entry.setValue(value);
  return entry.serializeBinary();
}
