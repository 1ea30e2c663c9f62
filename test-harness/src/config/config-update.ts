/**
 * Channel configuration updates, as `configtxlator compute_update` and `peer channel signconfigtx` /
 * `osnadmin`-free `peer channel update` build them: a `ConfigUpdate` of read and write sets, signed by the admins
 * its modification policies need, wrapped in a `CONFIG_UPDATE` envelope for the orderer.
 */
import { randomBytes } from 'node:crypto';
import { common } from '@hyperledger/fabric-protos';
import { serializeIdentity, signWith, type SigningIdentity } from '../lifecycle/signing-identity';
import { timestampNow } from '../lifecycle/timestamp';

/** A channel-level capability (`/Channel/Capabilities`). */
export type ChannelCapability = 'V2_0' | 'V3_0';

/** What a channel capability update did. */
export interface ChannelCapabilityChange {
  readonly channel: string;
  readonly before: readonly string[];
  readonly after: readonly string[];
  /** From broadcasting the update until every member peer had applied it. */
  readonly appliedAfterMs: number;
}

/** The channel-level capabilities a configuration has, for example `['V2_0']`. */
export function channelCapabilities(config: common.Config): string[] {
  const value = config.getChannelGroup()?.getValuesMap().get('Capabilities');
  if (value === undefined) return [];
  return common.Capabilities.deserializeBinary(value.getValue_asU8())
    .getCapabilitiesMap()
    .getEntryList()
    .map(([name]) => name);
}

/**
 * The update that replaces the channel-level capability, shaped as `compute_update` shapes a changed value
 * (`internal/configtxlator/update/update.go`): the read set holds the channel group at its version and nothing
 * else; the write set holds the group at the same version with the value at its version + 1.
 *
 * @throws Error when the channel already has exactly that capability (an empty update is refused by orderers).
 */
export function channelCapabilityUpdate(
  channelId: string,
  current: common.Config,
  capability: ChannelCapability,
): common.ConfigUpdate {
  const channelGroup = current.getChannelGroup();
  const existing = channelGroup?.getValuesMap().get('Capabilities');
  if (channelGroup === undefined || existing === undefined) {
    throw new Error(`channel ${channelId}: its configuration has no /Channel/Capabilities value`);
  }
  const have = channelCapabilities(current);
  if (have.length === 1 && have[0] === capability) {
    throw new Error(`channel ${channelId} already has the ${capability} channel capability: nothing to update`);
  }
  const capabilities = new common.Capabilities();
  capabilities.getCapabilitiesMap().set(capability, new common.Capability());
  const value = new common.ConfigValue();
  value.setVersion(existing.getVersion() + 1);
  value.setModPolicy(existing.getModPolicy());
  value.setValue(capabilities.serializeBinary());

  const readSet = new common.ConfigGroup();
  readSet.setVersion(channelGroup.getVersion());
  const writeSet = new common.ConfigGroup();
  writeSet.setVersion(channelGroup.getVersion());
  writeSet.setModPolicy(channelGroup.getModPolicy());
  writeSet.getValuesMap().set('Capabilities', value);

  const update = new common.ConfigUpdate();
  update.setChannelId(channelId);
  update.setReadSet(readSet);
  update.setWriteSet(writeSet);
  return update;
}

/** A config update with one signature per signer (`ConfigSignature` over signature header + update bytes). */
export function signConfigUpdate(
  update: common.ConfigUpdate,
  signers: readonly SigningIdentity[],
): common.ConfigUpdateEnvelope {
  const updateBytes = update.serializeBinary();
  const envelope = new common.ConfigUpdateEnvelope();
  envelope.setConfigUpdate(updateBytes);
  envelope.setSignaturesList(
    signers.map((signer) => {
      const header = signatureHeader(signer).serializeBinary();
      const signature = new common.ConfigSignature();
      signature.setSignatureHeader(header);
      signature.setSignature(signWith(signer, Buffer.concat([header, updateBytes])));
      return signature;
    }),
  );
  return envelope;
}

/** The `CONFIG_UPDATE` transaction envelope the orderer's Broadcast takes, signed by `submitter`. */
export function configUpdateTransaction(
  channelId: string,
  configUpdate: common.ConfigUpdateEnvelope,
  submitter: SigningIdentity,
): common.Envelope {
  const channelHeader = new common.ChannelHeader();
  channelHeader.setType(common.HeaderType.CONFIG_UPDATE);
  channelHeader.setChannelId(channelId);
  channelHeader.setTimestamp(timestampNow());
  const header = new common.Header();
  header.setChannelHeader(channelHeader.serializeBinary());
  header.setSignatureHeader(signatureHeader(submitter).serializeBinary());
  const payload = new common.Payload();
  payload.setHeader(header);
  payload.setData(configUpdate.serializeBinary());
  const payloadBytes = payload.serializeBinary();
  const envelope = new common.Envelope();
  envelope.setPayload(payloadBytes);
  envelope.setSignature(signWith(submitter, payloadBytes));
  return envelope;
}

function signatureHeader(signer: SigningIdentity): common.SignatureHeader {
  const header = new common.SignatureHeader();
  header.setCreator(serializeIdentity(signer));
  header.setNonce(randomBytes(24));
  return header;
}
